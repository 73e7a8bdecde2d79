"""D in the batch path: each disabled-employee month judged as the single-case path judges it.

One lazy query: the month rows meet their employer's keys (and, only when they vary, the
parameters of its place and date), the retirement table and the minimum wages, then a single
group-by per employer counts plain and severe months and flags errors.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from ablework.rules.batch.frames import VALID, normalise_months
from ablework.rules.batch.working_age import retirement_frame
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import Reform
from ablework.rules.jurisdictions.cn.retirement import month_index
from ablework.rules.jurisdictions.cn.situations.fields import MONTH_PATTERN, month_parts

MONTH_PARAMETERS = ("dispatch_rule", "count_retirement_month", "minimum_age_years")
BIRTH_MONTH = re.compile(MONTH_PATTERN)


def count_months(
    months: pl.DataFrame,
    employers: pl.LazyFrame,
    combos: pl.DataFrame,
    grades: pl.DataFrame,
    minimum_wages: pl.DataFrame,
    tree: ParameterTree,
    reform: Reform | None,
) -> pl.LazyFrame:
    """Per employer: plain and severe counted months, dispatched months for N, and row errors."""
    rows = normalise_months(months.lazy()).with_columns(
        pl.col("employer_id").cast(employers.collect_schema()["employer_id"], strict=False)
    )
    keys = employers.select("employer_id", "combo_id", "place_key", "levy_year", "min_wage_input")
    frame = rows.join(keys, on="employer_id", how="inner")
    frame, parameters = _with_parameters(frame, combos, grades)
    if minimum_wages["min_wage_parameter"].is_not_null().any():
        frame = frame.join(minimum_wages.lazy(), on=["place_key", "levy_year", "month"], how="left")
    else:
        frame = frame.with_columns(min_wage_parameter=pl.lit(None, pl.Int128))
    frame = _with_retirement(frame, months, tree, reform)
    person = pl.col("person_id")
    month_key = (
        person * 16 + pl.col("month")
        if months.schema["person_id"].is_integer()
        else pl.struct(person, "month")
    )
    return (
        frame.with_columns(_judgement(parameters))
        .group_by("employer_id")
        .agg(
            plain=(pl.col("counted") & ~pl.col("severe")).sum().cast(pl.Int64),
            severe=(pl.col("counted") & pl.col("severe")).sum().cast(pl.Int64),
            dispatched_months=pl.col("adds_to_headcount").sum().cast(pl.Int64),
            invalid_code=pl.col("invalid_code").min(),
            repeated_month=pl.len() != month_key.n_unique(),
            retirement_error=pl.col("retirement_error").max(),
            missing_minimum_wage=pl.col("missing_minimum_wage").any(),
        )
    )


def _with_parameters(
    frame: pl.LazyFrame, combos: pl.DataFrame, grades: pl.DataFrame
) -> tuple[pl.LazyFrame, dict[str, Any]]:
    """Parameters that are the same everywhere become literals; the others are joined."""
    uniform = all(combos[name].drop_nulls().n_unique() <= 1 for name in MONTH_PARAMETERS)
    grade_keys = ["certificate", "grade", "eligible", "severe"]
    uniform_grades = (
        grades.select(grade_keys).unique().height
        == grades.select("certificate", "grade").unique().height
    )
    parameters: dict[str, Any] = {}
    if uniform:
        first = combos.drop_nulls("dispatch_rule").head(1)
        parameters = {name: first[name][0] if first.height else None for name in MONTH_PARAMETERS}
    else:
        frame = frame.join(
            combos.lazy().select("combo_id", *MONTH_PARAMETERS), on="combo_id", how="left"
        )
    if uniform_grades:
        frame = frame.with_columns(_grade_flags(grades.select(grade_keys).unique()))
    else:
        frame = frame.join(grades.lazy(), on=["combo_id", "certificate", "grade"], how="left")
    return frame, parameters


def _grade_flags(table: pl.DataFrame) -> list[pl.Expr]:
    """`eligible` and `severe` from the (same everywhere) grade lists, without a join."""
    flags = []
    for flag in ("eligible", "severe"):
        expression: pl.Expr = pl.lit(None, pl.Boolean)
        for certificate in table["certificate"].unique().sort().to_list():
            grades = table.filter(pl.col("certificate") == certificate, pl.col(flag))[
                "grade"
            ].to_list()
            matches = pl.col("grade").is_in(grades)
            expression = (
                pl.when(pl.col("certificate") == certificate).then(matches).otherwise(expression)
            )
        flags.append(expression.alias(flag))
    return flags


def _with_retirement(
    frame: pl.LazyFrame, months: pl.DataFrame, tree: ParameterTree, reform: Reform | None
) -> pl.LazyFrame:
    """The retirement month of each row's (category, birth month), looked up by position."""
    bounds = _birth_bounds(months)
    if bounds is None:
        return frame.with_columns(
            retirement_index=pl.lit(None, pl.Int32), retirement_error=pl.lit(None, pl.Int8)
        )
    first, last = bounds
    table = retirement_frame(tree, first, last, reform).sort("category", "birth_index")
    birth = pl.col("birth_index")
    position = pl.when(birth.is_not_null() & (pl.col("category") > 0)).then(
        (pl.col("category").cast(pl.Int64) - 1) * (last - first + 1) + (birth - first)
    )
    errors = table["retirement_error"].is_not_null().cast(pl.Int8).replace(0, None)
    return frame.with_columns(
        retirement_index=pl.lit(table["retirement_index"]).gather(position),
        retirement_error=pl.lit(errors).gather(position),
    )


