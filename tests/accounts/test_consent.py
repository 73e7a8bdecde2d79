"""Staff record a family member's consent; the person sees who looked at their record."""

from __future__ import annotations

import pytest

from ablework.accounts.models import ProxyConsent
from tests.accounts.factories import (
    CounsellorFactory,
    FamilyUserFactory,
    PersonUserFactory,
    ProxyConsentFactory,
)
from tests.helpers import signed_in
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_counsellor_records_consent_and_family_member_gains_access():
    family = FamilyUserFactory(username="family_user")
    person = PersonFactory()
    family_client = signed_in(family)
    assert family_client.get(f"/persons/{person.pk}/").status_code == 404
    # when the counsellor records the person's consent from the person's record
    response = signed_in(CounsellorFactory()).post(
        f"/accounts/consents/new/{person.pk}/",
        {"family_username": "family_user", "relationship": "配偶", "evidence": "本人签署授权书"},
    )
    assert response.status_code == 302
    # then the family member can open the record
    assert family_client.get(f"/persons/{person.pk}/").status_code == 200


def test_consent_is_started_from_the_record_page_and_asks_for_no_record_number():
    FamilyUserFactory(username="family_user")
    person = PersonFactory(name="授权测试")
    staff = signed_in(CounsellorFactory())
    # given the consent list, which asks for no record number but sends staff to the search
    listing = staff.get("/accounts/consents/").content.decode()
    assert 'name="person_id"' not in listing
    assert "记录编号" not in listing
    assert 'href="/persons/"' in listing
    # when staff open the person's record and follow its consent link
    record = staff.get(f"/persons/{person.pk}/").content.decode()
    link = f"/accounts/consents/new/{person.pk}/"
    assert f'href="{link}"' in record
    form = staff.get(link).content.decode()
    # then the form names the person by name and masked ID, with no number to type
    assert "为 授权测试 登记家属代办授权" in form
    assert person.resident_id_masked in form
    assert 'name="person_id"' not in form
    assert "记录编号" not in form
    # and saving it records the consent for that person
    response = staff.post(
        link, {"family_username": "family_user", "relationship": "女儿", "evidence": "授权书"}
    )
    assert response.status_code == 302
    assert ProxyConsent.objects.get(person=person).relationship == "女儿"


def test_consent_for_a_person_outside_the_area_is_refused():
    FamilyUserFactory(username="family_user")
    person = PersonFactory(county_code="370826")
    staff = signed_in(CounsellorFactory())
    link = f"/accounts/consents/new/{person.pk}/"
    assert staff.get(link).status_code == 404
    response = staff.post(
        link, {"family_username": "family_user", "relationship": "配偶", "evidence": "授权书"}
    )
    assert response.status_code == 404
    assert not ProxyConsent.objects.filter(person=person).exists()


def test_revoking_ends_access():
    consent = ProxyConsentFactory()
    family_client = signed_in(consent.family_member)
    assert family_client.get(f"/persons/{consent.person_id}/").status_code == 200
    signed_in(CounsellorFactory()).post(f"/accounts/consents/{consent.pk}/revoke/")
    assert family_client.get(f"/persons/{consent.person_id}/").status_code == 404


def test_person_sees_who_viewed_their_record():
    person_user = PersonUserFactory()
    counsellor = CounsellorFactory(
        username="rencheng_counsellor", display_name="任城区就业服务专员"
    )
    signed_in(counsellor).get(f"/persons/{person_user.person_id}/")
    page = signed_in(person_user).get("/accounts/my-access-log/").content.decode()
    # the person reads who (name and unit) and what, never an account name or an action code
    assert "任城区就业服务专员" in page
    assert "济宁市任城区 · 就业服务专员" in page
    assert "查看档案" in page
    assert "rencheng_counsellor" not in page
    assert "registry.person.view" not in page
    assert signed_in(counsellor).get("/accounts/my-access-log/").status_code == 404
