"""Benchmark: the season assessment (issue 11) of 200,000 certified declarations with 300,000
disabled employees × 12 months, the cross-employer double-counting check included, against (a) a
peer assessing declaration by declaration through the ORM and the single-case path, and (b) the
batch levy computation alone on the same frames — all measured in the same run.

    uv run python bench/season_assess.py                          # SQLite
    uv run python bench/season_assess.py --keep var/bench-season  # seed into (or reuse) a var dir

Seeds 300,000 registry persons and 200,000 employers with `ablework seed` (the registry's own
bulk writer), then, set-based in SQL (one `INSERT … SELECT` per table, as the quota benchmark):
one certified 2025 declaration per employer (annual average headcount 120, wage total
9,600,000 元), 300,000 roster lines (every declaration one line, every other one a second) naming
registry persons — spread so that some persons stand on two employers' rosters, the months two
employers count — and 12 months a line, 9 in 10 lines counted (weight 2 for grades 1–2). 山东's
social average wage is recorded as a local value so the wage cap applies.

Contenders:

- **Ablework**: `levy.services.assessment.assess_season` for the whole country: the frames read
  in a few queries, the double-counting check, the batch path, and the 200,000 rows written in
  place of the earlier ones in one transaction.
- **batch alone**: `rules.batch.compute_levy_batch` on the very frames Ablework handed it.
- **peer**: for each declaration, what a straightforward implementation does: read it with its
  lines and months through the ORM, ask quota's `counted_elsewhere` for the months other
  employers counted, build the engine's situation and run the single-case path
  (`quota.selectors.checker.levy_worksheet`), then save the assessment with `update_or_create`.
  Timed on a sample (`--sample`, default 1,000 declarations) and extrapolated linearly to all;
  its levies are compared with Ablework's, to the fen, for the whole sample.

Figures go to the `## Season assessment` section of docs/benchmarks.md. SQLite only: the
PostgreSQL path (COPY for the seed) is not written yet.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared import load, machine_note, setup_django, write_database_table  # noqa: E402

LEVY_YEAR = 2025
ON = date(2026, 12, 1)
SECTION = "## Season assessment"


def seed(var_dir: Path, persons: int, employers: int) -> None:
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    marker = var_dir / f"seeded-{persons}-{employers}"
    if marker.exists():
        print("reusing the seeded registry")
        return
    started = time.perf_counter()
    for what, count in (("persons", persons), ("employers", employers)):
        subprocess.run(
            ["ablework", "seed", f"--{what}", str(count), "--seed", "1"],
            env=env,
            check=True,
            cwd=ROOT,
        )
    print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    marker.touch()


def declarations() -> dict[str, int]:
    """The certified declarations, lines and months, set-based (once)."""
    from django.db import connection, transaction
    from django.db.models import Max, Min
    from django.utils import timezone

    from ablework.parameters.services import propose_local_value
    from ablework.quota.models import Declaration, LineMonth, RosterLine
    from ablework.registry.models import Person

    if not Declaration.objects.filter(levy_year=LEVY_YEAR).exists():
        bounds = Person.objects.aggregate(low=Min("pk"), high=Max("pk"))
        low, pool = bounds["low"], int((bounds["high"] - bounds["low"] + 1) * 0.995)
        now = timezone.now()
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO quota_declaration (created_at, updated_at, employer_id, levy_year, "
                "status, headcount_monthly, headcount_annual_average, wage_total, submitted_at, "
                "submitted_by_id, rules_trace, version) "
                "SELECT %s, %s, e.id, %s, 'certified', NULL, 120, 9600000.00, %s, NULL, '{}', 1 "
                "FROM employers_employer e",
                [now, now, LEVY_YEAR, now],
            )
            cursor.execute(
                "INSERT INTO quota_rosterline (declaration_id, line, certificate_kind, "
                "certificate_number, certificate_hash, certificate_masked, name, grade, "
                "resident_id, resident_id_masked, employment_form, contract_start, contract_end, "
                "post, dispatch_agency, dispatch_assigns_to) "
                "SELECT d.id, n.line, 'disability', p.certificate_number, p.certificate_hash, "
                "p.certificate_masked, p.name, p.disability_grade, '', '', 'labour_contract', "
                "'2024-01-01', NULL, '', '', '' "
                "FROM quota_declaration d CROSS JOIN (SELECT 0 AS line UNION ALL SELECT 1) n "
                "JOIN registry_person p ON p.id = %s + ((d.id * 2 + n.line) * 7919) %% %s "
                "WHERE d.levy_year = %s AND (n.line = 0 OR d.id %% 2 = 0)",
                [low, pool, LEVY_YEAR],
            )
            months = " UNION ALL ".join(f"SELECT {m} AS month" for m in range(1, 13))
            cursor.execute(
                "INSERT INTO quota_linemonth (roster_line_id, month, wage, social_insurance_paid, "
                "counted, weight, problem_codes) "
                "SELECT r.id, m.month, 3200.00, TRUE, r.id %% 10 <> 0, "
                "CASE WHEN r.id %% 10 = 0 THEN 0 WHEN r.grade <= 2 THEN 2 ELSE 1 END, '[]' "
                f"FROM quota_rosterline r CROSS JOIN ({months}) m",
                [],
            )
        print(f"declarations stored in {time.perf_counter() - started:.0f} s", flush=True)
        propose_local_value(
            None,
            name="wages.social_average_wage",
            region="370000",
            effective_from=date(2025, 1, 1),
            value="91452",
            reference="基准测试用：山东省2025年全口径城镇单位就业人员平均工资（鲁人社字〔2026〕75号）",
        )
    return {
        "declarations": Declaration.objects.filter(levy_year=LEVY_YEAR).count(),
        "lines": RosterLine.objects.count(),
        "months": LineMonth.objects.count(),
    }


def full_run() -> tuple[float, Any, Any]:
    """Ablework's whole assessment, timed; the frames it handed the batch path."""
    from ablework.levy.services import assessment
    from ablework.levy.services.assessment import rows
    from ablework.rules.batch import compute_levy_batch

    captured: list[tuple[Any, Any]] = []

    def recording(employers: Any, months: Any, **options: Any) -> Any:
        captured.append((employers, months))
        return compute_levy_batch(employers, months, **options)

    original = rows.compute_levy_batch
    rows.compute_levy_batch = recording  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        run = assessment.assess_season(
            actor=None, levy_year=LEVY_YEAR, region_code="", assessed_on=ON
        )
        elapsed = time.perf_counter() - started
    finally:
        rows.compute_levy_batch = original  # type: ignore[assignment]
    return elapsed, run, captured


