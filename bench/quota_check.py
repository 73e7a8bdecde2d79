"""Benchmark: checking a declaration's roster (issue 10) — 2,000 lines × 12 months against a
registry of 1,000,000 persons, with 200,000 other employers' filed declarations of the same levy
year in the database — against a peer that checks line by line through the ORM, in the same run.

    uv run python bench/quota_check.py                        # SQLite, 1,000,000 persons
    uv run python bench/quota_check.py --keep var/bench-quota # seed into (or reuse) a var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/quota_check.py

Seeds the persons (`ablework seed --persons N --employers M --seed 1`, as the other benchmarks)
into a temporary var dir (SQLite), or into a database of its own on the PostgreSQL server of
`--database-url` / `DATABASE_URL` (`bench_quota_<pid>`, dropped at the end unless `--keep`
names a var dir, which then remembers it). Then, set-based and once: 200,000 filed declarations
(submitted or certified) of the levy year, one per seeded employer, each with a few roster
lines naming registry persons (their encrypted numbers copied as stored) and a few months each,
most of them counted; 200 of the roster's persons are among them, so `counted_elsewhere` finds
months. A tenth of the roster's persons have a dated certificate history (an undated issue
under an older number, a reassessment to another grade in July).

Contenders, each timed in this process on the same DeclarationInput:

- ablework: `ablework.quota.selectors.check_declaration` — the whole check and the worksheet
  (the rules engine on every counted month), in a constant number of queries.
- peer: the same checker with its two set-based reads replaced by what a naive implementation
  does for each line: look the person up by certificate hash through the ORM (then under an
  older number), read their certificate events, and read other employers' counted months for
  each of their numbers. Same Python otherwise, so the ratio is the query shape's.

The results of the two are compared (same problems, same counted months) before any figure is
written. Figures go to the `## Quota check` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quota_data import (  # noqa: E402
    LEVY_YEAR,
    TODAY,
    other_declarations,
    our_employer,
    roster_person_ids,
    seed,
)
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

SECTION = "## Quota check"
TARGET_SECONDS = 2.0
TARGET_RATIO = 20.0


@dataclass(frozen=True)
class Figure:
    name: str
    best: float
    median: float
    runs: int
    queries: int
    cpu: float  # this process's CPU seconds in its best run (SQLite's work included)


def roster(employer: Any, roster_ids: list[int]) -> Any:
    """2,000 lines × 12 months of the registry's persons, a few of them with problems."""
    from ablework.quota.inputs import DeclarationInput, Headcount, LineInput
    from ablework.registry.models import Person

    persons = {
        pk: (number, name)
        for pk, number, name in Person.objects.filter(pk__in=roster_ids).values_list(
            "pk", "certificate_number", "name"
        )
    }
    entries = []
    for index, pk in enumerate(roster_ids):
        number, name = persons[pk]
        if index % 100 == 99:  # not in the registry
            number = f"37081119900101{index:04d}9X41"[:20]
        wage = Decimal("1500.00") if index % 50 == 1 else Decimal("3600.00")
        insured = frozenset(range(1, 13)) if index % 40 else frozenset(range(1, 10))
        entries.append(
            LineInput(
                line=index,
                certificate_number=number,
                name=name,
                employment_form="labour_contract",
                contract_start=date(2024, 1, 1),
                contract_end=date(2025, 6, 30) if index % 60 == 7 else None,
                post="操作工",
                wages=dict.fromkeys(range(1, 13), wage),
                social_insurance_months=insured,
            )
        )
    return DeclarationInput(
        employer=employer.uscc,
        levy_year=LEVY_YEAR,
        headcount=Headcount(monthly=(3000,) * 12),
        wage_total=Decimal("324000000.00"),
        roster=tuple(entries),
    )


# --- the peer: the same check, reading line by line through the ORM ------------------------


def naive_holders(hashes: set[str], levy_year: int) -> dict[str, Any]:
    from ablework.quota.selectors.holders import Holder
    from ablework.registry.certificates import events_from_record, month_states
    from ablework.registry.models import CertificateEvent, Person

    found = {}
    for digest in hashes:
        person = Person.objects.filter(certificate_hash=digest, merged_into__isnull=True).first()
        if person is None:
            older = (
                CertificateEvent.objects.filter(
                    certificate_hash=digest, person__merged_into__isnull=True
                )
                .select_related("person")
                .first()
            )
            if older is None:
                continue
            person = older.person
        events: list[Any] = list(person.certificate_events.order_by("id"))
        history = events or [
            SimpleNamespace(**event)
            for event in events_from_record(
                category=person.disability_category,
                grade=person.disability_grade,
                status=person.certificate_status,
                valid_until=person.certificate_valid_until,
                last_change=person.updated_at.date(),
            )
        ]
        numbers = {person.certificate_hash} | {e.certificate_hash for e in events}
        found[digest] = Holder(
            person.pk,
            person.name,
            person.sex,
            person.birth_date,
            person.retirement_base_age,
            months=month_states(history, levy_year),
            numbers=frozenset(numbers - {""}),
        )
    return found


