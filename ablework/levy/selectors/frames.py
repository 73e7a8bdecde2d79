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

MONTHS = 12
MONTH_BITS = [1 << (month - 1) for month in range(1, MONTHS + 1)]  # a month counted, in a fold
COUNTED = (1 << MONTHS) - 1  # the fold's counted months
SEVERE = 1 << MONTHS  # a month's bit × this: the month at the severe weight
LOOKUP_CHUNK = 500  # certificate numbers a query (within every backend's parameter limit)
# The registry is read whole (its number index, in order) when it holds at most this many
# persons per distinct number of the year's lines, else each number is looked up in it.
SCAN_FACTOR = 4

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


def _unfolded(lines: pl.DataFrame) -> pl.DataFrame:
    """One row per line and counted month of its `mask` (`month`, and `severe` for a month at
    the severe weight), in the lines' order and each line's months in order. Only the mask is
    unfolded; the other columns are gathered once for the rows kept."""
    found = (
        lines.select(pl.col("mask"))
        .with_row_index("row")
        .with_columns(
            month=pl.lit(list(range(1, MONTHS + 1)), pl.List(pl.Int16)),
            bit=pl.lit(MONTH_BITS, pl.List(pl.Int64)),
        )
        .explode("month", "bit")
        .filter((pl.col("mask") & pl.col("bit")) != 0)
    )
    severe = ((pl.col("mask") & (pl.col("bit") * SEVERE)) != 0).alias("severe")
    kept = found.select("row", "month", severe)
    return lines.drop("mask")[kept["row"]].with_columns(kept["month"], kept["severe"])


def persons_of_year(year: int, filed: pl.DataFrame) -> pl.DataFrame:
    """`certificate_hash` → `person_id` for every number on the lines of the year's filed
    rosters that count a month (`filed`, from `filed_months`): the registry's active person
    holding it now, or before a reassessment renumbered it.

    The persons are found in the certificate number's index alone (it holds the key): read
    whole and in order where the registry is at most `SCAN_FACTOR` persons per distinct number
    (then joined with the numbers here), else probed for each number by the database; without
    reading each person's row for whether it was merged into another: the merged persons, few,
    are read from their own partial index and left out here. The older numbers are looked up
    only for the numbers no active person holds now (a renumbering's few), by their list."""
    merged = pl.Series(
        "person_id",
        list(Person.objects.filter(merged_into__isnull=False).values_list("pk", flat=True)),
        dtype=pl.Int64,
    ).implode()
    schema = {"certificate_hash": pl.String, "person_id": pl.Int64}
    active = (pl.col("certificate_hash") != "") & ~pl.col("person_id").is_in(merged)
    numbers = filed.select(pl.col("certificate_hash").unique().sort()).filter(
        pl.col("certificate_hash") != ""
    )
    held = Person.objects.exclude(certificate_hash="").order_by("certificate_hash", "pk")
    if Person.objects.count() <= SCAN_FACTOR * numbers.height:
        # The registry is not much larger than the year's numbers: its number index read
        # whole, in order, is cheaper than looking each number up in it.
        current = read_frame(held.values_list("certificate_hash", "pk"), schema).join(
            numbers, on="certificate_hash", how="semi", maintain_order="left"
        )
    else:
        hashes = RosterLine.objects.filter(
            declaration__levy_year=year,
            declaration__status__in=FILED_STATUSES,
            counted_months__gt=0,
        ).values("certificate_hash")
        current = read_frame(
            held.filter(certificate_hash__in=hashes).values_list("certificate_hash", "pk"),
            schema,
        )
    current = current.filter(active)
    unheld = numbers.join(current, on="certificate_hash", how="anti")["certificate_hash"].to_list()
    older = [
        row
        for start in range(0, len(unheld), LOOKUP_CHUNK)
        for row in _fetch(
            CertificateEvent.objects.filter(
                certificate_hash__in=unheld[start : start + LOOKUP_CHUNK]
            )
            .order_by("id")
            .values_list("certificate_hash", "person_id")
        )
    ]
    return pl.concat(
        [current, pl.DataFrame(older, schema=schema, orient="row").filter(active)]
    ).unique("certificate_hash", keep="first", maintain_order=True)