def batch_alone(captured: list[tuple[Any, Any]], runs: int) -> float:
    from ablework.rules.batch import compute_levy_batch

    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for employers, months in captured:
            compute_levy_batch(employers, months, year=LEVY_YEAR, assessed_on=ON)
        best = min(best, time.perf_counter() - started)
    return best


def peer(sample: list[int]) -> tuple[float, dict[int, Decimal | None]]:
    """Declaration by declaration through the ORM and the single-case path."""
    from ablework.levy.models import Assessment, AssessmentRun
    from ablework.quota.models import Declaration
    from ablework.quota.selectors.checker import levy_worksheet
    from ablework.quota.selectors.counted_elsewhere import counted_elsewhere
    from ablework.quota.selectors.drafts import declaration_input, with_roster
    from ablework.rules.jurisdictions.cn import parameter_tree

    tree = parameter_tree()
    run = AssessmentRun.objects.create(levy_year=LEVY_YEAR, region_code="", assessed_on=ON)
    found: dict[int, Decimal | None] = {}
    started = time.perf_counter()
    for declaration_id in sample:
        row = with_roster(Declaration.objects.filter(pk=declaration_id)).get()
        lines = list(row.lines.all())
        hashes = {line.certificate_hash for line in lines}
        elsewhere = counted_elsewhere(hashes, LEVY_YEAR, row.employer_id)
        employees = []
        for line in lines:
            months = [
                m
                for m in line.months.all()
                if m.counted and m.month not in elsewhere.get(line.certificate_hash, set())
            ]
            if months:
                employees.append(
                    {
                        "certificate": line.certificate_kind,
                        "grade": line.grade,
                        "months": [
                            {
                                "month": f"{LEVY_YEAR}-{m.month:02d}",
                                "grade": line.grade,
                                "social_insurance_paid": True,
                            }
                            for m in months
                        ],
                    }
                )
        result = levy_worksheet(
            declaration=declaration_input(row),
            employer=row.employer,
            employees=employees,
            tree=tree,
            today=ON,
        )
        due = Decimal(result["levy_due"]) if "levy_due" in result else None
        Assessment.objects.update_or_create(
            employer_id=row.employer_id,
            levy_year=LEVY_YEAR,
            defaults={
                "run": run,
                "county_code": row.employer.county_code,
                "basis": "certified",
                "declaration_id": row.pk,
                "levy_due": due,
                "inputs": {"employees": employees},
            },
        )
        found[row.employer_id] = due
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--declarations", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        var_dir = args.keep.resolve() if args.keep else Path(tmp) / "var"
        seed(var_dir, args.persons, args.declarations)
        setup_django(var_dir, None)
        facts = declarations()
        loads = [load()]
        times, run = [], None
        for _ in range(args.runs):
            elapsed, run, captured = full_run()
            times.append(elapsed)
            print(f"  ablework: {elapsed:.1f} s", flush=True)
        loads.append(load())
        alone = batch_alone(captured, args.runs)
        print(f"  batch alone: {alone:.2f} s", flush=True)
        from ablework.levy.models import Assessment
        from ablework.quota.models import Declaration

        ours = dict(Assessment.objects.filter(run=run).values_list("employer_id", "levy_due"))
        ids = list(Declaration.objects.filter(levy_year=LEVY_YEAR).values_list("pk", flat=True))
        sample = random.Random(1).sample(ids, min(args.sample, len(ids)))
        peer_time, theirs = peer(sample)
        loads.append(load())
        agree = sum(1 for employer, due in theirs.items() if ours.get(employer) == due)
        best = min(times)
        per = peer_time / len(sample)
        extrapolated = per * facts["declarations"]
        assert run is not None
        today = time.strftime("%Y-%m-%d", time.gmtime())
        block = "\n".join(
            [
                f"### SQLite, {facts['declarations']:,} declarations, {today}",
                "",
                "| contender | time | Ablework vs contender |",
                "|---|---|---|",
                f"| Ablework `assess_season` (frames, double counting, batch path, rows written) "
                f"| {best:.1f} s (best of {args.runs}) | 1.0× |",
                f"| batch levy computation alone on the same frames | {alone:.2f} s | "
                f"{best / alone:.1f}× slower |",
                f"| peer: declaration by declaration (ORM + single-case path), "
                f"{len(sample):,} sampled, extrapolated | {extrapolated:,.0f} s "
                f"({per * 1000:.1f} ms each) | {extrapolated / best:,.0f}× faster |",
                "",
                f"- Targets: at least 50× faster than the peer: "
                f"**{'met' if extrapolated / best >= 50 else 'not met'}** "
                f"({extrapolated / best:,.0f}×); within 3× of the batch alone: "
                f"**{'met' if best / alone <= 3 else 'not met'}** ({best / alone:.1f}×).",
                f"- Data: {facts['declarations']:,} certified declarations, {facts['lines']:,} "
                f"roster lines, {facts['months']:,} line months; {run.double_counted_months:,} "
                "person-months taken out by the double-counting check. The peer was timed on a "
                "random sample and extrapolated linearly (a full run would take hours); its levy "
                f"agreed with Ablework's to the fen for {agree:,} of {len(sample):,} employers.",
                machine_note("before, between and after", loads),
            ]
        )
        print(block)
        if not args.no_write:
            body = __doc__.split("\n\n")[0].replace("\n", " ")
            write_database_table(SECTION, body, block + "\n", "SQLite")


if __name__ == "__main__":
    main()
