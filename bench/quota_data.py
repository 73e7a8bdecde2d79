"""The quota check benchmark's data (bench/quota_check.py, also bench/roster_import.py): the
registry seeded by `ablework seed` in a child process, and the other employers' filed
declarations of the levy year with their lines and months, set-based in SQL (once: kept when
there), a tenth of the roster's persons with a dated certificate history."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

LEVY_YEAR = 2025
TODAY = date(2026, 3, 31)
COUNTY = "370811"
# The other declarations' lines name the first 60 % of the persons (each about once); the
# roster's persons come from after them, but for ROSTER_ELSEWHERE of them taken among them.
POOL_SHARE = 0.6
ROSTER_ELSEWHERE = 200


def seed(var_dir: Path, persons: int, employers: int, database_url: str | None) -> None:
    """Migrate and seed in a child process (as an operator would), unless already seeded."""
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    for what, count in (("persons", persons), ("employers", employers)):
        marker = (
            var_dir / f"seeded-{count}" if what == "persons" else var_dir / f"employers-{count}"
        )
        if marker.exists():
            print(f"reusing the {what} seeded into {database_url or var_dir}")
            continue
        started = time.perf_counter()
        subprocess.run(
            ["ablework", "seed", f"--{what}", str(count), "--seed", "1"],
            env=env,
            check=True,
            cwd=ROOT,
        )
        print(f"seeded {count:,} {what} in {time.perf_counter() - started:.0f} s", flush=True)
        marker.touch()


# --- the data of the run ----------------------------------------------------------------------


def our_employer() -> Any:
    """The declaring employer: the first seeded one of 任城区 (it has no declaration)."""
    from ablework.employers.models import Employer

    return Employer.objects.filter(county_code=COUNTY).order_by("pk").first()


def person_range() -> tuple[int, int, int]:
    """The lowest and highest person id, and the size of the other declarations' pool."""
    from django.db.models import Max, Min

    from ablework.registry.models import Person

    found = Person.objects.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = found["low"], found["high"]
    return low, high, int((high - low + 1) * POOL_SHARE)


def roster_person_ids(lines: int) -> list[int]:
    """The roster's persons: ROSTER_ELSEWHERE inside the other declarations' pool (they are
    counted elsewhere for some months), the rest spread over the ids after it."""
    low, high, pool = person_range()
    elsewhere = min(ROSTER_ELSEWHERE, lines // 10)
    inside = [low + 17 + index * (pool // elsewhere) for index in range(elsewhere)]
    rest = lines - len(inside)
    first = low + pool
    step = max((high - first) // rest, 1)
    return inside + [first + 3 + index * step for index in range(rest)]


def other_declarations(
    ours: Any, lines_each: int, months_each: int, roster_ids: list[int]
) -> dict[str, int]:
    """The other employers' filed declarations of the year, set-based (once: kept when there)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ablework.core.crypto import lookup_hash
    from ablework.quota.folding import refold
    from ablework.quota.models import Declaration, LineMonth, RosterLine
    from ablework.registry.models import CertificateEvent, Person

    if Declaration.objects.filter(levy_year=LEVY_YEAR).exists():
        print("reusing the declarations already in the database")
    else:
        low, _high, pool = person_range()
        now = timezone.now()
        started = time.perf_counter()
        lines = " UNION ALL ".join(f"SELECT {n} AS line" for n in range(lines_each))
        months = " UNION ALL ".join(f"SELECT {m} AS month" for m in range(1, months_each + 1))
        # The months of a line are consecutive, starting where the line's id puts them.
        spread = 13 - months_each
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO quota_declaration (created_at, updated_at, employer_id, levy_year, "
                "status, headcount_monthly, headcount_annual_average, wage_total, submitted_at, "
                "submitted_by_id, rules_trace, version) "
                "SELECT %s, %s, e.id, %s, CASE WHEN e.id %% 4 = 0 THEN 'certified' "
                "ELSE 'submitted' END, NULL, 120, 9600000.00, %s, NULL, '{}', 1 "
                "FROM employers_employer e WHERE e.id <> %s",
                [now, now, LEVY_YEAR, now, ours.pk],
            )
            print(f"  declarations: {time.perf_counter() - started:.0f} s", flush=True)
            cursor.execute(
                "INSERT INTO quota_rosterline (declaration_id, line, certificate_kind, "
                "certificate_number, certificate_hash, certificate_masked, name, grade, "
                "resident_id, resident_id_masked, employment_form, contract_start, contract_end, "
                "post, dispatch_agency, dispatch_assigns_to, counted_months) "
                "SELECT d.id, n.line, 'disability', p.certificate_number, p.certificate_hash, "
                "p.certificate_masked, p.name, p.disability_grade, '', '', 'labour_contract', "
                "'2024-01-01', NULL, '', '', '', 0 "
                f"FROM quota_declaration d CROSS JOIN ({lines}) n "
                "JOIN registry_person p ON p.id = %s + ((d.id * %s + n.line) * 7919) %% %s "
                "WHERE d.levy_year = %s",
                [low, lines_each, pool, LEVY_YEAR],
            )
            print(f"  roster lines: {time.perf_counter() - started:.0f} s", flush=True)
            cursor.execute(
                "INSERT INTO quota_linemonth (roster_line_id, month, wage, social_insurance_paid, "
                "counted, weight, problem_codes) "
                "SELECT r.id, m.month + r.id %% %s, 3200.00, TRUE, r.id %% 10 <> 0, "
                "CASE WHEN r.id %% 10 <> 0 THEN 1 ELSE 0 END, '[]' "
                f"FROM quota_rosterline r CROSS JOIN ({months}) m",
                [spread],
            )
            # Each line's counted months folded, as every writer of a roster stores them.
            refold(RosterLine.objects.all())
            print(f"  line months: {time.perf_counter() - started:.0f} s", flush=True)
        # A tenth of the roster's persons: an undated issue under an older number, then a
        # reassessment to another grade in July, under the current number.
        events = []
        for person in Person.objects.filter(pk__in=roster_ids[::10]):
            events.append(
                CertificateEvent(
                    person=person,
                    kind="issued",
                    effective_on=None,
                    disability_category=person.disability_category,
                    disability_grade=5 - person.disability_grade,
                    valid_until=person.certificate_valid_until,
                    certificate_hash=lookup_hash(f"OLD{person.pk:017d}"),
                    source="import",
                )
            )
            events.append(
                CertificateEvent(
                    person=person,
                    kind="reassessed",
                    effective_on=date(LEVY_YEAR, 7, 15),
                    disability_category=person.disability_category,
                    disability_grade=person.disability_grade,
                    valid_until=person.certificate_valid_until,
                    certificate_hash=person.certificate_hash,
                    certificate_masked=person.certificate_masked,
                    source="import",
                )
            )
        CertificateEvent.objects.bulk_create(events)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(f"declarations stored in {time.perf_counter() - started:.0f} s", flush=True)
    return {
        "declarations": Declaration.objects.filter(levy_year=LEVY_YEAR).count(),
        "lines": RosterLine.objects.count(),
        "months": LineMonth.objects.count(),
        "counted": LineMonth.objects.filter(counted=True).count(),
    }
