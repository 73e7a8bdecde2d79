"""Benchmark: importing a roster of 5,000 lines from .xlsx into the year's draft declaration
(issue 10), against the floor: openpyxl's read-only reading of the same file and one bulk
insert of its rows, in the same run.

    uv run python bench/roster_import.py                         # SQLite, 1,000,000 persons
    uv run python bench/roster_import.py --keep var/bench-quota  # reuse a seeded var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/roster_import.py

The registry is seeded as bench/quota_check.py seeds it (`ablework seed --persons N --seed 1`,
reused from a kept var dir; on PostgreSQL a database of its own, `bench_quota_<pid>`, dropped
at the end unless `--keep` remembers it). The file holds 5,000 registry persons, each with 12
months of wages, insured months, a contract and a post, written as employers write them
(text cells). Each contender runs in this process, in a transaction rolled back afterwards, so
every run starts from the same database:

- ablework: `ablework.quota.roster.read_roster` (every cell by its parser, `cell_unreadable`
  problems named) then `ablework.quota.services.drafts.open_declaration` and `save_draft` —
  the whole roster checked against the registry (holders, certificate history, other
  employers' months, the worksheet from the rules engine), every line and month stored with its
  result, audited.
- floor: `openpyxl.load_workbook(read_only=True)` over the same file, each row made into a
  RosterLine (number encrypted, hashed and masked, as the model requires) and its 12 LineMonth
  rows, stored with one `bulk_create` per table under one new declaration; no parsing of
  formats, no check, no audit.

Figures go to the `## Roster import` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quota_data import LEVY_YEAR, TODAY, our_employer, seed  # noqa: E402
from bench.shared import (  # noqa: E402
    DOC,
    add_database_arguments,
    drop_postgres_database,
    load,
    machine_note,
    postgres_database,
    setup_django,
    write_database_table,
)

SECTION = "## Roster import"
TARGET_RATIO = 3.0


class RolledBack(Exception):
    """Raised at the end of a contender's run so that its transaction is undone."""


def write_roster(path: Path, lines: int) -> None:
    """`lines` registry persons (spread over the ids) in the roster template's columns."""
    import openpyxl
    from django.db.models import Max, Min

    from ablework.quota.roster import COLUMNS
    from ablework.registry.models import Person

    span = Person.objects.aggregate(low=Min("pk"), high=Max("pk"))
    step = max((span["high"] - span["low"]) // lines, 1)
    ids = [span["low"] + 11 + index * step for index in range(lines)]
    persons = Person.objects.filter(pk__in=ids).values_list("certificate_number", "name")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("残疾职工名单")
    sheet.append([column.header for column in COLUMNS])  # the template's order
    for index, (number, name) in enumerate(persons):
        wage = "1,500.00元" if index % 50 == 1 else "3600.00"
        sheet.append(
            [
                "残疾人证",
                number,
                name,
                "",
                "",
                "劳动合同",
                "2024-01-01",
                "2025-06-30" if index % 60 == 7 else "",
                "操作工",
                *([wage] * 12),
                "1-12" if index % 40 else "1月-9月",
                "",
                "",
            ]
        )
    book.save(path)


def facts(employer: Any) -> Any:
    from ablework.quota.inputs import Headcount
    from ablework.quota.roster import DeclarationFacts

    return DeclarationFacts(
        employer=employer.uscc,
        levy_year=LEVY_YEAR,
        headcount=Headcount(monthly=(8000,) * 12),
        wage_total=Decimal("864000000.00"),
    )


def contender_ablework(source: Path, employer: Any, tree: Any) -> dict[str, Any]:
    from ablework.quota.roster import read_roster
    from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft

    given = facts(employer)
    started = time.perf_counter()
    declaration = read_roster(source, given, name=source.name)
    read = time.perf_counter() - started
    assert not declaration.unreadable, declaration.unreadable[:3]
    draft = open_declaration(actor=None, uscc=employer.uscc, levy_year=LEVY_YEAR)
    row, result = save_draft(
        actor=None,
        declaration_id=draft.pk,
        version=draft.version,
        changes=DraftChanges(
            headcount=given.headcount, wage_total=given.wage_total, roster=declaration.roster
        ),
        today=TODAY,
        tree=tree,
    )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "read": read,
        "lines": len(result.lines),
        "problems": len(result.problems),
        "stored": row.lines.count(),
    }


def contender_floor(source: Path, employer: Any, tree: Any) -> dict[str, Any]:
    import openpyxl

    from ablework.core.crypto import lookup_hash
    from ablework.core.masking import mask_certificate
    from ablework.quota.models import Declaration, LineMonth, RosterLine

    started = time.perf_counter()
    book = openpyxl.load_workbook(source, read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    read = time.perf_counter() - started
    declaration = Declaration.objects.create(
        employer=employer, levy_year=LEVY_YEAR, wage_total=Decimal("864000000.00")
    )
    lines = [
        RosterLine(
            declaration=declaration,
            line=index,
            certificate_kind="disability",
            certificate_number=cells[1],
            certificate_hash=lookup_hash(cells[1]),
            certificate_masked=mask_certificate(cells[1]),
            name=cells[2],
            employment_form="labour_contract",
            contract_start=date.fromisoformat(cells[6]),
            contract_end=date.fromisoformat(cells[7]) if cells[7] else None,
            post=cells[8] or "",
        )
        for index, cells in enumerate(rows)
    ]
    RosterLine.objects.bulk_create(lines)
    LineMonth.objects.bulk_create(
        LineMonth(
            roster_line=line,
            month=month,
            wage=Decimal(str(cells[8 + month]).replace(",", "").rstrip("元")),
            social_insurance_paid=True,
        )
        for line, cells in zip(lines, rows, strict=True)
        for month in range(1, 13)
    )
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "read": read, "lines": len(lines), "stored": len(lines)}


