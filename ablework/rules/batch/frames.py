"""Input frames of the batch path, checked and brought to exact integer columns.

employers: `employer_id`, `jurisdiction` (GB/T 2260), `employer_kind`, `average_wage`, either
`headcount_month_total` (Σ of the 12 monthly headcounts) or `annual_average_headcount`, and optional
`social_average_wage`, `minimum_wage_monthly`, `levy_year`, `assessed_on`.

employee months (one row per disabled person and month): `employer_id`, `person_id`, `month`
(1–12 of the levy year), `certificate`, `grade` (that month), and optional `wage`,
`social_insurance_paid`, `contract_at_least_one_year`, `sex`, `birth_month` (`YYYY-MM`),
`retirement_base_age`, `dispatched`, `agreement_assigns_to`.

Amounts take up to four decimal places (strings, decimals or integers); headcounts at most 10^7.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ablework.rules.batch.working_age import category_expression
from ablework.rules.jurisdictions.cn.situations.fields import MONTH_PATTERN

AMOUNT_SCALE = 10_000
HEADCOUNT_SCALE = 120_000  # N and D are stored as multiples of 1/120000 (12 months × 10^4)
MAX_HEADCOUNT = 10**7
MAX_AMOUNT = 10**8
MONTH_COLUMNS: dict[str, pl.DataType] = {
    "wage": pl.String(),
    "social_insurance_paid": pl.Boolean(),
    "contract_at_least_one_year": pl.Boolean(),
    "sex": pl.String(),
    "birth_month": pl.String(),
    "retirement_base_age": pl.Int16(),
    "dispatched": pl.Boolean(),
    "agreement_assigns_to": pl.String(),
}
EMPLOYER_COLUMNS: dict[str, pl.DataType] = {
    "social_average_wage": pl.String(),
    "minimum_wage_monthly": pl.String(),
}


def scaled_amount(column: str, dtype: pl.DataType) -> pl.Expr:
    """An amount × 10^4 as Int128 (null when absent or not a decimal of ≤ 4 places)."""
    expression = pl.col(column)
    if dtype.is_integer():
        return expression.cast(pl.Int128) * AMOUNT_SCALE
    if isinstance(dtype, pl.Decimal):
        return (expression.cast(pl.Decimal(38, 4)) * AMOUNT_SCALE).cast(pl.Int128)
    text = expression.cast(pl.String).str.strip_chars()
    valid = text.str.contains(r"^-?\d+(\.\d{1,4})?$")
    parsed = (text.cast(pl.Decimal(38, 4), strict=False) * AMOUNT_SCALE).cast(
        pl.Int128, strict=False
    )
    return pl.when(valid).then(parsed).otherwise(None)


def bad_amount(column: str, dtype: pl.DataType) -> pl.Expr:
    """True where a value is given but is not a usable amount."""
    scaled = scaled_amount(column, dtype)
    return pl.col(column).is_not_null() & (
        scaled.is_null() | (scaled < 0) | (scaled > MAX_AMOUNT * AMOUNT_SCALE)
    )


def normalise_employers(frame: pl.LazyFrame, year: int, assessed_on: date | None) -> pl.LazyFrame:
    """Employers with `n` (N × 120000), scaled amounts and an `invalid_field` column."""
    frame = _with_defaults_lazy(frame, EMPLOYER_COLUMNS)
    names = frame.collect_schema().names()
    if "levy_year" not in names:
        frame = frame.with_columns(levy_year=pl.lit(year, pl.Int32))
    if "assessed_on" not in names:
        frame = frame.with_columns(assessed_on=pl.lit(assessed_on or date(year + 1, 1, 1), pl.Date))
    schema = frame.collect_schema()
    if "headcount_month_total" in names:
        n = pl.col("headcount_month_total").cast(pl.Int128) * (HEADCOUNT_SCALE // 12)
    else:
        n = scaled_amount("annual_average_headcount", schema["annual_average_headcount"]) * 12
    invalid = (
        pl.when(n.is_null() | (n < 0) | (n > MAX_HEADCOUNT * HEADCOUNT_SCALE))
        .then(pl.lit("headcount"))
        .when(pl.col("average_wage").is_null() | bad_amount("average_wage", schema["average_wage"]))
        .then(pl.lit("average_wage"))
        .when(bad_amount("social_average_wage", schema["social_average_wage"]))
        .then(pl.lit("social_average_wage"))
        .when(bad_amount("minimum_wage_monthly", schema["minimum_wage_monthly"]))
        .then(pl.lit("minimum_wage_monthly"))
        .when(pl.col("levy_year") > pl.col("assessed_on").dt.year())
        .then(pl.lit("assessed_on"))
    )
    return frame.select(
        "employer_id",
        pl.col("jurisdiction").cast(pl.String),
        pl.col("employer_kind").cast(pl.String),
        pl.col("levy_year").cast(pl.Int32),
        pl.col("assessed_on").cast(pl.Date),
        n.alias("n"),
        scaled_amount("average_wage", schema["average_wage"]).alias("wage"),
        scaled_amount("social_average_wage", schema["social_average_wage"]).alias("saw_input"),
        scaled_amount("minimum_wage_monthly", schema["minimum_wage_monthly"]).alias(
            "min_wage_input"
        ),
        invalid.alias("invalid_field"),
    )


# Invalid-row codes, in the order the single-case path would report them; 99 means valid.
INVALID_FIELDS = {
    1: "certificate",
    2: "grade",
    3: "months",
    4: "wage",
    5: "sex",
    6: "dispatched",
    7: "birth_month",
    8: "retirement_base_age",
}
VALID = 99


def normalise_months(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Employee months: typed columns, scaled wage, birth index, reform category, validity."""
    frame = _with_defaults_lazy(frame, MONTH_COLUMNS).with_columns(
        pl.col("month", "grade", "retirement_base_age").cast(pl.Int16, strict=False),
        pl.col("certificate", "sex", "birth_month", "agreement_assigns_to").cast(pl.String),
        pl.col("social_insurance_paid", "contract_at_least_one_year").cast(pl.Boolean),
        pl.col("dispatched").cast(pl.Boolean).fill_null(False),
    )
    schema = frame.collect_schema()
    certificate, grade, birth = pl.col("certificate"), pl.col("grade"), pl.col("birth_month")
    wage = scaled_amount("wage", schema["wage"])
    birth_valid = birth.str.contains(MONTH_PATTERN)
    birth_index = (
        birth.str.slice(0, 4).cast(pl.Int32, strict=False) * 12
        + birth.str.slice(5, 2).cast(pl.Int32, strict=False)
        - 1
    )
    checks = [
        ~certificate.is_in(["disability", "veteran"]),
        grade.is_null()
        | (grade < 1)
        | (grade > pl.when(certificate == "disability").then(4).otherwise(10)),
        pl.col("month").is_null() | ~pl.col("month").is_between(1, 12),
        pl.col("wage").is_not_null() & wage.is_null(),
        (birth.is_not_null() & pl.col("sex").is_null())
        | (pl.col("sex").is_not_null() & ~pl.col("sex").is_in(["male", "female"])),
        pl.col("agreement_assigns_to").is_not_null()
        & ~pl.col("agreement_assigns_to").is_in(["host", "agency"]),
        birth.is_not_null() & ~birth_valid,
        birth.is_not_null() & (category_expression() == 0),
    ]
    invalid: pl.Expr = pl.lit(VALID, pl.Int8)
    for code, check in reversed(list(enumerate(checks, start=1))):
        invalid = pl.when(check.fill_null(False)).then(pl.lit(code, pl.Int8)).otherwise(invalid)
    return frame.select(
        "employer_id",
        "person_id",
        "month",
        "certificate",
        "grade",
        wage.alias("month_wage"),
        "social_insurance_paid",
        "contract_at_least_one_year",
        "dispatched",
        "agreement_assigns_to",
        pl.when(birth_valid).then(birth_index).otherwise(None).alias("birth_index"),
        category_expression().alias("category"),
        invalid.alias("invalid_code"),
    )


def _with_defaults_lazy(frame: pl.LazyFrame, columns: dict[str, pl.DataType]) -> pl.LazyFrame:
    """Add the optional columns that are absent, as nulls."""
    present = frame.collect_schema().names()
    missing = [
        pl.lit(None, dtype).alias(name) for name, dtype in columns.items() if name not in present
    ]
    return frame.with_columns(missing) if missing else frame