def naive_counted_elsewhere(hashes: set[str], levy_year: int, employer_id: int) -> Any:
    from ablework.quota.models import FILED_STATUSES, LineMonth

    found: dict[str, set[int]] = defaultdict(set)
    for digest in hashes:
        months = (
            LineMonth.objects.filter(
                counted=True,
                roster_line__certificate_hash=digest,
                roster_line__declaration__levy_year=levy_year,
                roster_line__declaration__status__in=FILED_STATUSES,
            )
            .exclude(roster_line__declaration__employer_id=employer_id)
            .values_list("month", flat=True)
        )
        for month in months:
            found[digest].add(month)
    return found


def check_ours(declaration: Any, employer: Any, tree: Any) -> Any:
    from ablework.quota.selectors import check_declaration

    return check_declaration(declaration=declaration, employer=employer, tree=tree, today=TODAY)


def check_peer(declaration: Any, employer: Any, tree: Any) -> Any:
    from ablework.quota.selectors import checker

    with (
        mock.patch.object(checker, "holders_of", naive_holders),
        mock.patch.object(checker, "counted_elsewhere", naive_counted_elsewhere),
    ):
        return check_ours(declaration, employer, tree)


def reads(holders: Any, elsewhere: Any) -> Any:
    """Only the check's reads (the roster's holders with their history, other employers'
    months), as the checker makes them: where the two contenders differ."""
    from ablework.core.crypto import lookup_hash

    def read(declaration: Any, employer: Any, tree: Any) -> Any:
        hashes = {lookup_hash(e.certificate_number) for e in declaration.roster}
        found = holders(hashes, declaration.levy_year)
        numbers = hashes.union(*(holder.numbers for holder in found.values()))
        return found, elsewhere(numbers, declaration.levy_year, employer.pk)

    return read


def outcome(result: Any) -> tuple[Any, ...]:
    """What a user would compare: every problem, every month's weight, the levy."""
    problems = sorted((p.line, p.code, p.months) for p in result.problems)
    weights = [
        (line.entry.line, m.month, m.weight) for line in result.lines for m in line.months.values()
    ]
    return problems, weights, result.worksheet.get("result")