@dataclass(frozen=True)
class MonthsFrame:
    """The batch path's months frame and how many person-months the cross-employer check took
    out."""

    months: pl.DataFrame
    double_counted: int


def counted_months(
    filed: pl.DataFrame,
    persons: pl.DataFrame,
    declaration_ids: Sequence[int] | pl.Series,
    rules: CountingRules,
    severe_weight: int,
) -> MonthsFrame:
    """The months frame of `compute_levy_batch` for these certified declarations: one row per
    person and counted month, without the months another employer also counted.

    Worked on the lines' folded months: per person, the months that two or more of its
    employers count (a bit counted by two employers' lines) are taken out of each chosen line's
    fold, and only then are the chosen lines unfolded into months.

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
    # Each person's months that two or more of its employers count.
    owned = lines.group_by("person_key", "employer_id").agg(
        (pl.col("mask") & COUNTED).bitwise_or().alias("owned")
    )
    doubled = (
        owned.group_by("person_key")
        .agg(
            pl.sum_horizontal(
                [
                    (((pl.col("owned") & bit) != 0).sum() >= 2).cast(pl.Int64) * bit
                    for bit in MONTH_BITS
                ]
            ).alias("doubled")
        )
        .filter(pl.col("doubled") != 0)
    )
    chosen = (
        lines.filter(pl.col("declaration_id").is_in(pl.Series(declaration_ids).implode()))
        .join(doubled, on="person_key", how="left", maintain_order="left")
        .with_columns(taken=pl.col("mask") & pl.col("doubled").fill_null(0) & COUNTED)
    )
    dispatched = pl.col("employment_form") == EmploymentForm.DISPATCHED
    # Per line, the grade of a month at either weight (the month's own weight picks one).
    chosen = chosen.select(
        "employer_id",
        pl.col("person").alias("person_id"),
        "certificate",
        (pl.col("mask") - pl.col("taken")).alias("mask"),
        _month_grade(rules, heavy=True).alias("severe_grade"),
        # (a weight of 1 is the severe weight too where that is 1)
        _month_grade(rules, heavy=severe_weight == 1).alias("plain_grade"),
        dispatched.alias("dispatched"),
        pl.when(dispatched & (pl.col("assigns_to") != ""))
        .then(pl.col("assigns_to"))
        .otherwise(None)
        .alias("agreement_assigns_to"),
        pl.col("taken").bitwise_count_ones().alias("taken"),
    )
    taken = int(chosen["taken"].sum())
    months = _unfolded(chosen.drop("taken"))
    return MonthsFrame(
        months=months.select(
            "employer_id",
            "person_id",
            "month",
            "certificate",
            pl.when(pl.col("severe"))
            .then(pl.col("severe_grade"))
            .otherwise(pl.col("plain_grade"))
            .alias("grade"),
            pl.lit(True).alias("social_insurance_paid"),
            "dispatched",
            "agreement_assigns_to",
        ),
        double_counted=taken,
    )


def _month_grade(rules: CountingRules, *, heavy: bool) -> pl.Expr:
    """The grade handed to the engine for a line's month counted at the severe weight (`heavy`)
    or at 1 (see `counted_months`)."""
    expression: pl.Expr = pl.col("line_grade")
    for kind in (CertificateKind.DISABILITY, CertificateKind.VETERAN):
        severe = sorted(rules.severe_grades[kind])
        plain = sorted(set(rules.eligible_grades[kind]) - set(severe))
        is_kind = pl.col("certificate") == kind
        line_severe = pl.col("line_grade").is_in(severe).fill_null(False)
        line_plain = pl.col("line_grade").is_in(plain).fill_null(False)
        if severe and heavy:
            expression = pl.when(is_kind & ~line_severe).then(severe[0]).otherwise(expression)
        if plain and not heavy:
            expression = pl.when(is_kind & ~line_plain).then(plain[0]).otherwise(expression)
    return expression.cast(pl.Int16)


def _fetch(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query through one cursor (no model or dict per row): the SQL the
    ORM would run, read with fetchall."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
