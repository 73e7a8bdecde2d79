"""Benchmark: a year's province report (年度报告) of 山东省, as .xlsx and as PDF (issue 14: under
30 s), against its peer measured in the same run on the same data — the province's dashboard
page for the same year, which reads the same figures (`dashboard_of`) and draws them in HTML.

    uv run python bench/indicator_report.py                       # SQLite, 200,000 persons
    uv run python bench/indicator_report.py --persons 1000000
    uv run python bench/indicator_report.py --keep var/bench-report   # seed into (or reuse)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/indicator_report.py

Seeds 20,000 persons over 济宁市's 11 counties (`ablework seed`) and copies them set-based up to
`--persons` (as `bench/support_queue.py` does, townships and flags included); then gives one
person in five an entry into work this year (out of work since 2025, employed from a day of
2026 spread over the year) and one in eleven a training course finished in 2026, and approved
2026 targets for 山东省, 济宁市 and each of its counties (new employment; the employment rate).
Each figure is the median of `--runs` runs through Django's test Client as `shandong_admin`
(server time: middleware, access, the dashboard's figures, the report, the workbook, the PDF with
its verification code). Figures go to the `## 报告` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared import (  # noqa: E402
    add_database_arguments,
    drop_postgres_database,
    load,
    machine_note,
    postgres_database,
    setup_django,
    timed_runs,
    write_database_table,
)
from bench.support_data import SEEDED, copy_persons, seed  # noqa: E402

SECTION = "## 报告"
TARGET_S = 30.0
PROVINCE, CITY = "370000", "370800"
YEAR = 2026


def add_history() -> None:
    """Entries into work in 2026 for one person in five, a course finished for one in eleven
    (once: kept when there)."""
    from django.db import transaction

    from ablework.registry.models import EmploymentPeriod, Person, TrainingRecord

    if TrainingRecord.objects.filter(source="bench").exists():
        return
    ids = list(Person.objects.values_list("pk", flat=True).order_by("pk"))
    entrants = [pk for pk in ids if pk % 5 == 0]
    with transaction.atomic():
        EmploymentPeriod.objects.filter(person_id__in=entrants).delete()
        rows = []
        for pk in entrants:
            started = date(YEAR, 1, 1) + timedelta(days=pk % 330)
            rows.append(
                EmploymentPeriod(
                    person_id=pk,
                    status="unemployed",
                    started_on=date(2025, 1, 1),
                    ended_on=started - timedelta(days=1),
                    source="bench",
                )
            )
            rows.append(
                EmploymentPeriod(
                    person_id=pk, status="employed", kind="flexible", started_on=started
                )
            )
        EmploymentPeriod.objects.bulk_create(rows, batch_size=5000)
        TrainingRecord.objects.bulk_create(
            (
                TrainingRecord(
                    person_id=pk,
                    subject="电子商务",
                    completed_on=date(YEAR, 1, 1) + timedelta(days=pk % 330),
                    source="bench",
                )
                for pk in ids
                if pk % 11 == 0
            ),
            batch_size=5000,
        )


def add_targets() -> None:
    from ablework.core.models import Region
    from ablework.indicators.models import Target, TargetSource, TargetStatus
    from ablework.registry.models import Person

    if Target.objects.filter(document="基准测试目标").exists():
        return
    persons = Person.objects.count()

    def target(code: str, indicator: str, value: float, parent: Target | None) -> Target:
        return Target.objects.create(
            region_code=code,
            indicator=indicator,
            first_year=YEAR,
            last_year=YEAR,
            value=value,
            parent=parent,
            source=TargetSource.STAFF,
            document="基准测试目标",
            status=TargetStatus.APPROVED,
        )

    counties = list(Region.objects.filter(parent_id=CITY).order_by("code"))
    province = target(PROVINCE, "new_employment", persons // 4, None)
    city = target(CITY, "new_employment", persons // 5, province)
    rate = target(PROVINCE, "employment_rate", 60, None)
    city_rate = target(CITY, "employment_rate", 60, rate)
    for index, county in enumerate(counties):
        # some counties ahead, some behind
        share = 4 + index % 3
        target(county.code, "new_employment", persons // (len(counties) * share), city)
        target(county.code, "employment_rate", 55 + index, city_rate)


def measure(runs: int) -> dict[str, float]:
    from django.test import Client

    from ablework.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="shandong_admin"))
    query = f"?region={PROVINCE}&period={YEAR}"

    def dashboard() -> None:
        assert client.get(f"/indicators/dashboard/{query}").status_code == 200

    def page() -> None:
        assert client.get(f"/indicators/reports/{query}").status_code == 200

    def xlsx() -> None:
        response = client.get(f"/indicators/reports/xlsx/{query}")
        assert response.status_code == 200
        b"".join(response.streaming_content)

    def pdf() -> None:
        response = client.post(f"/indicators/reports/pdf/{query}")
        assert response.status_code == 200
        assert response.content[:5] == b"%PDF-"

    figures: dict[str, float] = {}
    for name, work in (("dashboard", dashboard), ("page", page), ("xlsx", xlsx), ("pdf", pdf)):
        work()  # warm up
        times, _cpu, _sql, queries = timed_runs(work, runs)
        figures[name] = statistics.median(times) / 1000
        figures[f"{name}_queries"] = queries
        print(f"{name}: {figures[name]:.2f} s, {queries} queries", flush=True)
    return figures


@contextmanager
def indicator_database(args: argparse.Namespace) -> Iterator[None]:
    """The benchmark's database, ready to measure: seeded (or reused with --keep), on SQLite or
    the --database-url server, grown to --persons with this year's history and the targets;
    a PostgreSQL database made for the run is dropped after it. Both indicator benchmarks use it."""
    server = args.database_url
    with tempfile.TemporaryDirectory() as folder:
        var_dir = args.keep or Path(folder)
        database_url, drop = postgres_database(server, args.keep) if server else (None, False)
        seed(var_dir, SEEDED, database_url)
        setup_django(var_dir, database_url)
        copy_persons(args.persons)
        add_history()
        add_targets()
        yield
        if drop and server and database_url:
            drop_postgres_database(server, database_url)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    add_database_arguments(parser)
    args = parser.parse_args()
    with indicator_database(args):
        from django.db import connection

        from ablework.registry.models import Person

        loads = [load()]
        figures = measure(args.runs)
        loads.append(load())
        persons = Person.objects.count()
        database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        both = figures["xlsx"] + figures["pdf"]
        block = "\n".join(
            [
                f"### {database}, {persons:,} persons, {date.today():%Y-%m-%d}",
                "",
                "| what (山东省, 2026) | server time (median) | queries | ÷ dashboard (peer) |",
                "|---|---|---|---|",
                f"| dashboard page (peer) | {figures['dashboard']:.2f} s | "
                f"{int(figures['dashboard_queries'])} | 1.00× |",
                f"| report page | {figures['page']:.2f} s | {int(figures['page_queries'])} | "
                f"{figures['page'] / figures['dashboard']:.2f}× |",
                f"| report .xlsx | {figures['xlsx']:.2f} s | {int(figures['xlsx_queries'])} | "
                f"{figures['xlsx'] / figures['dashboard']:.2f}× |",
                f"| report PDF (issued, verification code) | {figures['pdf']:.2f} s | "
                f"{int(figures['pdf_queries'])} | {figures['pdf'] / figures['dashboard']:.2f}× |",
                f"| .xlsx and PDF together | {both:.2f} s | | {both / figures['dashboard']:.2f}× |",
                "",
                f"- Target: a year's province report as PDF and .xlsx under {TARGET_S:.0f} s — "
                + ("reached." if both < TARGET_S else "NOT reached."),
                machine_note("before and after", loads),
                "",
            ]
        )
        print(block)
        if not args.no_write:
            write_database_table(
                SECTION,
                "`uv run python bench/indicator_report.py` (see its docstring): 山东省's 2026 "
                "annual report as .xlsx and as PDF, against the province's dashboard page for the "
                "same year measured in the same run (the report reads the same figures through "
                "`dashboard_of`).",
                block,
                database,
            )


if __name__ == "__main__":
    main()
