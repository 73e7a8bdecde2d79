"""A person's "谁查看了我的信息": the exports that included them, the lookups of their ID, and who
holds proxy consent for them, which they can revoke themselves (issue 9, items 8 and 9)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.services import revoke_consent
from ablework.core.errors import Conflict, NotFound
from ablework.core.models import AuditPerson, AuditRecord
from ablework.registry.models import Person
from ablework.registry.services.persons import export_persons_csv
from tests.accounts.factories import FamilyUserFactory, ProxyConsentFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

LOG = "/accounts/my-access-log/"


def _log_of(user: User) -> str:
    response = signed_in(user).get(LOG)
    assert response.status_code == 200
    return response.content.decode()


def test_an_export_that_included_the_person_is_in_their_access_log(demo_data):
    person_user = demo_data["person_user"]
    # when a county counsellor exports the county's registry, which includes the person
    response = signed_in(demo_data["rencheng_counsellor"]).post(
        "/persons/export.csv", {"county": "370811"}
    )
    assert response.status_code == 200
    b"".join(response.streaming_content)
    # then the person reads who exported it, from which unit, and how much of it
    page = _log_of(person_user)
    assert "导出残疾人信息" in page
    assert "任城区就业服务专员" in page
    assert "济宁市任城区 · 就业服务专员" in page
    assert "含完整证件号码" in page
    assert "registry.person.export" not in page
    assert "rencheng_counsellor" not in page


def test_an_export_of_another_county_is_not_in_the_persons_log(demo_data):
    person_user = demo_data["person_user"]
    signed_in(demo_data["weishan_counsellor"]).post("/persons/export.csv", {"county": "370826"})
    assert "导出残疾人信息" not in _log_of(person_user)
    # and the export noted each person it held, once, in one statement
    export = AuditRecord.objects.get(action="registry.person.export")
    noted = AuditPerson.objects.filter(record=export)
    in_county = Person.objects.filter(county_code="370826").count()
    assert noted.count() == export.detail["rows"] == in_county
    assert not noted.filter(person_id=person_user.person_id).exists()


def test_the_person_sees_who_holds_consent_and_revokes_it(demo_data):
    person_user = demo_data["person_user"]
    family = FamilyUserFactory(display_name="张家属")
    consent = ProxyConsentFactory(person=person_user.person, family_member=family)
    family_client = signed_in(family)
    assert family_client.get(f"/persons/{person_user.person_id}/").status_code == 200
    # the person's page names who holds consent for them, with a button to revoke it
    page = _log_of(person_user)
    assert "张家属" in page
    assert f'action="/accounts/consents/{consent.pk}/revoke/"' in page
    # when the person revokes it (they granted it, so no staff are needed)
    response = signed_in(person_user).post(
        f"/accounts/consents/{consent.pk}/revoke/", {"version": consent.version}
    )
    assert response.status_code == 302
    assert response["Location"] == LOG
    # then the family member can no longer open the record, and the revocation is in the log
    assert family_client.get(f"/persons/{person_user.person_id}/").status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_by == person_user
    audit = AuditRecord.objects.get(action="accounts.consent.revoke")
    assert (audit.actor, audit.target_id) == (person_user, str(person_user.person_id))
    page = _log_of(person_user)
    assert "撤销代办授权" in page
    assert "已于" in page


def test_a_person_cannot_revoke_a_consent_someone_else_granted(demo_data):
    family_consent = ProxyConsent.objects.get(family_member=demo_data["family_user"])
    with pytest.raises(NotFound):
        revoke_consent(actor=demo_data["person_user"], consent_id=family_consent.pk)
    response = signed_in(demo_data["person_user"]).post(
        f"/accounts/consents/{family_consent.pk}/revoke/", {"version": 1}
    )
    assert response.status_code == 404
    family_consent.refresh_from_db()
    assert family_consent.revoked_at is None


def test_the_second_of_two_staff_revoking_one_consent_is_told_it_is_done(demo_data):
    consent = ProxyConsent.objects.get(family_member=demo_data["family_user"])
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    # given two staff who opened the consent page on the same version
    seen = consent.version
    revoke_consent(actor=admin, consent_id=consent.pk, seen_version=seen)
    # when the second revokes from their page
    response = signed_in(counsellor).post(
        f"/accounts/consents/{consent.pk}/revoke/", {"version": seen}, follow=True
    )
    # then they are told who revoked it, and only one revocation is written
    page = response.content.decode()
    assert "无需再次撤销" in page
    assert f"由{admin}撤销" in page
    assert AuditRecord.objects.filter(action="accounts.consent.revoke").count() == 1
    consent.refresh_from_db()
    assert (consent.revoked_by, consent.version) == (admin, seen + 1)


def test_a_revocation_from_a_page_older_than_the_consent_is_refused(demo_data):
    consent = ProxyConsent.objects.get(family_member=demo_data["family_user"])
    # given a consent that changed after the page was opened (its version moved on)
    ProxyConsent.objects.filter(pk=consent.pk).update(version=consent.version + 1)
    with pytest.raises(Conflict) as refused:
        revoke_consent(
            actor=demo_data["rencheng_admin"], consent_id=consent.pk, seen_version=consent.version
        )
    assert "已被他人修改" in refused.value.message
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert not AuditRecord.objects.filter(action="accounts.consent.revoke").exists()


def test_revoked_consents_stay_listed_for_the_person(demo_data):
    person_user = demo_data["person_user"]
    ProxyConsentFactory(person=person_user.person, revoked_at=timezone.now())
    assert "已于" in _log_of(person_user)


def test_an_export_of_a_selection_that_can_hold_no_one_is_an_empty_file_not_an_error(demo_data):
    # a filter the database can tell holds no one (found by the schemathesis run: a 500 before)
    lines = export_persons_csv(
        actor=demo_data["rencheng_counsellor"], persons=Person.objects.filter(pk__in=[]), filters={}
    )
    assert len(list(lines)) == 1  # the header row only
    export = AuditRecord.objects.get(action="registry.person.export")
    assert export.detail["rows"] == 0
    assert not AuditPerson.objects.filter(record=export).exists()
