"""Committing: only valid rows or nothing; idempotent re-import; a newer file updates with
history; an interrupted import leaves the registry as it was and can be run again."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ablework.core.crypto import lookup_hash
from ablework.core.models import AuditRecord
from ablework.exchange.models import BatchStatus
from ablework.registry.models import EmploymentPeriod, Person, PersonFlag
from tests.exchange.files import (
    HEADER,
    import_file,
    person_rows,
    problems_of,
    registry_state,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def _person(row) -> Person:
    return Person.objects.get(resident_id_hash=lookup_hash(row[1]))


def test_valid_rows_are_written_with_history_flags_and_an_audit_record_naming_the_file(
    counsellor, tmp_path
):
    rows = person_rows(3)
    rows[0][6:9] = ["已就业", "按比例就业", "济宁某某机械有限公司"]
    rows[0][10] = "是"
    batch = import_file(counsellor, write_xlsx(tmp_path / "q1.xlsx", rows))
    person = _person(rows[0])
    period = EmploymentPeriod.objects.get(person=person)
    assert (period.status, period.kind, period.employer_name, period.ended_on) == (
        "employed",
        "quota",
        "济宁某某机械有限公司",
        None,
    )
    assert PersonFlag.objects.get(person=person).kind == "minimum_living_allowance"
    audit = AuditRecord.objects.get(
        action="registry.person.import_create", target_id=str(person.pk)
    )
    assert audit.detail["import_batch"] == batch.pk
    assert audit.detail["file_name"] == "q1.xlsx"
    assert audit.actor == counsellor
    commit = AuditRecord.objects.get(action="exchange.import.commit")
    assert (commit.detail["created"], commit.detail["file_sha256"]) == (3, batch.file_sha256)


def test_all_or_nothing_writes_nothing_when_a_row_fails(counsellor, tmp_path):
    rows = person_rows(3)
    rows[2][4] = "9级"
    before = registry_state()
    batch = import_file(counsellor, write_xlsx(tmp_path / "a.xlsx", rows), commit="all-or-nothing")
    assert batch.status == BatchStatus.NOTHING_WRITTEN
    assert registry_state() == before
    assert [row for row, *_ in problems_of(batch)] == [4]


def test_importing_the_same_file_again_changes_nothing(counsellor, tmp_path):
    path = write_xlsx(tmp_path / "same.xlsx", person_rows(20))
    first = import_file(counsellor, path)
    after_first = registry_state()
    second = import_file(counsellor, path)
    assert (first.rows_created, second.rows_created, second.rows_updated) == (20, 0, 0)
    assert second.rows_unchanged == 20
    assert second.file_sha256 == first.file_sha256
    assert registry_state() == after_first


def test_a_newer_file_updates_records_and_keeps_the_history(counsellor, tmp_path):
    # given a person imported as unemployed, not on 低保
    rows = person_rows(2)
    rows[0][6:9] = ["未就业", "", ""]
    rows[0][10] = "否"
    import_file(counsellor, write_xlsx(tmp_path / "q1.xlsx", rows))
    person = _person(rows[0])
    first_period = EmploymentPeriod.objects.get(person=person)
    # when next quarter's file says employed (flexibly) and on 低保 from its check date
    rows[0][6:9] = ["已就业", "灵活就业", ""]
    rows[0][10] = "是"
    checked_on = timezone.localdate()
    newer = [[*row, checked_on.isoformat()] for row in rows]
    batch = import_file(
        counsellor, write_xlsx(tmp_path / "q2.xlsx", newer, header=[*HEADER, "核实日期"])
    )
    # then the record changed, the old period was closed, a new one opened on the check date
    assert (batch.rows_updated, batch.rows_unchanged) == (2, 0)  # both gained a 核实日期
    person.refresh_from_db()
    assert (person.employment_status, person.employment_kind) == ("employed", "flexible")
    assert person.last_verified_on == checked_on
    periods = list(EmploymentPeriod.objects.filter(person=person).order_by("id"))
    assert periods[0].pk == first_period.pk
    assert (periods[1].status, periods[1].started_on, periods[1].ended_on) == (
        "employed",
        checked_on,
        None,
    )
    assert periods[0].ended_on is not None
    flag = PersonFlag.objects.get(person=person, ended_on__isnull=True)
    assert flag.started_on == checked_on
    audit = AuditRecord.objects.get(
        action="registry.person.import_update", target_id=str(person.pk)
    )
    assert audit.changes["employment_status"] == ["unemployed", "employed"]
    assert audit.detail["file_name"] == "q2.xlsx"


def test_blank_cells_keep_what_is_registered(counsellor, tmp_path):
    rows = person_rows(1)
    import_file(counsellor, write_xlsx(tmp_path / "full.xlsx", rows))
    phone_before = _person(rows[0]).phone
    rows[0][9] = ""
    batch = import_file(counsellor, write_xlsx(tmp_path / "blank.xlsx", rows))
    assert batch.rows_unchanged == 1
    assert _person(rows[0]).phone == phone_before


class _FailHalfway:
    """The database refuses the write of the second chunk of new persons, as a dying server
    or a full disk would: what leaves the system fails, nothing inside is mocked."""

    def __init__(self) -> None:
        self.inserts = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "registry_person"'):
            self.inserts += 1
            if self.inserts == 3:
                raise DatabaseError("disk I/O error")
        return execute(sql, params, many, context)


def test_an_import_interrupted_halfway_leaves_the_registry_as_it_was_and_can_run_again(
    counsellor, tmp_path
):
    # given a file of 5,000 rows (three chunks of writes)
    path = write_csv(tmp_path / "big.csv", person_rows(5000, seed=3))
    before = registry_state()
    # when the database fails after some chunks were already written
    with connection.execute_wrapper(_FailHalfway()), pytest.raises(DatabaseError):
        import_file(counsellor, path)
    # then nothing of it is in the registry
    assert registry_state() == before
    # and running it again imports everything
    batch = import_file(counsellor, path)
    assert batch.rows_created == 5000
    assert registry_state()["persons"] == before["persons"] + 5000


@pytest.mark.slow
def test_a_large_file_is_written_in_bulk_not_row_by_row(counsellor, tmp_path):
    path = write_csv(tmp_path / "large.csv", person_rows(20_000, seed=4))
    with CaptureQueriesContext(connection) as queries:
        batch = import_file(counsellor, path)
    assert batch.rows_created == 20_000
    assert Person.objects.filter(county_code="370811").count() >= 20_000
    # bulk statements of many rows each, never one (or more) per row
    assert len(queries) < 20_000 / 10, len(queries)


def test_communication_needs_are_read_into_the_record(counsellor, tmp_path):
    rows = [[*row, "手语、需要家属陪同"] for row in person_rows(1)]
    import_file(counsellor, write_xlsx(tmp_path / "c.xlsx", rows, header=[*HEADER, "沟通需要"]))
    person = _person(rows[0])
    assert (person.needs_sign_language, person.needs_braille_or_large_print) == (True, False)
    assert person.communication_notes == "需要家属陪同"


def test_new_persons_get_the_protected_columns_the_registry_would_give_them(counsellor, tmp_path):
    from ablework.registry.services import fill_protected_columns

    rows = person_rows(1)
    import_file(counsellor, write_xlsx(tmp_path / "p.xlsx", rows))
    imported = _person(rows[0])
    expected = fill_protected_columns(
        Person(
            resident_id=imported.resident_id,
            certificate_number=imported.certificate_number,
            phone=imported.phone,
            address=imported.address,
        )
    )
    for column in (
        "resident_id_hash",
        "resident_id_masked",
        "certificate_hash",
        "certificate_masked",
        "phone_masked",
        "address_masked",
    ):
        assert getattr(imported, column) == getattr(expected, column), column
