"""Benchmark: server time of the registry's list and search pages with 1,000,000 persons.

Seeds the persons (`ablework seed`) into a temporary var dir (SQLite), or into a fresh database
on the PostgreSQL server of `--database-url` / `DATABASE_URL`; adds townships, flags and this
quarter's checks so that every filter has something to find; then signs in as the 任城区
counsellor and the 济宁市 administrator and times each page through Django's test Client (the
whole server side: middleware, access, selectors, template). The peer, measured in the same run,
is the bare SQL of the same page: every SELECT the page ran, replayed through the database
cursor. Figures go to the `## Registry search` section of docs/benchmarks.md.

    uv run python bench/registry_search.py                      # SQLite, 1,000,000 persons
    uv run python bench/registry_search.py --keep var/bench     # reuse a seeded var dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/registry_search.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared import (  # noqa: E402
    DOC,
    add_database_arguments,
    setup_django,
    write_database_table,
)

SECTION = "## Registry search"
TARGET_MS = 150.0
COUNTY = "370811"


@dataclass(frozen=True)
class Scenario:
    label: str
    method: str
    url: str
    data: dict[str, str]
    supervisors_only: bool = False


@dataclass(frozen=True)
class Figure:
    scenario: str
    user: str
    page_ms: float
    page_p90_ms: float
    sql_ms: float
    queries: int


def seed(var_dir: Path, persons: int, database_url: str | None) -> None:
    """Migrate and seed in a child process (as an operator would), unless already seeded."""
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    marker = var_dir / f"seeded-{persons}"
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    if marker.exists():
        print(f"reusing the data seeded into {database_url or var_dir}")
        return
    started = time.perf_counter()
    subprocess.run(
        ["ablework", "seed", "--persons", str(persons), "--employers", "200", "--seed", "1"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    print(f"seeded {persons:,} persons in {time.perf_counter() - started:.0f} s")
    marker.touch()


def bench_postgres_database(server_url: str, *, reuse: bool) -> str:
    """An empty database next to the one named in the URL (or the last run's, with `reuse`)."""
    import psycopg

    parts = urlparse(server_url)
    name = "ablework_registry_bench"
    if not reuse:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parts._replace(path=f"/{name}"))


def prepare_circumstances() -> None:
    """Townships for every person, an open flag for 1 in 33, this quarter's check for 2 in 5,
    and the demo accounts (all set-based, once)."""
    from django.db import connection, transaction
    from django.db.models import F, Value
    from django.db.models.functions import Concat, Mod
    from django.utils import timezone

    from ablework.accounts.models import User
    from ablework.core.models import Region, RegionLevel
    from ablework.demo.seeding import counties_of, create_demo_accounts
    from ablework.registry.models import Person

    if User.objects.exists():
        return
    counties = counties_of("370800")
    with transaction.atomic():
        Region.objects.bulk_create(
            (
                Region(
                    code=f"{county.code}{number:03d}",
                    name=f"{county.name}第{number}街道",
                    level=RegionLevel.TOWNSHIP,
                    parent=county,
                    county_code=county.code,
                    added_by_staff=True,
                )
                for county in counties
                for number in range(1, 11)
            ),
            ignore_conflicts=True,  # the demo's own streets of 任城区 are there already
        )
        for number in range(10):
            Person.objects.annotate(remainder=Mod(F("id"), 10)).filter(remainder=number).update(
                township_code=Concat(F("county_code"), Value(f"{number + 1:03d}"))
            )
        now, today = timezone.now(), timezone.localdate()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO registry_personflag "
                "(person_id, kind, started_on, source, recorded_at) "
                "SELECT id, %s, %s, %s, %s FROM registry_person WHERE id %% 33 = 0",
                ["minimum_living_allowance", date(2025, 1, 1), "bench", now],
            )
            cursor.execute(
                "UPDATE registry_person SET last_verified_on = %s WHERE id %% 5 < 2", [today]
            )
        create_demo_accounts()
    if connection.vendor == "postgresql":
        # After a bulk load PostgreSQL's autovacuum vacuums and analyses the table on its own
        # (which also lets index-only scans skip the heap); do it now rather than wait. SQLite
        # keeps no statistics unless told to, and Ablework does not: measure it as deployed.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def probe_resident_id() -> str:
    """The resident ID searched for: a person added under the current data key (the seeded
    ones' numbers are encrypted with the key of the run that seeded them)."""
    from ablework.core.crypto import lookup_hash
    from ablework.demo.synthetic import resident_id_with_check
    from ablework.registry.models import Person
    from ablework.registry.services import IdentityFacts, PersonDetails, register_person

    number = resident_id_with_check("37081119800101123")
    if not Person.objects.filter(resident_id_hash=lookup_hash(number)).exists():
        register_person(
            actor=None,
            identity=IdentityFacts(
                resident_id=number,
                certificate_number=number + "42",
                sex="male",
                birth_date=date(1980, 1, 1),
                disability_category=4,
                disability_grade=2,
            ),
            details=PersonDetails(
                name="基准测试", county_code=COUNTY, employment_status="unemployed"
            ),
        )
    return number


