"""Communication notes may hold health data (精神分裂症，需家属陪同): encrypted at rest, shown in
full only to those who may reveal, and never in clear in the audit trail, the logs or a masked
export."""

from __future__ import annotations

import importlib
import io
import json
import logging
from types import SimpleNamespace

import openpyxl
import pytest
from django.apps import apps
from django.db import connection

from ablework.core.audit import TEXT_CHANGED
from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_free_text
from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.registry.services import update_person
from ablework.registry.services.inputs import PersonChanges
from tests.exchange.files import HEADER, import_file, person_rows, write_xlsx
from tests.helpers import signed_in
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

NOTES = "精神分裂症，需家属全程陪同"
NEW_NOTES = "抑郁症，夜间勿打电话"
# The words of the notes a leak would show, whole or in part.
HEALTH_WORDS = ("精神分裂症", "家属全程陪同", "抑郁症", "夜间勿打电话")


def _raw_notes(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT communication_notes FROM registry_person WHERE id = %s", [person.pk])
        return cursor.fetchone()[0]


def _raw_audit_text() -> str:
    """Every audit row's changes, detail and label as stored, and as JSON would escape them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes, detail, target_label FROM core_auditrecord")
        raw = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    decoded = [
        json.dumps([r.changes, r.detail], ensure_ascii=False) for r in AuditRecord.objects.all()
    ]
    return raw + " ".join(decoded)


def _assert_no_health_words(text: str) -> None:
    for word in HEALTH_WORDS:
        assert word not in text
        assert json.dumps(word)[1:-1] not in text  # nor its \\u escapes


@pytest.fixture
def person(demo_data) -> Person:
    return PersonFactory(county_code="370811", communication_notes=NOTES)


def test_the_notes_are_encrypted_in_the_database_and_read_back_in_clear(person):
    raw = _raw_notes(person)
    _assert_no_health_words(raw)
    assert raw.startswith("v1:")
    assert Person.objects.get(pk=person.pk).communication_notes == NOTES


def test_the_audit_records_that_the_notes_changed_not_what_they_say(person, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    update_person(
        actor=counsellor, person=person, changes=PersonChanges(communication_notes=NEW_NOTES)
    )
    created, changed = (
        AuditRecord.objects.filter(target_id=str(person.pk))
        .filter(action__in=["registry.person.create", "registry.person.update"])
        .order_by("id")
    )
    assert created.changes["communication_notes"] == ["", TEXT_CHANGED]
    assert changed.changes["communication_notes"] == ["", TEXT_CHANGED]
    _assert_no_health_words(_raw_audit_text())
    # and the audit page, to one who may read it, says only that they changed
    page = signed_in(demo_data["jining_auditor"]).get("/audit/").content.decode()
    assert TEXT_CHANGED in page
    _assert_no_health_words(page)


def test_even_the_sql_log_holds_no_clear_notes(person, demo_data, caplog):
    counsellor = demo_data["rencheng_counsellor"]
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True  # django.db.backends logs each query with its values
    try:
        update_person(
            actor=counsellor, person=person, changes=PersonChanges(communication_notes=NEW_NOTES)
        )
        signed_in(counsellor).get(f"/persons/{person.pk}/")
    finally:
        connection.force_debug_cursor = False
    assert any("registry_person" in r.getMessage() for r in caplog.records)  # queries logged
    _assert_no_health_words("\n".join(r.getMessage() for r in caplog.records))


def test_a_masked_role_sees_only_that_notes_are_written_and_a_permitted_one_sees_them(
    person, demo_data
):
    auditor = signed_in(demo_data["jining_auditor"])
    masked_page = auditor.get(f"/persons/{person.pk}/").content.decode()
    assert mask_free_text(NOTES) in masked_page
    _assert_no_health_words(masked_page)
    for url in (f"/api/v1/persons/{person.pk}", f"/api/v1/persons/{person.pk}/history"):
        response = auditor.get(url)
        assert response.status_code == 200
        _assert_no_health_words(response.content.decode())
    counsellor_page = signed_in(demo_data["rencheng_counsellor"]).get(f"/persons/{person.pk}/")
    assert NOTES in counsellor_page.content.decode()


def _communication_cells(user, person: Person) -> list[str]:
    response = signed_in(user).post("/persons/export.csv", {"format": "xlsx", "region": "370811"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    column = rows[0].index("沟通需要")
    name = rows[0].index("姓名")
    return [row[column] for row in rows[1:] if row[name] == person.name]


def test_a_masked_export_holds_no_notes_and_a_permitted_one_does(person, demo_data):
    (masked,) = _communication_cells(demo_data["jining_auditor"], person)
    assert masked == mask_free_text(NOTES)
    response = signed_in(demo_data["jining_auditor"]).post("/persons/export.csv")
    _assert_no_health_words(b"".join(response.streaming_content).decode("utf-8-sig"))
    (clear,) = _communication_cells(demo_data["jining_admin"], person)
    assert clear == NOTES


def test_an_import_writes_the_notes_encrypted_and_audits_a_change_without_them(
    counsellor, tmp_path
):
    header = [*HEADER, "沟通需要"]
    rows = [[*row, "手语、精神分裂症"] for row in person_rows(1)]
    import_file(counsellor, write_xlsx(tmp_path / "first.xlsx", rows, header=header))
    person = Person.objects.get(resident_id_hash=lookup_hash(rows[0][1]))
    assert (person.needs_sign_language, person.communication_notes) == (True, "精神分裂症")
    rows[0][-1] = "手语、抑郁症"
    import_file(counsellor, write_xlsx(tmp_path / "second.xlsx", rows, header=header))
    person.refresh_from_db()
    assert person.communication_notes == "抑郁症"
    _assert_no_health_words(_raw_notes(person))
    update = AuditRecord.objects.get(action="registry.person.import_update")
    assert update.changes["communication_notes"] == ["", TEXT_CHANGED]
    _assert_no_health_words(_raw_audit_text())


def test_the_migration_encrypts_notes_stored_in_clear_and_only_once(person):
    migration = importlib.import_module(
        "ablework.registry.migrations.0008_communication_notes_encrypted"
    )
    other = PersonFactory(county_code="370811", communication_notes="")
    with connection.cursor() as cursor:  # as the column held them before the migration
        cursor.execute(
            "UPDATE registry_person SET communication_notes = %s WHERE id = %s", [NOTES, person.pk]
        )
    editor = SimpleNamespace(connection=connection)
    migration.encrypt_notes(apps, editor)
    sealed = _raw_notes(person)
    _assert_no_health_words(sealed)
    assert Person.objects.get(pk=person.pk).communication_notes == NOTES
    migration.encrypt_notes(apps, editor)  # run again: already encrypted, left as it is
    assert _raw_notes(person) == sealed
    assert _raw_notes(other) == ""
    migration.decrypt_notes(apps, editor)  # and back, for a rollback
    assert _raw_notes(person) == NOTES
