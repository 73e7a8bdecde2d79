"""The season's frames read column-wise through the database's ADBC driver (`core.columns`)
hold what the reads through Django's cursor hold, and the driver is used only where its own
connection sees what Django's sees."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from django.db import connection, transaction

from ablework.core import bulk
from ablework.core.columns import arrow_uri, read_arrow
from ablework.demo.declarations import DemoDeclarations
from ablework.levy.models import Assessment
from ablework.levy.selectors import frames
from ablework.levy.selectors.frames import filed_months, persons_of_year, region_employers
from ablework.levy.services.assessment import assess_season
from ablework.quota.models import Declaration

from .conftest import ON, YEAR

COLUMNS = [f.attname for f in Assessment._meta.concrete_fields if f.attname not in ("id", "run_id")]


def _frames() -> list[pl.DataFrame]:
    filed = filed_months(YEAR)
    rows = Declaration.objects.order_by("employer_id", "-created_at", "-pk")
    return [
        region_employers("37"),
        filed,
        persons_of_year(YEAR, filed),
        frames.certified_declarations(YEAR, "37"),
        frames.declarations(rows),
    ]


def _rows() -> list[tuple[Any, ...]]:
    return list(Assessment.objects.order_by("employer_id").values_list(*COLUMNS))


@pytest.mark.django_db(transaction=True)
def test_the_frames_and_rows_are_the_same_through_the_driver_and_the_cursor(
    national_regions: None,
    demo_quota: DemoDeclarations,
) -> None:
    with transaction.atomic():
        assert arrow_uri(connection) is None, "inside a transaction: Django's cursor"
        through_cursor = _frames()
        assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
        by_cursor = _rows()
    # On PostgreSQL the driver's own connection reads now; an in-memory SQLite test database
    # has no second connection, so there the cursor reads again.
    assert (arrow_uri(connection) is not None) == (connection.vendor == "postgresql")
    through_driver = _frames()
    assert through_cursor[1].height > 0, "the demo has filed lines counting a month"
    for before, now in zip(through_cursor, through_driver, strict=True):
        assert now.schema == before.schema
        assert now.sort(now.columns).equals(before.sort(before.columns))
    assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    assert _rows() == by_cursor


def test_a_file_database_is_read_through_the_driver_as_the_cursor_reads_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "file.sqlite3"
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE t (id integer, code varchar(6), kind text, n smallint)")
        database.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?)",
            [(i, f"37{i:04d}", "" if i % 3 else "organ, '100%'", i % 7) for i in range(5000)],
        )
    sql = "SELECT id, code, kind, n FROM t WHERE n >= %s AND kind LIKE '%%' ORDER BY id"
    schema = {"id": pl.Int64, "code": pl.String, "kind": pl.String, "n": pl.Int16}
    stand_in: Any = SimpleNamespace(vendor="sqlite")
    frame = read_arrow(stand_in, str(path), sql, [2], schema)
    with sqlite3.connect(path) as database:
        expected = database.execute(sql.replace("%s", "?").replace("%%", "%"), [2]).fetchall()
    assert frame.schema == pl.Schema(schema)
    assert frame.rows() == expected


@pytest.mark.django_db
def test_the_persons_are_the_same_read_whole_or_looked_up_by_number(
    demo_quota: DemoDeclarations, monkeypatch: pytest.MonkeyPatch
) -> None:
    filed = filed_months(YEAR)
    found = []
    for factor in (0, 1_000_000):  # looked up by number; the registry read whole
        monkeypatch.setattr(frames, "SCAN_FACTOR", factor)
        found.append(persons_of_year(YEAR, filed))
    looked_up, read_whole = found
    assert looked_up.height > 0, "the demo's filed lines name registry persons"
    assert read_whole.equals(looked_up)


@pytest.mark.django_db
def test_decimals_and_json_are_read_through_the_driver_as_the_cursor_reads_them(
    demo_quota: DemoDeclarations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A declaration's figures as the database may hold them: a wage total with fen (a real on
    # SQLite), an annual average where the others have twelve months (null elsewhere).
    declaration = Declaration.objects.filter(levy_year=YEAR).order_by("pk").last()
    assert declaration is not None
    Declaration.objects.filter(pk=declaration.pk).update(
        headcount_monthly=None,
        headcount_annual_average=Decimal("37.25"),
        wage_total=Decimal("1234567.89"),
    )
    rows = Declaration.objects.order_by("employer_id", "-created_at", "-pk")
    by_cursor = frames.declarations(rows)
    if connection.vendor == "sqlite":
        # The test database is in memory: the driver reads a copy of the table in a file.
        path = tmp_path / "copy.sqlite3"
        table = Declaration._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
            (create,) = cursor.fetchone()
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 — the model's table
            stored = cursor.fetchall()
        with sqlite3.connect(path) as copy:
            copy.execute(create)
            marks = ", ".join("?" * len(stored[0]))
            copy.executemany(f"INSERT INTO {table} VALUES ({marks})", stored)  # noqa: S608
        monkeypatch.setattr(bulk, "arrow_uri", lambda _connection: str(path))
    else:
        monkeypatch.setattr(bulk, "arrow_uri", lambda _connection: None)
        pytest.skip("on PostgreSQL the driver's reads are compared in a transactional test")
    through_driver = frames.declarations(rows)
    assert by_cursor["annual_average"].null_count() < by_cursor.height
    assert by_cursor["headcount_monthly"].null_count() > 0
    assert through_driver.schema == by_cursor.schema
    assert through_driver.equals(by_cursor)
