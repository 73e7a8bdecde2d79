"""The season assessment's input frames, read set-based from the quota declarations.

A few large queries whatever the number of employers (docs/levy.md, "How the figures are made"):

1. the year's certified declarations of employers in the region, with their facts (headcount,
   wage total) and employer (place, kind, name, credit code);
2. every counted month of the year's *filed* declarations (submitted, resubmitted, certified) in
   every region — the months another employer may not count again (quota's `counted_elsewhere`);
3. the registry persons holding those certificate numbers, now or before a reassessment
   renumbered them (two queries), so one person is one person under either number.

A month counted in the certified declaration of one employer and also counted in another
employer's filed declaration is not counted: the single-case check (`check_stored`) of either
declaration, run now, would mark it `counted_elsewhere` (each sees the other's), so the batch
drops it for both, and the months frame holds what the single-case path counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Q, QuerySet

from ablework.core.scoping import inside_region_q
from ablework.quota.models import (
    FILED_STATUSES,
    CertificateKind,
    Declaration,
    DeclarationStatus,
    EmploymentForm,
    LineMonth,
    RosterLine,
)
from ablework.quota.selectors.checker import average_wage_of
from ablework.quota.selectors.drafts import headcount_of
from ablework.registry.models import CertificateEvent, Person
from ablework.rules.jurisdictions.cn.counting import CountingRules

# The columns of `filed_months`' query, in its order: one row per roster line.
LINE_SCHEMA = {
    "employer_id": pl.Int64,
    "declaration_id": pl.Int64,
    "status": pl.String,
    "line_id": pl.Int64,
    "certificate_hash": pl.String,
    "certificate": pl.String,
    "line_grade": pl.Int16,
    "employment_form": pl.String,
    "assigns_to": pl.String,
    "counted_mask": pl.Int64,
    "severe_mask": pl.Int64,
}


@dataclass(frozen=True)
class Declared:
    """One certified declaration's facts, as the single-case path reads them."""

    declaration_id: int
    employer_id: int
    headcount: dict[str, Any]  # the engine's `headcount`: {"monthly": […]} or {"annual_average"}
    month_total: int | None
    annual_average: Decimal | None
    average_wage: Decimal


def region_employers_q(region_prefix: str, field: str = "county_code") -> Q:
    """Employers (or rows with an employer's county) inside the region with this code prefix."""
    return inside_region_q(region_prefix, field=field) if region_prefix else Q()


def certified_declarations(year: int, region_prefix: str) -> list[Declared]:
    """The year's certified declarations of the region's employers (one query)."""
    rows = (
        Declaration.objects.filter(levy_year=year, status=DeclarationStatus.CERTIFIED)
        .filter(region_employers_q(region_prefix, "employer__county_code"))
        .values_list(
            "pk", "employer_id", "headcount_monthly", "headcount_annual_average", "wage_total"
        )
    )
    return [declared_of(*row) for row in rows]


def declared_of(
    pk: int,
    employer_id: int,
    monthly: list[int] | None,
    annual: Decimal | None,
    wage_total: Decimal | None,
) -> Declared:
    """The figures of one declaration as the checker would read them back."""
    headcount = headcount_of(monthly, annual)
    assert headcount is not None, "a filed declaration always has its headcount"
    return Declared(
        declaration_id=pk,
        employer_id=employer_id,
        headcount=headcount.to_json(),
        month_total=sum(headcount.monthly) if headcount.monthly is not None else None,
        annual_average=headcount.annual_average,
        average_wage=average_wage_of(wage_total or Decimal(0), headcount),
    )