def scenarios() -> list[Scenario]:
    from ablework.registry.models import Person

    resident_id = probe_resident_id()
    name = Person.objects.filter(county_code=COUNTY).values_list("name", flat=True)[1000]
    deep = Person.objects.filter(county_code=COUNTY).order_by("pk").values_list("pk", flat=True)
    total = deep.count()
    cursor = deep[int(total * 0.9)]
    return [
        Scenario("first page, no filter", "get", "/persons/", {}),
        Scenario("page at 90 % depth", "get", "/persons/", {"after": str(cursor)}),
        Scenario("name starts with 王", "post", "/persons/", {"q": "王"}),
        Scenario("full name", "post", "/persons/", {"q": name}),
        Scenario("resident ID (exact, HMAC)", "post", "/persons/", {"q": resident_id}),
        Scenario("working age", "post", "/persons/", {"working_age": "yes"}),
        Scenario(
            "unemployed, working age",
            "post",
            "/persons/",
            {"status": "unemployed", "working_age": "yes"},
        ),
        Scenario("open flag 低保家庭", "post", "/persons/", {"flag": "minimum_living_allowance"}),
        Scenario("township", "post", "/persons/", {"region": COUNTY, "township": f"{COUNTY}003"}),
        Scenario(
            "age 45–54, intellectual, grade 1",
            "post",
            "/persons/",
            {"age": "45-54", "category": "5", "grade": "1"},
        ),
        Scenario(
            "rural, not working age", "post", "/persons/", {"area": "rural", "working_age": "no"}
        ),
        Scenario("API: working age", "get", "/api/v1/persons/", {"working_age": "true"}),
        Scenario("quarterly due list", "get", "/persons/updates/", {}),
        Scenario("suspected duplicates", "get", "/persons/duplicates/", {}, True),
        Scenario("update progress (report)", "get", "/persons/updates/progress/", {}, True),
    ]


def measure(client: Any, scenario: Scenario, runs: int) -> tuple[list[float], list[Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = getattr(client, scenario.method)
    for _ in range(2):  # warm caches (parameter tree, templates, database pages)
        call(scenario.url, scenario.data)
    times = []
    captured: list[Any] = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = call(scenario.url, scenario.data)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (scenario.label, response.status_code)
        captured = context.captured_queries
    return times, captured


def bare_sql_ms(queries: list[Any], runs: int) -> float:
    """The page's SELECT statements replayed through the cursor (the SQL the page needs)."""
    from django.db import connection

    statements = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    samples = []
    with connection.cursor() as cursor:
        for _ in range(2):
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run(runs: int) -> list[Figure]:
    from django.test import Client

    from ablework.accounts.models import User

    figures = []
    for username in ("rencheng_counsellor", "jining_admin"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for scenario in scenarios():
            if scenario.supervisors_only and username == "rencheng_counsellor":
                continue
            times, queries = measure(client, scenario, runs)
            figures.append(
                Figure(
                    scenario=scenario.label,
                    user=username,
                    page_ms=statistics.median(times),
                    page_p90_ms=sorted(times)[int(len(times) * 0.9) - 1],
                    sql_ms=bare_sql_ms(queries, runs),
                    queries=len(queries),
                )
            )
            last = figures[-1]
            print(
                f"{username:20} {scenario.label:36} page {last.page_ms:7.1f} ms "
                f"(p90 {last.page_p90_ms:7.1f})  sql {last.sql_ms:7.1f} ms  "
                f"x{last.page_ms / max(last.sql_ms, 0.01):5.1f}  {last.queries} queries",
                flush=True,
            )
    return figures


def table(database: str, persons: int, figures: list[Figure]) -> str:
    lines = [
        f"### {database}, {persons:,} persons, {date.today().isoformat()}",
        "",
        "| page | signed in as | server time (median) | p90 | bare SQL of the page | "
        "page ÷ SQL | queries | under 150 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.scenario} | {f.user} | {f.page_ms:.1f} ms | {f.page_p90_ms:.1f} ms | "
            f"{f.sql_ms:.1f} ms | {f.page_ms / max(f.sql_ms, 0.01):.1f}× | {f.queries} | "
            f"{'yes' if f.page_p90_ms < TARGET_MS else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def write_section(block: str, database: str) -> None:
    """Replace this database's table inside `## Registry search`, keeping everything else."""
    body = (
        "`uv run python bench/registry_search.py` (add `DATABASE_URL=postgres://…` for "
        "PostgreSQL) seeds 1,000,000 persons over 济宁市's 11 counties (about 90,000 in 任城区), "
        "gives them townships, an open 低保 flag to 1 in 33 and this quarter's check to 2 in 5, "
        "then times each page through Django's test Client (server time: middleware, access, "
        "selectors, template) as the 任城区 counsellor and the 济宁市 administrator. The peer, "
        "measured in the same run, is the bare SQL of the same page: every SELECT it ran, "
        "replayed through the database cursor. Target: under 150 ms.\n\n"
    )
    write_database_table(SECTION, body, block, database)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    add_database_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = args.keep.resolve() if args.keep else Path(tmp) / "var"
        database_url = (
            bench_postgres_database(args.database_url, reuse=args.keep is not None)
            if args.database_url
            else None
        )
        seed(var_dir, args.persons, database_url)
        setup_django(var_dir, database_url)
        prepare_circumstances()
        figures = run(args.runs)
        database = "PostgreSQL" if database_url else "SQLite"
        if not args.no_write:
            write_section(table(database, args.persons, figures), database)
            print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
