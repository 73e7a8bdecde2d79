"""Retirement months per (reform category, birth month), evaluated with the engine once each.

The categories are those of the 2025 reform; a person's category comes from sex and original age
(men 60; women 50 or 55). Every birth month between the earliest and latest in the data is
evaluated once, so the month rows only need a join on two small integers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import Reform
from ablework.rules.engine.regions import NATIONAL_REGION
from ablework.rules.jurisdictions.cn.retirement import (
    CATEGORIES,
    month_text,
    statutory_retirement,
)

NATIONAL_ONLY = ("retirement.", "working_age.")
# Category codes used in the frames: 1, 2, 3 … in the order of the reform's categories.
CATEGORY_CODES = {key: code for code, key in enumerate(CATEGORIES, start=1)}


def category_expression() -> pl.Expr:
    """The category code of a row (0 when the original age does not fit the sex)."""
    sex, base = pl.col("sex"), pl.col("retirement_base_age")
    expression: pl.Expr = pl.lit(0, pl.Int8)
    for (category_sex, age), code in CATEGORY_CODES.items():
        matches = (sex == category_sex) & (base == age)
        if category_sex == "male":
            matches = matches | ((sex == category_sex) & base.is_null())
        expression = pl.when(matches).then(pl.lit(code, pl.Int8)).otherwise(expression)
    return expression


def retirement_frame(
    tree: ParameterTree, first_birth: int, last_birth: int, reform: Reform | None
) -> pl.DataFrame:
    """Rows (category, birth_index) → retirement_index or retirement_error, for the birth range."""
    regional = any(
        name.startswith(NATIONAL_ONLY) for names in tree.regional.values() for name in names
    )
    if regional or (
        reform is not None
        and any(
            o.regions is not None and o.parameter.startswith(NATIONAL_ONLY)
            for o in reform.overrides
        )
    ):
        raise ValueError("the batch path takes retirement parameters from the national level only")
    ctx = Evaluation(tree, NATIONAL_REGION, date(2000, 1, 1), reform)
    rows: list[dict[str, Any]] = []
    for (sex, age), code in CATEGORY_CODES.items():
        for birth_index in range(first_birth, last_birth + 1):
            month = month_text(birth_index)
            row: dict[str, Any] = {"category": code, "birth_index": birth_index}
            try:
                row["retirement_index"] = statutory_retirement(
                    ctx, sex, month, age, "retirement_base_age"
                ).month_index
            except RuleError as error:
                row["retirement_error"] = error.code
            rows.append(row)
    schema = {
        "category": pl.Int8,
        "birth_index": pl.Int32,
        "retirement_index": pl.Int32,
        "retirement_error": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)
