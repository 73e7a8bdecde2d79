"""The season assessment's input frames, read set-based from the quota declarations.

A few large queries whatever the number of employers (docs/levy.md, "How the figures are made"):

1. the region's employers (place, kind), and the year's certified declarations of them with their
   facts (headcount, wage total), each read through one cursor straight into a Polars frame
   (`core.bulk.read_frame`: no model, dict or converter call per row);
2. every counted month of the year's *filed* declarations (submitted, resubmitted, certified) in
   every region — the months another employer may not count again (quota's `counted_elsewhere`):
   the lines, each with its months as the line stores them folded into one integer
   (`RosterLine.counted_months`, written with the months: `quota.folding`);
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
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Q, QuerySet

from ablework.core.bulk import read_frame
from ablework.core.scoping import inside_region_q
from ablework.employers.models import Employer
from ablework.quota.models import (
    FILED_STATUSES,
    CertificateKind,
    Declaration,
    DeclarationStatus,
    EmploymentForm,
    RosterLine,
)
from ablework.registry.models import CertificateEvent, Person
from ablework.rules.jurisdictions.cn.counting import CountingRules

# The columns of `filed_months`' lines, in their order: one row per roster line.
LINE_SCHEMA = {
    "employer_id": pl.Int64,
    "declaration_id": pl.Int64,
    "line_id": pl.Int64,
    "certificate_hash": pl.String,
    "certificate": pl.String,
    "line_grade": pl.Int16,
    "employment_form": pl.String,
    "assigns_to": pl.String,
    "mask": pl.Int64,
}


# The columns of `declarations`' read: one row per declaration, decimals as their text and the
# twelve monthly headcounts as the JSON the database holds.
DECLARATION_SCHEMA = {
    "declaration_id": pl.Int64,
    "employer_id": pl.Int64,
    "headcount_monthly": pl.String,
    "annual_average": pl.String,
    "wage_total": pl.String,
    "status": pl.String,
}
DECLARATION_COLUMNS = (
    "pk",
    "employer_id",
    "headcount_monthly",
    "headcount_annual_average",
    "wage_total",
    "status",
)


def region_employers_q(region_prefix: str, field: str = "county_code") -> Q:
    """Employers (or rows with an employer's county) inside the region with this code prefix."""
    return inside_region_q(region_prefix, field=field) if region_prefix else Q()


def region_employers(region_prefix: str) -> pl.DataFrame:
    """`employer_id`, `county_code`, `kind` of every employer in the region (one query)."""
    return read_frame(
        Employer.objects.filter(region_employers_q(region_prefix)).values_list(
            "pk", "county_code", "kind"
        ),
        {"employer_id": pl.Int64, "county_code": pl.String, "kind": pl.String},
    )


def certified_declarations(year: int, region_prefix: str) -> pl.DataFrame:
    """The year's certified declarations of the region's employers (one query; the columns of
    `DECLARATION_SCHEMA`)."""
    return declarations(
        Declaration.objects.filter(levy_year=year, status=DeclarationStatus.CERTIFIED).filter(
            region_employers_q(region_prefix, "employer__county_code")
        )
    )


def declarations(rows: QuerySet[Declaration]) -> pl.DataFrame:
    """The figures of these declarations as a frame, read through one cursor."""
    return read_frame(
        rows.values_list(*DECLARATION_COLUMNS), DECLARATION_SCHEMA, raw=("headcount_monthly",)
    )


def filed_months(year: int) -> pl.DataFrame:
    """Every counted month of the year's filed declarations, in every region (one query).

    One row per roster line with a counted month, its months as the line stores them folded
    (`RosterLine.counted_months`, `quota.folding`: bit m-1 for a month counted, bit m+11 for one
    counted at the severe weight) in `mask`, so one integer a line crosses to Python instead of
    its twelve months; `counted_months` unfolds them."""
    filed = RosterLine.objects.filter(
        declaration__levy_year=year,
        declaration__status__in=FILED_STATUSES,
        counted_months__gt=0,
    )
    return read_frame(
        filed.values_list(
            "declaration__employer_id",
            "declaration_id",
            "id",
            "certificate_hash",
            "certificate_kind",
            "grade",
            "employment_form",
            "dispatch_assigns_to",
            "counted_months",
        ),
        LINE_SCHEMA,
    )


def _unfolded(lines: pl.DataFrame, severe_weight: int) -> pl.DataFrame:
    """One row per line and counted month (`month`, `weight`) from the lines' folded months."""
    bit = (pl.col("month") - 1).cast(pl.Int64)
    return (
        lines.with_columns(month=pl.lit(list(range(1, 13)), pl.List(pl.Int16)))
        .explode("month")
        .filter(((pl.col("mask") // (2**bit)) % 2) == 1)
        .with_columns(
            weight=pl.when(((pl.col("mask") // (2 ** (bit + 12))) % 2) == 1)
            .then(pl.lit(severe_weight, pl.Int16))
            .otherwise(pl.lit(1, pl.Int16)),
        )
        .drop("mask")
    )


def persons_of_year(year: int) -> pl.DataFrame:
    """`certificate_hash` → `person_id` for every number on the year's filed rosters: the
    registry's active person holding it now, or before a reassessment renumbered it.

    The persons are found in the certificate number's index alone (it holds the key), without
    reading each person's row for whether it was merged into another: the merged persons, few,
    are read from their own partial index and left out here."""
    hashes = RosterLine.objects.filter(
        declaration__levy_year=year, declaration__status__in=FILED_STATUSES
    ).values("certificate_hash")
    current = _fetch(
        Person.objects.filter(certificate_hash__in=hashes).values_list("certificate_hash", "pk")
    )
    older = _fetch(
        CertificateEvent.objects.filter(certificate_hash__in=hashes)
        .order_by("id")
        .values_list("certificate_hash", "person_id")
    )
    merged = pl.Series(
        "person_id",
        list(Person.objects.filter(merged_into__isnull=False).values_list("pk", flat=True)),
        dtype=pl.Int64,
    )
    schema = {"certificate_hash": pl.String, "person_id": pl.Int64}
    return (
        pl.concat(
            [
                pl.DataFrame(current, schema=schema, orient="row"),
                pl.DataFrame(older, schema=schema, orient="row"),
            ]
        )
        .filter((pl.col("certificate_hash") != "") & ~pl.col("person_id").is_in(merged.implode()))
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
    declaration_ids: Sequence[int] | pl.Series,
    rules: CountingRules,
    severe_weight: int,
) -> MonthsFrame:
    """The months frame of `compute_levy_batch` for these certified declarations: one row per
    person and counted month, without the months another employer also counted.

    The grade of a month is the line's grade when it agrees with the weight stored at
    certification, else the first grade of the weight's kind (severe or not): the certified
    weight, not today's registry, decides the month (a certified declaration changes only by a
    recorded correction)."""
    lines = filed.join(persons, on="certificate_hash", how="left", maintain_order="left")
    # The person as the batch path's key (text), and as an integer for the grouping: the
    # registry's id, or (a number no registry person holds) minus the number's rank.
    lines = lines.with_columns(
        person=pl.when(pl.col("person_id").is_not_null())
        .then(pl.lit("p") + pl.col("person_id").cast(pl.String))
        .otherwise(pl.lit("h") + pl.col("certificate_hash")),
        person_key=pl.coalesce(
            pl.col("person_id"), -pl.col("certificate_hash").rank("dense").cast(pl.Int64)
        ),
    ).drop("certificate_hash", "person_id")
    # Only a person on two employers' rosters can be counted twice: their months alone are
    # compared month by month.
    shared = (
        lines.group_by("person_key")
        .agg(employers=pl.col("employer_id").n_unique())
        .filter(pl.col("employers") > 1)
        .select("person_key")
    )
    doubled = (
        _unfolded(lines.join(shared, on="person_key", how="semi"), severe_weight)
        .group_by("person_key", "month")
        .agg(employers=pl.col("employer_id").n_unique())
        .filter(pl.col("employers") > 1)
        .select("person_key", "month")
    )
    chosen = _unfolded(
        lines.filter(pl.col("declaration_id").is_in(pl.Series(declaration_ids).implode())),
        severe_weight,
    )
    kept = chosen.join(doubled, on=["person_key", "month"], how="anti", maintain_order="left")
    taken = chosen.join(doubled, on=["person_key", "month"], how="semi").select(
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
