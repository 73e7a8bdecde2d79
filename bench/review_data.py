"""The review queue benchmark's data (bench/review_queue.py): persons and employers over every
county of 山东省 seeded by `ablework seed`, then copied set-based to the size asked (one `INSERT …
SELECT` per copy), one declaration of the levy year per employer with its roster lines and months
(one `INSERT … SELECT` per table), and the scores of the scoring job (`score_year`)."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LEVY_YEAR = 2025
PROVINCE = "370000"
AGENCIES = 40
# SQLite's page cache while the data is copied, in KiB: the registry's hash indexes take rows in
# random order, so with the default 2 MiB nearly every insert reads an index page again (half the
# copy's CPU time at 126,000 persons).
COPY_CACHE_KIB = 1_000_000


def seed(var_dir: Path, persons: int, employers: int, database_url: str | None) -> None:
    """Migrate and seed in a child process (as an operator would), unless already seeded."""
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    marker = var_dir / f"seeded-{persons}-{employers}"
    if marker.exists():
        print(f"reusing the persons and employers seeded into {database_url or var_dir}")
        return
    started = time.perf_counter()
    subprocess.run(
        [
            "ablework",
            "seed",
            "--persons",
            str(persons),
            "--employers",
            str(employers),
            "--region",
            PROVINCE,
            "--seed",
            "1",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    took = time.perf_counter() - started
    print(f"seeded {persons:,} persons and {employers:,} employers in {took:.0f} s")
    marker.touch()


SEEDED_PERSONS = 18_000
SEEDED_EMPLOYERS = 5_000


def multiply(table: str, total: int, unique: dict[str, str]) -> None:
    """Copy the seeded rows of `table` until it holds about `total` rows, set-based: one INSERT …
    SELECT per copy, each unique column rewritten by its template (`{k}`: the copy's number).
    `ablework seed` writes a few hundred rows a second on the shared machine (it encrypts,
    hashes and builds each row); the queue needs many rows, not many distinct ones."""
    from django.db import connection

    with connection.cursor() as cursor:
        columns = [
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
            if column.name != "id"
        ]
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {table}")
        seeded, last = cursor.fetchone()
        if seeded >= total * 0.9:  # copied already (a kept var dir)
            return
        for k in range(1, -(-total // seeded)):
            values = ", ".join(unique.get(c, c).format(k=k) for c in columns)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT {values} FROM {table} WHERE id <= %s",
                [last],
            )


def store_declarations(employers: int, persons: int, lines_each: int, months_each: int) -> float:
    """One declaration per seeded employer, its roster lines and months, set-based (once: kept
    when there); the seconds it took."""
    from django.db import connection, transaction
    from django.db.models import Max, Min
    from django.utils import timezone

    from ablework.demo.seeding import create_demo_accounts
    from ablework.quota.folding import refold
    from ablework.quota.models import Declaration, RosterLine
    from ablework.registry.models import Person

    if Declaration.objects.filter(levy_year=LEVY_YEAR).exists():
        print("reusing the declarations already in the database")
        return 0.0
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{COPY_CACHE_KIB}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            uscc = "'9137' || lpad(CAST(id * 100 + {k} AS text), 14, '0')"
        else:
            uscc = "'9137' || printf('%%014d', id * 100 + {k})"
        multiply("employers_employer", employers, {"uscc": uscc})
        multiply(
            "registry_person",
            persons,
            {
                "resident_id_hash": "substr(resident_id_hash, 1, 58) || '{k:06d}'",
                "certificate_hash": "substr(certificate_hash, 1, 58) || '{k:06d}'",
            },
        )
    print(f"  employers and persons copied: {time.perf_counter() - started:.0f} s", flush=True)
    found = Person.objects.aggregate(low=Min("pk"), high=Max("pk"))
    low, persons = found["low"], found["high"] - found["low"] + 1
    now = timezone.now()
    lines = " UNION ALL ".join(f"SELECT {n} AS line" for n in range(lines_each))
    months = " UNION ALL ".join(f"SELECT {m} AS month" for m in range(1, months_each + 1))
    # Submitted over the last 60 days; the dispatched lines' agencies are AGENCIES codes.
    if connection.vendor == "postgresql":
        submitted = "%s::timestamptz - (e.id %% 60) * INTERVAL '1 day'"
        agency = f"'91370800MA' || lpad(CAST(r_id %% {AGENCIES} AS text), 8, '0')"
        hired = "CAST(CASE WHEN r_id %% 9 = 0 THEN '2024-12-02' ELSE '2023-03-01' END AS date)"
    else:
        submitted = "datetime(%s, '-' || (e.id %% 60) || ' days')"
        agency = f"'91370800MA' || substr('0000000' || (r_id %% {AGENCIES}), -8, 8)"
        hired = "CASE WHEN r_id %% 9 = 0 THEN '2024-12-02' ELSE '2023-03-01' END"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO quota_declaration (created_at, updated_at, employer_id, levy_year, "
            "status, headcount_monthly, headcount_annual_average, wage_total, submitted_at, "
            "submitted_by_id, rules_trace, version, risk_score) "
            "SELECT %s, %s, e.id, %s, CASE e.id %% 10 WHEN 0 THEN 'certified' "
            "WHEN 1 THEN 'certified' WHEN 2 THEN 'returned' WHEN 3 THEN 'resubmitted' "
            f"ELSE 'submitted' END, NULL, 120, 9600000.00, {submitted}, "
            "NULL, %s, 1, 0 "
            "FROM employers_employer e",
            [now, now, LEVY_YEAR, now, '{"levy_due": "43200.00", "exempt": false}'],
        )
        print(f"  declarations: {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute(
            "INSERT INTO quota_rosterline (declaration_id, line, certificate_kind, "
            "certificate_number, certificate_hash, certificate_masked, name, grade, "
            "resident_id, resident_id_masked, employment_form, contract_start, contract_end, "
            "post, dispatch_agency, dispatch_assigns_to, counted_months) "
            "SELECT d_id, line, 'disability', certificate_number, certificate_hash, "
            "certificate_masked, name, grade, '', '', "
            "CASE WHEN r_id %% 7 = 0 THEN 'dispatched' ELSE 'labour_contract' END, "
            f"{hired}, NULL, '', "
            f"CASE WHEN r_id %% 7 = 0 THEN {agency} ELSE '' END, "
            "CASE WHEN r_id %% 7 = 0 THEN 'host' ELSE '' END, 0 "
            "FROM (SELECT d.id AS d_id, n.line AS line, d.id * 3 + n.line AS r_id, "
            "p.certificate_number, p.certificate_hash, p.certificate_masked, p.name, "
            "p.disability_grade AS grade "
            f"FROM quota_declaration d CROSS JOIN ({lines}) n "
            "JOIN registry_person p ON p.id = %s + ((d.id * %s + n.line) * 7919) %% %s "
            "WHERE d.levy_year = %s) AS picked",
            [low, lines_each, persons, LEVY_YEAR],
        )
        print(f"  roster lines: {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute(
            "INSERT INTO quota_linemonth (roster_line_id, month, wage, social_insurance_paid, "
            "counted, weight, problem_codes) "
            "SELECT r.id, m.month + r.id %% %s, 3600.00, TRUE, TRUE, 1, '[]' "
            f"FROM quota_rosterline r CROSS JOIN ({months}) m",
            [13 - months_each],
        )
        # Each line's counted months folded, as every writer of a roster stores them.
        refold(RosterLine.objects.all())
        print(f"  line months: {time.perf_counter() - started:.0f} s", flush=True)
        # Two in three employers are in the county where the person on their first roster
        # line lives (the rest employ persons far from home, one of the signals). Moving the
        # employers costs far less than moving the persons (the registry's county indexes).
        cursor.execute(
            "UPDATE employers_employer SET county_code = (SELECT p.county_code "
            "FROM quota_declaration d JOIN quota_rosterline r ON r.declaration_id = d.id "
            "JOIN registry_person p ON p.certificate_hash = r.certificate_hash "
            "WHERE d.employer_id = employers_employer.id AND r.line = 0 LIMIT 1) "
            "WHERE id %% 3 <> 0",
            [],
        )
        cursor.execute(
            "UPDATE registry_person SET household_region_code = '' "
            "WHERE household_region_code <> ''",
            [],
        )
        print(f"  employers' places: {time.perf_counter() - started:.0f} s", flush=True)
        create_demo_accounts()
    return time.perf_counter() - started


def score_all() -> float:
    """The scoring job's work over the year (as `ablework quota score --year` runs it)."""
    from ablework.quota.models import RiskAssessment
    from ablework.quota.services.risk import score_year

    if RiskAssessment.objects.exists():
        print("reusing the scores already in the database")
        return 0.0
    started = time.perf_counter()
    print(score_year(LEVY_YEAR, today=date(2026, 3, 31)), flush=True)
    return time.perf_counter() - started


def analyse() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        # After a bulk load PostgreSQL's autovacuum analyses the tables on its own; do it now.
        # SQLite is measured without statistics, as Ablework deploys it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