CONTENDERS = {"ablework": contender_ablework, "floor": contender_floor}


def run_once(name: str, source: Path, employer: Any, tree: Any) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    outcome: dict[str, Any] = {}
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            used = time.process_time()
            outcome = CONTENDERS[name](source, employer, tree)
            outcome["cpu"] = time.process_time() - used
            outcome["queries"] = len(captured.captured_queries)
            raise RolledBack
    except RolledBack:
        pass
    return outcome


def run(args: argparse.Namespace, folder: Path) -> dict[str, dict[str, Any]]:
    from ablework.quota.selectors import rules_tree

    source = folder / "roster.xlsx"
    write_roster(source, args.lines)
    employer = our_employer()
    tree = rules_tree()
    results: dict[str, dict[str, Any]] = {}
    runs: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    loads = [load()]
    for attempt in range(args.runs + 1):  # the first run of each warms caches, uncounted
        for name in CONTENDERS:
            result = run_once(name, source, employer, tree)
            print(name, {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()})
            if attempt == 0:
                continue
            runs[name].append(result["seconds"])
            if name not in results or result["seconds"] < results[name]["seconds"]:
                results[name] = result
        loads.append(load())
    for name in CONTENDERS:
        results[name]["median"] = statistics.median(runs[name])
    results["run"] = {
        "load": loads,
        "file_kib": source.stat().st_size / 1024,
        "runs": args.runs,
        "lines": args.lines,
    }
    return results


def table(database: str, persons: int, results: dict[str, dict[str, Any]]) -> str:
    ours, floor, run = results["ablework"], results["floor"], results["run"]
    ratio = ours["seconds"] / floor["seconds"]
    lines = [
        f"### {database}, {run['lines']:,} lines, {persons:,} persons, {date.today().isoformat()}",
        "",
        "| contender | best | median | CPU of the best run | of which reading the file | "
        "queries | ratio to the floor |",
        "|---|---|---|---|---|---|---|",
        f"| Ablework: `read_roster` + `save_draft` | {ours['seconds']:.2f} s | "
        f"{ours['median']:.2f} s | {ours['cpu']:.2f} s | {ours['read']:.2f} s | "
        f"{ours['queries']} | {ratio:.2f}× |",
        f"| floor: openpyxl read-only + `bulk_create` | {floor['seconds']:.2f} s | "
        f"{floor['median']:.2f} s | {floor['cpu']:.2f} s | {floor['read']:.2f} s | "
        f"{floor['queries']} | 1.00× |",
        "",
        f"- Within {TARGET_RATIO:.0f}× of the floor: **{'yes' if ratio <= TARGET_RATIO else 'no'}**"
        f" ({ratio:.2f}×). The file: {run['file_kib']:,.0f} KiB; {ours['lines']:,} lines stored "
        f"with {ours['problems']:,} problems; best of {run['runs']} runs each, after one warm-up.",
        machine_note("over the runs", run["load"]),
    ]
    return "\n".join(lines) + "\n"


def write_section(block: str, database: str) -> None:
    """Replace this database's table inside `## Roster import`, keeping everything else."""
    body = (
        "`uv run python bench/roster_import.py` (`--keep var/DIR` to reuse the registry "
        "bench/quota_check.py seeded; `DATABASE_URL=postgres://…` for PostgreSQL) writes a "
        ".xlsx roster of 5,000 registry persons (12 months of wages, insured months, contract, "
        "post; text cells as employers write them, a few wages as `1,500.00元`, months as "
        "`1月-9月`) and imports it into the year's draft: `read_roster` then `open_declaration` "
        "and `save_draft` (the whole check against the registry and other employers' months, "
        "the worksheet, every line and month stored with its result, audited). The floor, in "
        "the same run and process, reads the same file with openpyxl in read-only mode and "
        "stores its rows with one `bulk_create` per table (lines, months) under a new "
        "declaration, numbers encrypted and hashed as the model requires; no parsing of "
        "formats, no check, no audit. Each run is a transaction rolled back afterwards. "
        "Target: within 3× of the floor.\n\n"
    )
    write_database_table(SECTION, body, block, database)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--employers", type=int, default=200_001)
    parser.add_argument("--lines", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each; the best counts")
    add_database_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = args.keep.resolve() if args.keep else Path(tmp) / "var"
        database_url, drop = (
            postgres_database(args.database_url, args.keep) if args.database_url else (None, False)
        )
        try:
            seed(var_dir, args.persons, args.employers, database_url)
            setup_django(var_dir, database_url)
            results = run(args, Path(tmp))
        finally:
            if drop and database_url:
                drop_postgres_database(args.database_url, database_url)
    database = "PostgreSQL" if database_url else "SQLite"
    block = table(database, args.persons, results)
    print(block)
    if not args.no_write:
        write_section(block, database)
        print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
