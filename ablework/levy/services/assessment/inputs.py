"""Each Assessment row's `inputs` (the levy situation its figures come from, which
`selectors.assessments.reproduce` runs again through the single-case path), built as JSON text
column-wise:

    {"jurisdiction": …, "employer_kind": …, "headcount": {…} | null, "average_wage": "…" | null,
     "figures_from": declaration id | null, "persons": [[certificate, twelve month grades,
     dispatched, agreement_assigns_to], …]}

A person's twelve month grades are one character a month: "0" not counted, "1"–"9" the grade,
"X" grade 10 (a 残疾军人证's). The persons are in order of person, as `json.dumps` would write the
same object (the same keys, order and separators). What repeats from row to row (the head of
the object, a person's list entry) is written once per distinct value and joined in."""

from __future__ import annotations

import polars as pl

MONTHS = 12
NIBBLE = 16  # a month's code in four bits of the packed months: 0 not counted, 1–10 the grade
PERSON = ("certificate", "dispatched", "agreement_assigns_to")  # a person's, from its first row
# The head of `inputs` (up to "figures_from") is worked out once per distinct value of these.
HEAD = ("declared", "county_code", "kind", "headcount_json", "average_wage")


def json_text(expression: pl.Expr) -> pl.Expr:
    """A string column as JSON (quoted and escaped; null as `null`)."""
    encoded = pl.struct(expression.alias("v")).struct.json_encode()
    return encoded.str.strip_prefix('{"v":').str.strip_suffix("}")


def persons_json(months: pl.DataFrame) -> pl.DataFrame:
    """Per employer (`employer_id`, `persons`): its counted persons as a JSON list, in order of
    person; a person's certificate, dispatch and agreement are those of its first month row,
    and a month given twice takes its last row's grade.

    One grouping packs each person's twelve month codes into one integer (month m in the four
    bits 4·(12 − m)); a person with a month given twice (two lines of one roster, rare) is
    packed again from each month's last row. A person's JSON text is written once per distinct
    (packed months, certificate, dispatch, agreement), a handful, not once per person."""
    keys = ["employer_id", "person_id"]
    code = pl.when(pl.col("grade") < 10).then(pl.col("grade")).otherwise(10).cast(pl.Int64)
    packed = (code * pl.lit(NIBBLE, pl.Int64).pow(MONTHS - pl.col("month"))).sum()
    grouped = months.group_by(keys).agg(
        packed.alias("packed"),
        pl.len().alias("rows"),
        pl.lit(2, pl.Int64).pow(pl.col("month")).bitwise_or().alias("seen"),
        *(pl.col(name).first() for name in PERSON),
    )
    twice = grouped.filter(pl.col("rows") != pl.col("seen").bitwise_count_ones())
    if not twice.is_empty():
        again = (
            months.join(twice.select(keys), on=keys, how="semi")
            .unique([*keys, "month"], keep="last", maintain_order=True)
            .group_by(keys)
            .agg(packed.alias("again"))
        )
        grouped = grouped.join(again, on=keys, how="left").with_columns(
            packed=pl.coalesce("again", "packed")
        )
    slots = []
    for month in range(1, MONTHS + 1):
        digit = (pl.col("packed") // NIBBLE ** (MONTHS - month)) % NIBBLE
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
    texts = grouped.select("packed", *PERSON).unique().with_columns(person.alias("person"))
    return (
        grouped.select(*keys, "packed", *PERSON)
        .join(texts, on=["packed", *PERSON], how="left", nulls_equal=True)
        .sort(keys)
        .group_by("employer_id", maintain_order=True)
        .agg(pl.col("person").str.join(", ").alias("persons"))
    )


def inputs_json(units: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """The units (with their figures, `units.with_figures`) with their `inputs` as JSON text."""
    persons = persons_json(months)
    declared = pl.col("declared")
    head = pl.concat_str(
        pl.lit('{"jurisdiction": '),
        json_text(pl.col("county_code")),
        pl.lit(', "employer_kind": '),
        json_text(pl.col("kind")),
        pl.lit(', "headcount": '),
        pl.when(declared).then(pl.col("headcount_json")).otherwise(pl.lit("null")),
        pl.lit(', "average_wage": '),
        pl.when(declared).then(json_text(pl.col("average_wage"))).otherwise(pl.lit("null")),
        pl.lit(', "figures_from": '),
    )
    marked = units.with_columns(declared=pl.col("declaration_id").is_not_null())
    heads = marked.select(HEAD).unique().with_columns(head.alias("head"))
    inputs = pl.concat_str(
        pl.col("head"),
        pl.col("declaration_id").cast(pl.String).fill_null("null"),
        pl.lit(', "persons": ['),
        pl.col("persons").fill_null(""),
        pl.lit("]}"),
    )
    return (
        marked.join(heads, on=list(HEAD), how="left", nulls_equal=True, maintain_order="left")
        .join(persons, on="employer_id", how="left", maintain_order="left")
        .with_columns(inputs.alias("inputs"))
        .drop("persons", "head", "declared")
    )