def filed_months(year: int, severe_weight: int) -> pl.DataFrame:
    """Every counted month of the year's filed declarations, in every region (one query).

    The database folds each roster line's counted months into two bit masks (the months counted,
    and those counted at the severe weight), so one row per line crosses to Python instead of
    one per month (twelve times fewer); Polars unfolds them again."""
    quote = connection.ops.quote_name
    month, line, declaration = (
        quote(model._meta.db_table) for model in (LineMonth, RosterLine, Declaration)
    )
    statuses = ", ".join(["%s"] * len(FILED_STATUSES))
    sql = (
        f"SELECT d.employer_id, l.declaration_id, d.status, l.id, l.certificate_hash, "  # noqa: S608 — names from the models
        f"l.certificate_kind, l.grade, l.employment_form, l.dispatch_assigns_to, "
        f"SUM(1 << (m.month - 1)), "
        f"SUM(CASE WHEN m.weight = %s THEN 1 << (m.month - 1) ELSE 0 END) "
        f"FROM {month} m JOIN {line} l ON l.id = m.roster_line_id "
        f"JOIN {declaration} d ON d.id = l.declaration_id "
        f"WHERE m.counted AND d.levy_year = %s AND d.status IN ({statuses}) "
        # Grouped by the two keys only: the other columns depend on them (PostgreSQL accepts
        # them so), and the database compares two integers per row instead of nine columns.
        f"GROUP BY l.id, d.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [severe_weight, year, *[str(s) for s in FILED_STATUSES]])
        data = cursor.fetchall()
    frame = pl.DataFrame(data, schema=LINE_SCHEMA, orient="row")
    bit = (pl.col("month") - 1).cast(pl.Int64)
    return (
        frame.with_columns(month=pl.lit(list(range(1, 13)), pl.List(pl.Int16)))
        .explode("month")
        .filter(((pl.col("counted_mask") // (2**bit)) % 2) == 1)
        .with_columns(
            weight=pl.when(((pl.col("severe_mask") // (2**bit)) % 2) == 1)
            .then(pl.lit(severe_weight, pl.Int16))
            .otherwise(pl.lit(1, pl.Int16)),
            certified=pl.col("status") == DeclarationStatus.CERTIFIED,
        )
        .drop("status", "counted_mask", "severe_mask")
    )


def persons_of_year(year: int) -> pl.DataFrame:
    """`certificate_hash` → `person_id` for every number on the year's filed rosters: the
    registry's active person holding it now, or before a reassessment renumbered it."""
    hashes = RosterLine.objects.filter(
        declaration__levy_year=year, declaration__status__in=FILED_STATUSES
    ).values("certificate_hash")
    current = _fetch(
        Person.objects.filter(certificate_hash__in=hashes, merged_into__isnull=True).values_list(
            "certificate_hash", "pk"
        )
    )
    older = _fetch(
        CertificateEvent.objects.filter(
            certificate_hash__in=hashes, person__merged_into__isnull=True
        )
        .order_by("id")
        .values_list("certificate_hash", "person_id")
    )
    schema = {"certificate_hash": pl.String, "person_id": pl.Int64}
    return (
        pl.concat(
            [
                pl.DataFrame(current, schema=schema, orient="row"),
                pl.DataFrame(older, schema=schema, orient="row"),
            ]
        )
        .filter(pl.col("certificate_hash") != "")
        .unique("certificate_hash", keep="first", maintain_order=True)
    )


@dataclass(frozen=True)
class MonthsFrame:
    """The batch path's months frame and what the cross-employer check took out."""

    months: pl.DataFrame
    double_counted: pl.DataFrame  # employer_id, person, month: taken out


def counted_months(
    filed: pl.DataFrame,
    persons: pl.DataFrame,
    declaration_ids: Sequence[int],
    rules: CountingRules,
    severe_weight: int,
) -> MonthsFrame:
    """The months frame of `compute_levy_batch` for these certified declarations: one row per
    person and counted month, without the months another employer also counted.

    The grade of a month is the line's grade when it agrees with the weight stored at
    certification, else the first grade of the weight's kind (severe or not): the certified
    weight, not today's registry, decides the month (a certified declaration changes only by a
    recorded correction)."""
    frame = filed.join(persons, on="certificate_hash", how="left").with_columns(
        person=pl.when(pl.col("person_id").is_not_null())
        .then(pl.lit("p") + pl.col("person_id").cast(pl.String))
        .otherwise(pl.lit("h") + pl.col("certificate_hash"))
    )
    doubled = (
        frame.group_by("person", "month")
        .agg(employers=pl.col("employer_id").n_unique())
        .filter(pl.col("employers") > 1)
        .select("person", "month")
    )
    chosen = frame.filter(pl.col("declaration_id").is_in(list(declaration_ids)))
    kept = chosen.join(doubled, on=["person", "month"], how="anti")
    taken = chosen.join(doubled, on=["person", "month"], how="semi").select(
        "employer_id", "person", "month"
    )
    return MonthsFrame(
        months=kept.with_columns(_month_grade(rules, severe_weight)).select(
            "employer_id",
            pl.col("person").alias("person_id"),
            "month",
            "certificate",
            "grade",
            pl.lit(True).alias("social_insurance_paid"),
            (pl.col("employment_form") == EmploymentForm.DISPATCHED).alias("dispatched"),
            pl.when(
                (pl.col("employment_form") == EmploymentForm.DISPATCHED)
                & (pl.col("assigns_to") != "")
            )
            .then(pl.col("assigns_to"))
            .otherwise(None)
            .alias("agreement_assigns_to"),
        ),
        double_counted=taken,
    )


def _month_grade(rules: CountingRules, severe_weight: int) -> pl.Expr:
    """The grade handed to the engine for a counted month (see `counted_months`)."""
    expression: pl.Expr = pl.col("line_grade")
    for kind in (CertificateKind.DISABILITY, CertificateKind.VETERAN):
        severe = sorted(rules.severe_grades[kind])
        plain = sorted(set(rules.eligible_grades[kind]) - set(severe))
        is_kind = pl.col("certificate") == kind
        heavy = pl.col("weight") == severe_weight
        line_severe = pl.col("line_grade").is_in(severe).fill_null(False)
        line_plain = pl.col("line_grade").is_in(plain).fill_null(False)
        if severe:
            expression = (
                pl.when(is_kind & heavy & ~line_severe).then(severe[0]).otherwise(expression)
            )
        if plain:
            expression = (
                pl.when(is_kind & ~heavy & ~line_plain).then(plain[0]).otherwise(expression)
            )
    return expression.cast(pl.Int16).alias("grade")


def _fetch(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query through one cursor (no model or dict per row): the SQL the
    ORM would run, read with fetchall."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
