"""A large file is read and checked in a helper process while the importer writes: the result
is the one checking in place gives, a file that cannot be read says why, and a helper that
fails or an importer that stops leave the registry as it was and no process behind."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from django.db import DatabaseError

from ablework.core.crypto import lookup_hash
from ablework.exchange.importing import checking
from ablework.exchange.importing.checking import HelperFailed, use_helper
from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.registry.imports import PERSONS
from ablework.registry.imports.planning import PersonPlanner as Planner
from ablework.registry.imports.rows import PersonRowChecker as RowChecker
from ablework.registry.models import Person
from tests.exchange.files import (
    import_file,
    person_rows,
    problems_of,
    registry_state,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper(settings, monkeypatch):
    """Every file goes to a helper, in chunks of 7 rows; records which processes checked the
    rows the importer planned."""
    settings.EXCHANGE_HELPER_MIN_BYTES = 0
    # Other tests of the session may have left threads (a browser test's server): the helper
    # is forked all the same here, as the command line would fork it.
    monkeypatch.setattr(checking.threading, "active_count", lambda: 1)
    monkeypatch.setattr(checking.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(checking, "CHUNK_ROWS", 7)
    seen: dict[str, set[int]] = {"checked_in": set()}
    check, plan = RowChecker.check, Planner.plan

    def checked_with_pid(self, *args):
        row = check(self, *args)
        row.checked_in = os.getpid()
        return row

    def planned(self, rows):
        seen["checked_in"] |= {row.checked_in for row in rows}
        return plan(self, rows)

    monkeypatch.setattr(RowChecker, "check", checked_with_pid)
    monkeypatch.setattr(Planner, "plan", planned)
    return seen


def _rows_with_problems():
    rows = person_rows(30)
    rows[3][1] = rows[3][1][:17] + ("0" if rows[3][1][17] != "0" else "1")  # check digit
    rows[9][4] = "9级"
    rows[20] = list(rows[2])  # the same person twice, 18 rows (two chunks) apart
    rows[26][5] = "999999"
    return rows


def _persons(rows) -> dict[str, tuple]:
    """The file's persons as the registry holds them."""
    hashes = [lookup_hash(row[1]) for row in rows]
    return {
        person.resident_id_hash: (
            person.name,
            person.birth_date,
            person.disability_grade,
            person.employment_status,
            person.county_code,
        )
        for person in Person.objects.filter(resident_id_hash__in=hashes)
    }


def test_a_helper_checks_the_rows_and_the_import_is_the_one_checking_in_place_gives(
    counsellor, tmp_path, helper, settings
):
    rows = _rows_with_problems()
    path = write_xlsx(tmp_path / "large.xlsx", rows)
    assert use_helper(path)
    batch = import_file(counsellor, path)
    assert len(helper["checked_in"]) == 1  # one helper checked every row, not this process
    assert os.getpid() not in helper["checked_in"]
    found, persons, state = problems_of(batch), _persons(rows), registry_state()
    assert [row for row, *_ in found] == [5, 11, 22, 28]
    assert "与第4行的公民身份号码重复" in found[2][2]
    assert (batch.status, batch.rows_created, batch.rows_rejected) == (BatchStatus.COMMITTED, 26, 4)
    assert len(persons) == 26

    Person.objects.filter(resident_id_hash__in=persons).delete()
    settings.EXCHANGE_HELPER_MIN_BYTES = None
    assert not use_helper(path)
    again = import_file(counsellor, path)
    assert problems_of(again) == found
    assert _persons(rows) == persons
    assert registry_state()["persons"] == state["persons"]


def test_a_file_the_helper_cannot_read_fails_with_the_reason(counsellor, tmp_path, helper):
    path = tmp_path / "no-header.csv"
    path.write_text("张三,1\n李四,2\n", encoding="utf-8")
    before = registry_state()
    batch = import_file(counsellor, path)
    assert batch.status == BatchStatus.FAILED
    assert "没有找到表头" in batch.message
    assert registry_state() == before
    assert multiprocessing.active_children() == []


def test_a_helper_that_fails_halfway_writes_nothing_and_says_why(
    counsellor, tmp_path, helper, monkeypatch
):
    check = RowChecker.check

    def failing(self, cells, number, problems):
        if number == 20:
            raise ValueError("a bug while checking row 20")
        return check(self, cells, number, problems)

    monkeypatch.setattr(RowChecker, "check", failing)
    path = write_csv(tmp_path / "q.csv", person_rows(30))
    before = registry_state()
    with pytest.raises(HelperFailed, match="a bug while checking row 20"):
        import_file(counsellor, path)
    assert registry_state() == before
    assert multiprocessing.active_children() == []


def test_the_helper_may_not_query_the_database(counsellor, tmp_path, helper, monkeypatch):
    def querying(self, cells, number, problems):
        Person.objects.filter(resident_id_hash=lookup_hash(str(cells[1]))).exists()

    monkeypatch.setattr(RowChecker, "check", querying)
    with pytest.raises(HelperFailed, match="must not use the database"):
        import_file(counsellor, write_csv(tmp_path / "q.csv", person_rows(3)))


def test_when_the_importer_stops_the_helper_ends(counsellor, tmp_path, helper, monkeypatch):
    write_plan = PERSONS.writer
    calls = []

    def failing_write(plan, ctx):
        calls.append(plan)
        if len(calls) == 2:
            raise DatabaseError("disk full")
        write_plan(plan, ctx)

    monkeypatch.setattr(PERSONS, "writer", failing_write)
    before = registry_state()
    with pytest.raises(DatabaseError):
        import_file(counsellor, write_csv(tmp_path / "q.csv", person_rows(60)))
    assert registry_state() == before
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("write", [write_csv, write_xlsx])
def test_an_upload_is_checked_by_the_helper_from_its_decrypted_copy_in_memory(
    client, tmp_path, helper, settings, write
):
    # given an uploaded file, kept encrypted, which the job decrypts into an anonymous file
    # (exchange/storage.py) that the forked helper reads
    rows = _rows_with_problems()
    path = write(tmp_path / f"large.{write.__name__[-4:]}", rows)
    with path.open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    batch = ImportBatch.objects.get(pk=int(response.headers["Location"].strip("/").split("/")[-1]))
    batch.refresh_from_db()
    # then the helper checked every row, as from the file itself
    assert len(helper["checked_in"]) == 1
    assert os.getpid() not in helper["checked_in"]
    assert (batch.status, batch.rows_total, batch.rows_rejected) == (BatchStatus.CHECKED, 30, 4)
    # and the row limit holds there too, its message crossing from the helper
    settings.IMPORT_WEB_MAX_ROWS = 10
    with path.open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    refused = ImportBatch.objects.get(
        pk=int(response.headers["Location"].strip("/").split("/")[-1])
    )
    refused.refresh_from_db()
    assert refused.status == BatchStatus.FAILED
    assert "网页导入每次最多 10 行" in refused.message
    assert multiprocessing.active_children() == []
