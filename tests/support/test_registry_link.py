"""The registry's person page leads to the person's employment services: staff to the services
page, the person and a consenting family member to their own page in plain words. The registry
imports nothing of support (a panel of support's section, `Section.panels`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ablework.accounts.models import ProxyConsent
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def registry_page(user, person_id: int) -> str:
    response = signed_in(user).get(reverse("registry:person_detail", args=[person_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_reach_the_persons_services_from_the_registry_record(demo_data, guhuai_person):
    services = reverse("support:person", args=[guhuai_person.pk])
    for username in ("rencheng_township", "rencheng_counsellor", "jining_auditor"):
        page = registry_page(demo_data[username], guhuai_person.pk)
        assert f'href="{services}"' in page, username
        assert f"查看{guhuai_person.name}的就业服务" in page
        # and the link leads to a page they may open
        assert signed_in(demo_data[username]).get(services).status_code == 200


def test_the_person_and_family_are_led_to_their_own_page(demo_data):
    person_user = demo_data["person_user"]
    page = registry_page(person_user, person_user.person_id)
    assert f'href="{reverse("support:mine")}"' in page
    assert 'href="/support/persons/' not in page
    family = demo_data["family_user"]
    relative = ProxyConsent.objects.filter(family_member=family).values_list(
        "person_id", flat=True
    )[0]
    page = registry_page(family, relative)
    own = f"{reverse('support:mine')}?person={relative}"
    assert f'href="{own}"' in page
    assert signed_in(family).get(own).status_code == 200
