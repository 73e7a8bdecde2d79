r"""Benchmark: 山东省's dashboard page and the drill-down to a county (任城区), read from the
rollup tables (汇总表, `ablework indicators refresh`) against the same pages computed on the
fly, measured in the same run on the same data (issue 14: under 200 ms server time at
1,000,000 persons, from rollup tables refreshed by a background job).

    uv run python bench/indicators_dashboard.py --keep var/bench-dash   # SQLite, 50,000 persons
    uv run python bench/indicators_dashboard.py --keep var/bench-1m --persons 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        uv run python bench/indicators_dashboard.py --keep var/bench-dash-pg

The data is bench/indicator_report.py's: 20,000 persons over 济宁市's 11 counties copied up to
`--persons`, one in five entering work in 2026, one in eleven finishing a course, approved 2026
targets for the province, the city and each county. The live figures are measured first, with
no fresh rollup (the page computes every figure as it is asked for); then the refresh runs (its
time is reported too) and the same pages are measured from the rollup. Each figure is the
median of `--runs` runs (`--live-runs` for the live pages, which take a minute each at this
size; the rollup pages again in a new process, `--rollup-only`, as a web process reads them
after the nightly job) through Django's test Client as `shandong_admin` (server time:
middleware, access, the figures, targets, locks, charts and the template). Figures go to
the `## 指标看板（汇总表）` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.indicator_report import YEAR, indicator_database  # noqa: E402
from bench.shared import (  # noqa: E402
    add_database_arguments,
    load,
    machine_note,
    postgres_database,
    setup_django,
    timed_runs,
    write_database_table,
)

SECTION = "## 指标看板（汇总表）"
TARGET_MS = 200.0
PROVINCE, COUNTY = "370000", "370811"
PAGES = (("province", PROVINCE, "山东省 dashboard"), ("county", COUNTY, "任城区 drill-down"))


def pages(runs: int) -> dict[str, tuple[float, int]]:
    """Each page's median server time (ms) and query count."""
    from django.test import Client

    from ablework.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="shandong_admin"))
    found: dict[str, tuple[float, int]] = {}
    for name, code, _label in PAGES:

        def work(code: str = code) -> None:
            response = client.get(f"/indicators/dashboard/?region={code}&period={YEAR}")
            assert response.status_code == 200

        work()  # warm up
        times, _cpu, _sql, queries = timed_runs(work, runs)
        found[name] = (statistics.median(times), queries)
        print(f"{name}: {found[name][0]:.0f} ms, {queries} queries", flush=True)
    return found


def measure(runs: int, live_runs: int) -> tuple[dict[str, tuple[float, int]], ...]:
    from ablework.indicators.models import IndicatorRollup, RollupPeriod
    from ablework.indicators.services.rollup import refresh_rollups

    IndicatorRollup.objects.all().delete()
    RollupPeriod.objects.all().delete()
    print("live:", flush=True)
    live = pages(live_runs)
    started = time.perf_counter()
    print(refresh_rollups(), flush=True)
    refresh = {"refresh": ((time.perf_counter() - started) * 1000, 0)}
    print(f"refresh: {refresh['refresh'][0] / 1000:.1f} s", flush=True)
    print("rollup, this process:", flush=True)
    same = pages(runs)
    return live, same, refresh


def fresh_process(args: argparse.Namespace) -> dict[str, tuple[float, int]]:
    """The rollup pages measured by a new process (a web process after the nightly job): in
    the process that ran the live pages and the refresh they measured several times slower."""
    import json
    import subprocess

    command = [sys.executable, __file__, "--rollup-only", "--runs", str(args.runs)]
    command += ["--persons", str(args.persons), "--keep", str(args.keep)]
    if args.database_url:
        command += ["--database-url", args.database_url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    found = json.loads(output.strip().splitlines()[-1])
    return {name: (float(ms), int(queries)) for name, (ms, queries) in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--live-runs", type=int, default=1)
    parser.add_argument(
        "--rollup-only", action="store_true", help="only the pages from the kept rollup (JSON)"
    )
    add_database_arguments(parser)
    args = parser.parse_args()
    if args.rollup_only:
        import json

        database_url, _drop = (
            postgres_database(args.database_url, args.keep) if args.database_url else (None, False)
        )
        setup_django(args.keep, database_url)
        print(json.dumps(pages(args.runs)))
        return
    if args.keep is None:
        parser.error("--keep is needed: the rollup pages are measured again by a new process")
    with indicator_database(args):
        from django.db import connection

        from ablework.registry.models import Person

        loads = [load()]
        live, same, refresh = measure(args.runs, args.live_runs)
        stored = fresh_process(args)
        loads.append(load())
        persons = Person.objects.count()
        database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        rows = [
            f"### {database}, {persons:,} persons, {date.today():%Y-%m-%d}",
            "",
            f"| page ({YEAR}) | from the rollup, new process (median) | queries | same, in the"
            " process that refreshed | computed live | queries | live ÷ rollup |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, _code, label in PAGES:
            (fast, fast_queries), (slow, slow_queries) = stored[name], live[name]
            rows.append(
                f"| {label} | {fast:,.0f} ms | {fast_queries} | {same[name][0]:,.0f} ms "
                f"| {slow:,.0f} ms | {slow_queries} | {slow / fast:,.0f}× |"
            )
        worst = max(stored[name][0] for name, _code, _label in PAGES)
        verdict = "reached" if worst < TARGET_MS else "**not reached**"
        rows += [
            "",
            f"- Target of {TARGET_MS:.0f} ms {verdict} at this size (slowest page {worst:,.0f} ms"
            f" from the rollup). The refresh (`ablework indicators refresh`, every indicator over"
            f" every period kept) took {refresh['refresh'][0] / 1000:,.1f} s.",
            f"- Rollup pages: median of {args.runs} runs after a warm-up; live pages: "
            f"{args.live_runs} run(s) after a warm-up.",
            machine_note("before and after", loads),
            "",
        ]
        block = "\n".join(rows)
        print(block)
        if not args.no_write:
            write_database_table(
                SECTION,
                "`uv run python bench/indicators_dashboard.py` (see its docstring): 山东省's "
                "2026 dashboard and the drill-down to 任城区, read from the rollup tables "
                "against the same pages computed on the fly in the same run. Target of issue "
                "14: under 200 ms server time at 1,000,000 persons.",
                block,
                database,
            )


if __name__ == "__main__":
    main()
