"""Rows written by the bulk insert read back exactly as rows the ORM saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from ablework.core.audit import audit_entry, record_audits
from ablework.core.bulk import _Statement, insert_objects, insert_rows
from ablework.core.crypto import decrypt_text
from ablework.core.models import AuditKind, AuditRecord
from ablework.core.models.fields import EncryptedTextField
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import EmploymentPeriod, Person
from ablework.registry.services import fill_protected_columns

pytestmark = pytest.mark.django_db

RESIDENT_ID = "11010519491231002X"


def _person(resident_id: str, name: str) -> Person:
    return fill_protected_columns(
        Person(
            name=name,
            sex="female",
            birth_date=date(1949, 12, 31),
            resident_id=resident_id,
            certificate_number=f"{resident_id}42",
            disability_category=4,
            disability_grade=2,
            phone="13800000000",
            address="北京市朝阳区某某路1号",
            county_code="110105",
            employment_status="employed",
            employment_kind="quota",
            needs_sign_language=True,
            certificate_valid_until=date(2030, 6, 30),
        )
    )


def test_bulk_inserted_persons_read_back_like_saved_ones():
    # given one person saved by the ORM and one inserted in bulk
    saved = _person(RESIDENT_ID, "甲")
    saved.save()
    inserted = _person("440524188001010014", "乙")
    insert_objects([inserted])
    # then every field reads back the same way (decrypted, dates, booleans, timestamps)
    loaded = Person.objects.get(resident_id_hash=inserted.resident_id_hash)
    for field in Person._meta.concrete_fields:
        if field.name in ("id", "name", "created_at", "updated_at") or "resident_id" in field.name:
            continue
        if field.name.startswith("certificate_") and field.name != "certificate_valid_until":
            continue
        assert getattr(loaded, field.attname) == getattr(saved, field.attname), field.name
    assert loaded.resident_id == "440524188001010014"
    assert loaded.created_at is not None
    assert loaded.updated_at is not None


def test_rows_given_as_values_take_defaults_and_foreign_keys():
    person = _person(RESIDENT_ID, "甲")
    person.save()
    insert_rows(
        EmploymentPeriod,
        [{"person_id": person.pk, "status": "employed", "started_on": date(2026, 1, 1)}],
    )
    record_audits(
        [
            audit_entry(
                actor=None,
                kind=AuditKind.CREATE,
                action=RegistryAction.PERSON_IMPORT_CREATE,
                target=person,
                changes={"name": [None, "甲"]},
                detail={"row": 2},
            )
        ]
    )
    period = EmploymentPeriod.objects.get(person=person)
    assert (period.kind, period.employer_name, period.ended_on) == ("", "", None)
    assert period.recorded_at is not None
    record = AuditRecord.objects.get(action=RegistryAction.PERSON_IMPORT_CREATE)
    assert (record.changes, record.detail, record.target_id) == (
        {"name": [None, "甲"]},
        {"row": 2},
        str(person.pk),
    )


def _comparable(value):
    """A prepared parameter as a value to compare (PostgreSQL wraps JSON in an adapter)."""
    return ("json", value.obj) if hasattr(value, "obj") else value


@pytest.mark.parametrize("model", [Person, EmploymentPeriod, AuditRecord])
def test_every_prepared_value_is_what_the_field_itself_prepares(model):
    # given a row with a value of every kind the imports write
    values = {
        **vars(_person(RESIDENT_ID, "甲")),
        "person_id": 7,
        "status": "employed",
        "started_on": date(2026, 1, 1),
        "ended_on": date(2026, 3, 31),
        "kind": AuditKind.CREATE,
        "action": "test.bulk",
        "changes": {"name": [None, "甲"], "flag.low_income": [False, True]},
        "detail": {"row": 2, "file_name": "q1.xlsx"},
        "target_id": "7",
        "county_code": "110105",
        "region_code": "110105",
    }
    statement = _Statement(model, DEFAULT_DB_ALIAS)
    # when it is prepared for the INSERT
    row = statement.prepare(values, now={})
    # then each parameter is what the field's get_db_prep_save gives (encrypted: same text)
    connection = connections[DEFAULT_DB_ALIAS]
    for field, prepared in zip(statement.fields, row, strict=True):
        value = values.get(field.attname)
        if value is None:
            continue
        expected = field.get_db_prep_save(value, connection)
        if isinstance(field, EncryptedTextField) and value == "":
            assert prepared == expected == "", field.name  # empty stays empty, unencrypted
        elif isinstance(field, EncryptedTextField):
            assert decrypt_text(prepared) == decrypt_text(expected) == value, field.name
        else:
            assert _comparable(prepared) == _comparable(expected), field.name
            if not isinstance(expected, int):  # PostgreSQL tags small integers: same value
                assert type(prepared) is type(expected), field.name
