"""The employers a run assesses, as one frame (one row per employer): those with a certified
declaration, and — past their county's deadline — those deemed to have placed nobody, with the
figures of their own declaration of the year when they filed one.

The units frame: `employer_id`, `county_code`, `kind`, `basis`, `declaration_id` (the
declaration the figures come from, null for none), the figures as read (`headcount_monthly`
JSON, `annual_average`, `wage_total` text) and, from them (`with_figures`), `average_wage`,
`headcount_json` (the engine's `headcount` object) and `month_total` (Σ of the twelve monthly
headcounts; null for an annual average)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import polars as pl

from ablework.levy.deadlines import Deadline
from ablework.levy.models import AssessmentBasis
from ablework.levy.selectors.frames import declarations, region_employers_q
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.quota.selectors.checker import average_wage_of
from ablework.quota.selectors.drafts import headcount_of

FIGURES = ("wage_total", "headcount_monthly", "annual_average")


@dataclass
class Outcome:
    """What a run found, for its summary."""

    rows: pl.DataFrame | None = None
    not_assessed: int = 0
    double_counted: int = 0
    deadlines: dict[str, Deadline] = field(default_factory=dict)


def certified_units(declared: pl.DataFrame, employers: pl.DataFrame) -> pl.DataFrame:
    """The certified declarations of the region's employers, each with its employer's place."""
    return declared.join(employers, on="employer_id", how="inner", maintain_order="left").select(
        "employer_id",
        "county_code",
        "kind",
        pl.lit(str(AssessmentBasis.CERTIFIED)).alias("basis"),
        "declaration_id",
        *FIGURES,
    )


def deemed_none(
    year: int,
    prefix: str,
    on: date,
    employers: pl.DataFrame,
    certified: pl.DataFrame,
    outcome: Outcome,
) -> pl.DataFrame:
    """The employers without a certified declaration whose county's deadline has passed, with
    the figures of their open declaration of the year, else of their last rejected one."""
    others = employers.join(certified.select("employer_id"), on="employer_id", how="anti")
    passed = [
        county
        for county, deadline in outcome.deadlines.items()
        if deadline.on is not None and on > deadline.on
    ]
    due = others.filter(pl.col("county_code").is_in(passed))
    outcome.not_assessed = others.height - due.height
    if due.is_empty():
        return certified.clear()
    filed = declarations(
        Declaration.objects.filter(levy_year=year)
        .filter(region_employers_q(prefix, "employer__county_code"))
        .exclude(status=DeclarationStatus.CERTIFIED)
        .exclude(wage_total__isnull=True)
        .exclude(headcount_monthly__isnull=True, headcount_annual_average__isnull=True)
        .order_by("employer_id", "-created_at", "-pk")
    )
    chosen = (
        filed.with_row_index("newest")
        .sort("employer_id", pl.col("status") == DeclarationStatus.REJECTED, "newest")
        .unique("employer_id", keep="first", maintain_order=True)
        .select("employer_id", "declaration_id", *FIGURES)
    )
    return due.join(chosen, on="employer_id", how="left", maintain_order="left").select(
        "employer_id",
        "county_code",
        "kind",
        pl.lit(str(AssessmentBasis.DEEMED_NONE)).alias("basis"),
        "declaration_id",
        *FIGURES,
    )


def with_figures(units: pl.DataFrame) -> pl.DataFrame:
    """The units with the figures the engine takes, worked out once per distinct (wage total,
    headcount) by the single-case path's own functions (`headcount_of`, `average_wage_of`)."""
    distinct = units.filter(pl.col("declaration_id").is_not_null()).select(FIGURES).unique()
    average, headcount, total = [], [], []
    for wage_total, monthly, annual in distinct.iter_rows():
        count = headcount_of(
            json.loads(monthly) if monthly is not None else None,
            Decimal(annual) if annual is not None else None,
        )
        assert count is not None, "a filed declaration always has its headcount"
        average.append(format(average_wage_of(Decimal(wage_total or 0), count), "f"))
        headcount.append(json.dumps(count.to_json()))
        total.append(sum(count.monthly) if count.monthly is not None else None)
    figures = distinct.with_columns(
        average_wage=pl.Series(average, dtype=pl.String),
        headcount_json=pl.Series(headcount, dtype=pl.String),
        month_total=pl.Series(total, dtype=pl.Int64),
    )
    return units.join(
        figures, on=list(FIGURES), how="left", nulls_equal=True, maintain_order="left"
    )
