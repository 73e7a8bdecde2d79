"""The batch path over the units (`compute`) and the Assessment rows from its results
(`assessment_rows`), column-wise: one frame whose columns are the table's, decimals and JSON as
the text the database stores (written by `core.bulk.insert_frame`).

Each figure is the engine's exact fraction rounded as the single-case path rounds it:
`Decimal(numerator) / Decimal(denominator)` quantized (half to even, Decimal's default) to the
column's places. The quotient is worked out here in integers — q = ⌊n·10^p / d⌋, plus one when
the remainder is over half of d, or exactly half and q is odd — which is that Decimal's value:
Decimal division is correctly rounded to 28 digits first, and for these denominators (at most
a few million) an inexact quotient cannot lie within 10^-28 of a half, so the two roundings
agree with the one exact rounding."""

from __future__ import annotations

from datetime import date

import polars as pl

from ablework.levy.services.assessment.inputs import inputs_json
from ablework.rules.batch import compute_levy_batch
from ablework.rules.batch.frames import HEADCOUNT_SCALE
from ablework.rules.engine.parameters import ParameterTree

NO_FIGURES = "no_figures"

# The batch path's columns read here, for a run with no figures to compute.
EMPTY_RESULTS: dict[str, pl.DataType] = {
    "employer_id": pl.Int64(),
    "error_code": pl.String(),
    "error_detail": pl.String(),
    "exempt": pl.Boolean(),
    **{
        name: pl.Int64()
        for name in (
            "n",
            "d",
            "required_num",
            "required_den",
            "ratio_num",
            "ratio_den",
            "wage_num",
            "wage_den",
            "levy_before_reduction_fen",
            "levy_due_fen",
            "reward_fen",
        )
    },
}


def compute(
    units: pl.DataFrame, months: pl.DataFrame, year: int, on: date, tree: ParameterTree
) -> pl.DataFrame:
    """The batch path over the units with figures: one call for those declaring 12 monthly
    headcounts and one for those declaring an annual average (the frame takes one or the
    other). One row per employer with figures (the batch path's columns)."""
    declared = units.filter(pl.col("declaration_id").is_not_null())
    results = []
    for monthly, column, value in (
        (True, "headcount_month_total", pl.col("month_total")),
        (False, "annual_average_headcount", pl.col("annual_average")),
    ):
        group = declared.filter(pl.col("month_total").is_not_null() == monthly)
        if group.is_empty():
            continue
        employers = group.select(
            "employer_id",
            pl.col("county_code").alias("jurisdiction"),
            pl.col("kind").alias("employer_kind"),
            "average_wage",
            value.alias(column),
        )
        chosen = months.filter(pl.col("employer_id").is_in(employers["employer_id"].implode()))
        results.append(compute_levy_batch(employers, chosen, year=year, assessed_on=on, tree=tree))
    if not results:
        return pl.DataFrame(schema=EMPTY_RESULTS)
    return pl.concat(results, how="diagonal_relaxed")


def _quotient(numerator: str, denominator: str | int, places: int) -> pl.Expr:
    """numerator / denominator rounded half to even to `places` decimals, as text (null when
    either is missing or the denominator is 0); see the module's note."""
    n = pl.col(numerator).cast(pl.Int128)
    d = (pl.col(denominator) if isinstance(denominator, str) else pl.lit(denominator)).cast(
        pl.Int128
    )
    scaled = n.abs() * 10**places
    q = scaled // d.abs()
    twice = (scaled - q * d.abs()) * 2
    q = q + ((twice > d.abs()) | ((twice == d.abs()) & (q % 2 == 1))).cast(pl.Int128)
    negative = (n < 0) != (d < 0)
    text = _decimal_text(q, places)
    signed = pl.when(negative & (q != 0)).then(pl.lit("-") + text).otherwise(text)
    return pl.when(n.is_not_null() & d.is_not_null() & (d != 0)).then(signed)


def _decimal_text(scaled: pl.Expr, places: int) -> pl.Expr:
    """A non-negative integer × 10^-places as text with `places` decimals."""
    unit = 10**places
    whole = (scaled // unit).cast(pl.String)
    fraction = (scaled % unit).cast(pl.String).str.zfill(places)
    return pl.concat_str(whole, pl.lit("."), fraction)


def _fen(expression: pl.Expr) -> pl.Expr:
    """An amount in fen as 元 text to the fen."""
    fen = expression.cast(pl.Int128)
    text = _decimal_text(fen.abs(), 2)
    return pl.when(fen < 0).then(pl.lit("-") + text).otherwise(text)


def assessment_rows(
    units: pl.DataFrame, results: pl.DataFrame, months: pl.DataFrame, year: int
) -> pl.DataFrame:
    """One Assessment row per unit, as the table's columns (by attribute name) but the run's
    key, and `levy_due_fen` for the run's summary."""
    frame = _joined(units, results, months)
    figures = pl.col("has_figures")
    error = pl.col("error_code").is_not_null()
    ok = figures & ~error
    return frame.select(
        "employer_id",
        "county_code",
        pl.lit(year, pl.Int64).alias("levy_year"),
        "basis",
        pl.when(pl.col("basis") == "certified")
        .then(pl.col("declaration_id"))
        .alias("declaration_id"),
        pl.when(~figures)
        .then(pl.lit(NO_FIGURES))
        .when(error)
        .then(pl.col("error_code").cast(pl.String).str.slice(0, 40))
        .otherwise(pl.lit(""))
        .alias("problem"),
        pl.when(figures & error)
        .then(pl.col("error_detail").cast(pl.String).fill_null("").str.slice(0, 120))
        .otherwise(pl.lit(""))
        .alias("problem_detail"),
        pl.when(ok).then(_quotient("n", HEADCOUNT_SCALE, 4)).alias("headcount"),
        pl.when(ok).then(_quotient("d", HEADCOUNT_SCALE, 4)).fill_null("0").alias("disabled"),
        pl.when(ok).then(_quotient("required_num", "required_den", 4)).alias("required"),
        pl.when(ok).then(_quotient("ratio_num", "ratio_den", 6)).alias("ratio"),
        pl.when(figures).then(pl.col("average_wage")).alias("average_wage"),
        pl.when(ok).then(_quotient("wage_num", "wage_den", 2)).alias("assessed_wage"),
        (ok & pl.col("exempt").cast(pl.Boolean).fill_null(False)).alias("exempt"),
        pl.when(ok).then(_fen(pl.col("levy_before_reduction_fen"))).alias("levy_before_reduction"),
        pl.when(ok)
        .then(_fen(pl.col("levy_before_reduction_fen") - pl.col("levy_due_fen")))
        .alias("reduction"),
        pl.when(ok).then(_fen(pl.col("levy_due_fen"))).alias("levy_due"),
        pl.when(ok).then(_fen(pl.col("reward_fen"))).alias("reward"),
        "inputs",
        # For the run's summary (not written): the levy due in fen.
        pl.when(ok).then(pl.col("levy_due_fen").cast(pl.Int128)).alias("levy_due_fen"),
    )


def _joined(units: pl.DataFrame, results: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """The units with their batch results (null where none) and their JSON inputs."""
    found = results.drop("jurisdiction", "region", "employer_kind", strict=False).with_columns(
        has_figures=pl.lit(True)
    )
    joined = units.join(found, on="employer_id", how="left", maintain_order="left")
    return inputs_json(joined, months).with_columns(
        pl.col("has_figures").fill_null(False) & pl.col("declaration_id").is_not_null()
    )
