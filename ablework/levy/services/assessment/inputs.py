"""Each Assessment row's `inputs` (the levy situation its figures come from, which
`selectors.assessments.reproduce` runs again through the single-case path), built as JSON text
column-wise:

    {"jurisdiction": …, "employer_kind": …, "headcount": {…} | null, "average_wage": "…" | null,
     "figures_from": declaration id | null, "persons": [[certificate, twelve month grades,
     dispatched, agreement_assigns_to], …]}

A person's twelve month grades are one character a month: "0" not counted, "1"–"9" the grade,
"X" grade 10 (a 残疾军人证's). The persons are in order of person, as `json.dumps` would write the
same object (the same keys, order and separators)."""

from __future__ import annotations

import polars as pl

MONTHS = 12
BASE = 11  # a month's code: 0 not counted, 1–10 the grade


def json_text(expression: pl.Expr) -> pl.Expr:
    """A string column as JSON (quoted and escaped; null as `null`)."""
    encoded = pl.struct(expression.alias("v")).struct.json_encode()
    return encoded.str.strip_prefix('{"v":').str.strip_suffix("}")


def persons_json(months: pl.DataFrame) -> pl.DataFrame:
    """Per employer (`employer_id`, `persons`): its counted persons as a JSON list, in order of
    person; a person's certificate, dispatch and agreement are those of its first month row,
    and a month given twice takes its last row's grade."""
    code = pl.when(pl.col("grade") < 10).then(pl.col("grade")).otherwise(10).cast(pl.Int64)
    keys = ["employer_id", "person_id"]
    packed = (
        months.select(*keys, "month", code.alias("code"))
        .unique([*keys, "month"], keep="last", maintain_order=True)
        .group_by(keys)
        .agg((pl.col("code") * pl.lit(BASE, pl.Int64).pow(MONTHS - pl.col("month"))).sum())
    )
    first = months.group_by(keys, maintain_order=True).agg(
        pl.col("certificate").first(),
        pl.col("dispatched").first(),
        pl.col("agreement_assigns_to").first(),
    )
    slots = []
    for month in range(1, MONTHS + 1):
        digit = (pl.col("code") // BASE ** (MONTHS - month)) % BASE
        slots.append(pl.when(digit == 10).then(pl.lit("X")).otherwise(digit.cast(pl.String)))
    person = pl.concat_str(
        pl.lit("["),
        json_text(pl.col("certificate")),
        pl.lit(', "'),
        *slots,
        pl.lit('", '),
        pl.when(pl.col("dispatched").fill_null(False))
        .then(pl.lit("true"))
        .otherwise(pl.lit("false")),
        pl.lit(", "),
        json_text(pl.col("agreement_assigns_to")),
        pl.lit("]"),
    )
    return (
        first.join(packed, on=keys, how="left")
        .sort(keys)
        .group_by("employer_id", maintain_order=True)
        .agg(person.str.join(", ").alias("persons"))
    )


def inputs_json(units: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """The units (with their figures, `units.with_figures`) with their `inputs` as JSON text."""
    persons = persons_json(months)
    declared = pl.col("declaration_id").is_not_null()
    inputs = pl.concat_str(
        pl.lit('{"jurisdiction": '),
        json_text(pl.col("county_code")),
        pl.lit(', "employer_kind": '),
        json_text(pl.col("kind")),
        pl.lit(', "headcount": '),
        pl.when(declared).then(pl.col("headcount_json")).otherwise(pl.lit("null")),
        pl.lit(', "average_wage": '),
        pl.when(declared).then(json_text(pl.col("average_wage"))).otherwise(pl.lit("null")),
        pl.lit(', "figures_from": '),
        pl.col("declaration_id").cast(pl.String).fill_null("null"),
        pl.lit(', "persons": ['),
        pl.col("persons").fill_null(""),
        pl.lit("]}"),
    )
    return (
        units.join(persons, on="employer_id", how="left", maintain_order="left")
        .with_columns(inputs.alias("inputs"))
        .drop("persons")
    )
