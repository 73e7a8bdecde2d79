"""The audit table is append-only in the database itself, on SQLite and on PostgreSQL: a raw
UPDATE, DELETE (or TRUNCATE) through Django's own connection is refused and the rows remain.
Only the test profile's flush (the teardown of transactional tests) empties it."""

from __future__ import annotations

import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from ablework.core.audit import record_audit
from ablework.core.models import AuditKind, AuditPerson, AuditRecord, Region
from ablework.registry.audit_actions import RegistryAction

pytestmark = pytest.mark.django_db


def _record(label: str) -> int:
    return record_audit(
        actor=None,
        kind=AuditKind.VIEW,
        action=RegistryAction.PERSON_VIEW,
        target_type="registry.person",
        target_label=label,
        region_code="370811",
    ).pk


@pytest.fixture
def records(db: None) -> list[int]:
    made = [_record(f"记录 {n}") for n in range(3)]
    AuditPerson.objects.create(record_id=made[0], person_id=7)  # a person an export included
    return made


def _check_constraints_now() -> None:
    # In the test's transaction PostgreSQL still owes the deferred checks of the rows just
    # written, and refuses any TRUNCATE until they are done ("pending trigger events").
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _refused(sql: str, params: list[object] | None = None) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params or [])


def test_a_raw_delete_through_djangos_connection_is_refused_and_the_rows_remain(records):
    _refused("DELETE FROM core_auditrecord WHERE id = %s", [records[0]])
    _refused("DELETE FROM core_auditrecord")
    _refused("DELETE FROM core_auditperson")
    assert AuditRecord.objects.filter(pk__in=records).count() == 3
    assert AuditPerson.objects.filter(record_id=records[0]).exists()


def test_a_raw_update_is_refused_and_the_row_unchanged(records):
    _refused("UPDATE core_auditrecord SET region_code = '110000' WHERE id = %s", [records[0]])
    assert AuditRecord.objects.get(pk=records[0]).region_code == "370811"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_a_truncate_is_refused_on_postgresql(records):
    _check_constraints_now()
    _refused("TRUNCATE core_auditrecord CASCADE")
    _refused("TRUNCATE core_auditperson")
    assert AuditRecord.objects.filter(pk__in=records).count() == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file opened by another tool")
def test_another_program_opening_the_sqlite_file_cannot_delete_either(records):
    # The audit table with its indexes and triggers as migrated, opened without Django (as the
    # sqlite3 shell would): the trigger's permit function is missing there, so a DELETE fails.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'core_auditrecord' "
            "AND sql IS NOT NULL "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END"
        )
        schema = cursor.fetchall()
    assert sum(kind == "trigger" for kind, _sql in schema) == 2  # no UPDATE, no DELETE
    other = sqlite3.connect(":memory:")
    other.execute("CREATE TABLE accounts_user (id integer PRIMARY KEY)")  # the actor's FK
    for _kind, sql in schema:
        other.execute(sql)
    other.execute(
        "INSERT INTO core_auditrecord (at, actor_label, kind, action, target_type, target_id, "
        "target_label, region_code, changes, detail) "
        "VALUES ('2026-01-01', 'system', 'view', 'x', 'x', '', '', '', '{}', '{}')"
    )
    with pytest.raises(sqlite3.OperationalError, match="ablework_audit_flush"):
        other.execute("DELETE FROM core_auditrecord")
    assert other.execute("SELECT COUNT(*) FROM core_auditrecord").fetchone()[0] == 1


def test_the_test_profiles_flush_still_empties_the_audit_with_every_table(records):
    _check_constraints_now()
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not AuditRecord.objects.exists()
    assert not AuditPerson.objects.exists()
    assert not Region.objects.exists()
    # and the permit ended with the flush
    _record("after the flush")
    _refused("DELETE FROM core_auditrecord")
    assert AuditRecord.objects.count() == 1


def test_outside_the_test_profile_flush_is_refused_and_empties_nothing(records, settings):
    settings.AUDIT_EMPTIED_BY_FLUSH = False
    _check_constraints_now()
    with pytest.raises(CommandError) as refused:
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert "append-only" in str(refused.value.__cause__)
    assert AuditRecord.objects.filter(pk__in=records).count() == 3
    assert Region.objects.filter(code="370811").exists()