def _birth_bounds(months: pl.DataFrame) -> tuple[int, int] | None:
    """First and last valid birth month index; the distinct values are few, so read those."""
    if "birth_month" not in months.columns:
        return None
    indexes = [
        month_index(*month_parts(text))
        for text in months["birth_month"].cast(pl.String).unique().drop_nulls().to_list()
        if BIRTH_MONTH.fullmatch(text)
    ]
    return (min(indexes), max(indexes)) if indexes else None


def _parameter(parameters: dict[str, Any], name: str) -> pl.Expr:
    """A month parameter: a literal when uniform, else the joined column."""
    return pl.lit(parameters[name]) if name in parameters else pl.col(name)


def _judgement(parameters: dict[str, Any]) -> list[pl.Expr]:
    """Dispatch attribution, eligibility, contract, insurance, working age and minimum wage."""
    rule = _parameter(parameters, "dispatch_rule")
    to_host = pl.col("agreement_assigns_to") == "host"
    insured = pl.col("social_insurance_paid").fill_null(True)
    dispatched = pl.col("dispatched")
    counts_here = (
        ~dispatched
        | (rule.is_in(["both", "disabled_only"]) & to_host)
        | ((rule == "social_insurance_payer") & insured)
    )
    adds = dispatched & (
        ((rule == "both") & to_host) | ((rule == "social_insurance_payer") & insured)
    )
    index = pl.col("levy_year").cast(pl.Int32) * 12 + pl.col("month").cast(pl.Int32) - 1
    minimum_age = _parameter(parameters, "minimum_age_years").cast(pl.Int32)
    retirement_month = _parameter(parameters, "count_retirement_month").cast(pl.Int32)
    of_age = pl.col("birth_index").is_null() | (
        (index >= pl.col("birth_index") + minimum_age * 12)
        & (index < pl.col("retirement_index") + retirement_month)
    )
    before_wage = (
        counts_here
        & pl.col("eligible").fill_null(False)
        & pl.col("contract_at_least_one_year").fill_null(True)
        & insured
        & of_age.fill_null(False)
        & (pl.col("invalid_code") == VALID)
    )
    minimum = pl.coalesce("min_wage_input", "min_wage_parameter")
    wage = pl.col("month_wage")
    return [
        (before_wage & (wage.is_null() | (wage >= minimum).fill_null(False))).alias("counted"),
        adds.alias("adds_to_headcount"),
        (before_wage & wage.is_not_null() & minimum.is_null()).alias("missing_minimum_wage"),
        pl.col("severe").fill_null(False),
    ]
