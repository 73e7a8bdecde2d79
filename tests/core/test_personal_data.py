"""Sensitive values are encrypted at rest, found by keyed hash, and masked on screen."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from ablework.accounts.models import User
from ablework.core.crypto import lookup_hash
from ablework.registry.models import Person
from tests.accounts.factories import AuditorFactory, CounsellorFactory
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

RESIDENT_ID = "37081119900307123X"


@pytest.fixture
def person() -> Person:
    return PersonFactory(
        birth_date=date(1990, 3, 7),
        resident_id=RESIDENT_ID,
        phone="13912345678",
        address="任城区建设路100号3单元",
    )


@pytest.fixture
def counsellor() -> User:
    return CounsellorFactory(username="rencheng_counsellor")


@pytest.fixture
def auditor() -> User:
    return AuditorFactory(username="jining_auditor")


def test_raw_database_row_holds_no_clear_sensitive_value(person):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resident_id, certificate_number, phone, address FROM registry_person "
            "WHERE id = %s",
            [person.pk],
        )
        raw = cursor.fetchone()
    for stored, clear in zip(
        raw, (RESIDENT_ID, RESIDENT_ID + "42", "13912345678", "任城区建设路100号3单元"), strict=True
    ):
        assert clear not in stored
        assert "1234" not in stored  # not even a fragment of the phone number
    assert Person.objects.get(pk=person.pk).resident_id == RESIDENT_ID


def test_equal_values_encrypt_differently(person):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT resident_id, certificate_number FROM registry_person WHERE id = %s", [person.pk]
        )
        resident, certificate = cursor.fetchone()
    assert resident[:20] != certificate[:20]


def test_lookup_hash_finds_full_width_and_lower_case_input(person):
    full_width = "３７０８１１１９９００３０７１２３ｘ"
    assert lookup_hash(full_width) == person.resident_id_hash


def test_lists_show_masked_identifiers(person, counsellor):
    client = Client()
    client.force_login(counsellor)
    page = client.get("/persons/", {"region": "370811"}).content.decode()
    assert "370811************" in page
    assert RESIDENT_ID not in page
    found = client.post("/persons/", {"q": RESIDENT_ID}).content.decode()
    assert "370811************" in found
    assert found.count(RESIDENT_ID) == 1  # only in the search box the user typed into
    detail = client.get(f"/persons/{person.pk}/").content.decode()
    assert RESIDENT_ID not in detail
    assert "13912345678" not in detail
    assert "139****5678" in detail


def test_reveal_shows_clear_values_and_is_logged(person, counsellor):
    from ablework.core.models import AuditRecord

    client = Client()
    client.force_login(counsellor)
    page = client.post(f"/persons/{person.pk}/reveal/").content.decode()
    assert RESIDENT_ID in page
    record = AuditRecord.objects.filter(action="registry.person.reveal").get()
    assert record.actor_label == "rencheng_counsellor"
    assert record.target_id == str(person.pk)


def test_auditor_cannot_reveal(person, auditor):
    client = Client()
    client.force_login(auditor)
    assert client.get(f"/persons/{person.pk}/").status_code == 200
    assert client.post(f"/persons/{person.pk}/reveal/").status_code == 404


def _export(user, **params) -> str:
    client = Client()
    client.force_login(user)
    # an identifier search is posted, never put in a URL
    response = client.post("/persons/export.csv", params)
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_export_is_masked_without_reveal_permission_and_logged_either_way(
    person, counsellor, auditor
):
    from ablework.core.models import AuditRecord

    # given an auditor (no reveal permission) and a counsellor (reveal permission)
    masked = _export(auditor, q=RESIDENT_ID)
    clear = _export(counsellor, q=RESIDENT_ID)
    # then the auditor's file is masked and the counsellor's is not
    assert RESIDENT_ID not in masked
    assert "370811************" in masked
    assert RESIDENT_ID in clear
    exports = AuditRecord.objects.filter(action="registry.person.export").order_by("id")
    assert [(r.actor_label, r.detail["masked"], r.detail["rows"]) for r in exports] == [
        ("jining_auditor", True, 1),
        ("rencheng_counsellor", False, 1),
    ]
