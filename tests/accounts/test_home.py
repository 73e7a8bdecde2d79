"""Each role lands on a home page for its role and region."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.registry.models import Person

pytestmark = pytest.mark.django_db


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_county_counsellor_sees_their_county_count(demo_data):
    page = _home(demo_data["rencheng_counsellor"])
    assert "任城区" in page
    assert f">{Person.objects.filter(county_code='370811').count()}<" in page


def test_city_admin_sees_the_whole_city(demo_data):
    page = _home(demo_data["jining_admin"])
    assert f">{Person.objects.filter(county_code__startswith='3708').count()}<" in page
    assert "审计日志" in page


def test_employer_sees_own_organisation(demo_data):
    user = demo_data["employer_user"]
    assert user.employer.name in _home(user)


def test_person_sees_own_record_link(demo_data):
    user = demo_data["person_user"]
    assert f"/persons/{user.person_id}/" in _home(user)


def test_family_member_sees_whom_they_act_for(demo_data):
    user = demo_data["family_user"]
    consent = user.proxy_consents.get()
    assert f"/persons/{consent.person_id}/" in _home(user)


def test_display_preferences_persist_in_cookies(client, demo_data):
    client.force_login(demo_data["rencheng_counsellor"])
    client.post("/preferences/", {"text_size": "larger", "contrast": "high", "next": "/persons/"})
    page = client.get("/").content.decode()
    assert 'class="text-larger contrast-high"' in page


def test_preferences_do_not_redirect_off_site(client):
    response = client.post("/preferences/", {"text_size": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"