def measure(name: str, check: Any, runs: int, *args: Any) -> tuple[Figure, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:  # a first run, counted (and warming)
        result = check(*args)
    queries = len(captured.captured_queries)
    reset_queries()
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        check(*args)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        print(f"  {name}: {times[-1]:.2f} s (CPU {cpu[-1]:.2f} s)", flush=True)
    figure = Figure(
        name, min(times), statistics.median(times), runs, queries, cpu[times.index(min(times))]
    )
    return figure, result


def run(args: argparse.Namespace) -> tuple[dict[str, Figure], dict[str, Any]]:
    from ablework.quota.selectors import rules_tree

    employer = our_employer()
    roster_ids = roster_person_ids(args.lines)
    stored = other_declarations(employer, args.other_lines, args.other_months, roster_ids)
    declaration = roster(employer, roster_ids)
    tree = rules_tree()
    figures: dict[str, Figure] = {}
    loads = [load()]
    figures["ours"], ours = measure("ablework", check_ours, args.runs, declaration, employer, tree)
    loads.append(load())
    figures["peer"], peer = measure("peer", check_peer, args.peer_runs, declaration, employer, tree)
    loads.append(load())
    from ablework.quota.selectors.checker import counted_elsewhere, holders_of

    for name, read in (
        ("ours_reads", reads(holders_of, counted_elsewhere)),
        ("peer_reads", reads(naive_holders, naive_counted_elsewhere)),
    ):
        runs = args.runs if name == "ours_reads" else args.peer_runs
        figures[name], _ = measure(name, read, runs, declaration, employer, tree)
    loads.append(load())
    if outcome(ours) != outcome(peer):
        raise SystemExit("the peer's result differs from the check's: not a fair comparison")
    codes: dict[str, int] = defaultdict(int)
    for problem in ours.problems:
        codes[problem.code] += 1
    facts = {
        **stored,
        "counted_elsewhere_lines": codes.get("counted_elsewhere", 0),
        "problems": len(ours.problems),
        "codes": dict(sorted(codes.items())),
        "counted_months": sum(1 for line in ours.lines for m in line.months.values() if m.counted),
        "load": loads,
        "lines_checked": len(declaration.roster),
    }
    return figures, facts


# --- the report -------------------------------------------------------------------------------


def table(database: str, persons: int, figures: dict[str, Figure], facts: dict[str, Any]) -> str:
    ours, peer = figures["ours"], figures["peer"]
    our_reads, peer_reads = figures["ours_reads"], figures["peer_reads"]
    ratio = peer.best / ours.best
    lines = [
        f"### {database}, {persons:,} persons, {date.today().isoformat()}",
        "",
        "| contender | best | median | CPU of the best run | runs | queries | peer ÷ contender |",
        "|---|---|---|---|---|---|---|",
        f"| Ablework `check_declaration` (set-based) | {ours.best:.2f} s | {ours.median:.2f} s | "
        f"{ours.cpu:.2f} s | {ours.runs} | {ours.queries} | {ratio:.1f}× |",
        f"| peer: line by line through the ORM | {peer.best:.2f} s | {peer.median:.2f} s | "
        f"{peer.cpu:.2f} s | {peer.runs} | {peer.queries:,} | 1.0× |",
        f"| of which Ablework's reads (holders, history, other employers' months) | "
        f"{our_reads.best:.2f} s | {our_reads.median:.2f} s | {our_reads.cpu:.2f} s | "
        f"{our_reads.runs} | {our_reads.queries} | {peer_reads.best / our_reads.best:.1f}× |",
        f"| of which the peer's reads, line by line | {peer_reads.best:.2f} s | "
        f"{peer_reads.median:.2f} s | {peer_reads.cpu:.2f} s | {peer_reads.runs} | "
        f"{peer_reads.queries:,} | 1.0× |",
        "",
        f"- Under {TARGET_SECONDS:.0f} s: **{'yes' if ours.best < TARGET_SECONDS else 'no'}** "
        f"({ours.best:.2f} s); at least {TARGET_RATIO:.0f}× faster than the peer: "
        f"**{'yes' if ratio >= TARGET_RATIO else 'no'}** ({ratio:.1f}×).",
        f"- In the database: {facts['declarations']:,} filed declarations of {LEVY_YEAR}, "
        f"{facts['lines']:,} roster lines, {facts['months']:,} line months "
        f"({facts['counted']:,} counted). The roster's {facts['lines_checked']:,} lines: "
        f"{facts['counted_months']:,} months counted, {facts['problems']:,} problems "
        f"({', '.join(f'{code} {n}' for code, n in facts['codes'].items())}); both contenders "
        "gave the same problems, weights and levy.",
        machine_note("before, between and after", facts["load"]),
    ]
    return "\n".join(lines) + "\n"


def write_section(block: str, database: str) -> None:
    """Replace this database's table inside `## Quota check`, keeping everything else."""
    body = (
        "`uv run python bench/quota_check.py` (add `DATABASE_URL=postgres://…` for PostgreSQL; "
        "`--keep var/DIR` to reuse a seeded registry) seeds 1,000,000 persons and 200,001 "
        "employers (`ablework seed`), stores 200,000 filed declarations of 2025 for the other "
        "employers (3 roster lines each, 6 months a line, 9 in 10 months counted; 200 of the "
        "roster's persons among them) and gives a tenth of the roster's persons a dated "
        "certificate history (an older number, a reassessment in July). It then checks one "
        "employer's roster of 2,000 lines × 12 months (`check_declaration`: every line and month "
        "and the worksheet from the rules engine; 20 numbers not in the registry, short "
        "contracts, missing insurance months, persons past retirement age; 济宁's minimum wage "
        "is not among the shipped parameters, so every line also has `minimum_wage_unknown`). "
        "The peer, measured in "
        "the same run on the same input, is the same checker reading line by line through the "
        "ORM as a naive implementation would: the person by certificate hash (then under an "
        "older number), their certificate events, other employers' counted months for each "
        "number. Targets: under 2 s, and at least 20× faster than the peer.\n\n"
    )
    write_database_table(SECTION, body, block, database)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--declarations", type=int, default=200_000)
    parser.add_argument("--lines", type=int, default=2_000, help="lines of the checked roster")
    parser.add_argument(
        "--other-lines", type=int, default=3, help="lines of each other declaration"
    )
    parser.add_argument("--other-months", type=int, default=6, help="months of each of those lines")
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs of the check; the best counts"
    )
    parser.add_argument("--peer-runs", type=int, default=2)
    add_database_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = args.keep.resolve() if args.keep else Path(tmp) / "var"
        database_url, drop = (
            postgres_database(args.database_url, args.keep) if args.database_url else (None, False)
        )
        try:
            seed(var_dir, args.persons, args.declarations + 1, database_url)
            setup_django(var_dir, database_url)
            figures, facts = run(args)
        finally:
            if drop and database_url:
                drop_postgres_database(args.database_url, database_url)
    database = "PostgreSQL" if database_url else "SQLite"
    block = table(database, args.persons, figures, facts)
    print(block)
    if not args.no_write:
        write_section(block, database)
        print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
