"""The levy and reward of a whole population, in exact integer arithmetic (Int128).

Mirrors `jurisdictions/cn/levy.py` step by step: N, D, N × R, exemption, W after the cap, the tiered
reduction, money rounded half up once, and the over-quota reward.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from ablework.rules.batch.combinations import (
    Combination,
    combination_frame,
    evaluate_combination,
    grade_frame,
    minimum_wage_frame,
)
from ablework.rules.batch.counting import count_months
from ablework.rules.batch.formula import levy_columns
from ablework.rules.batch.frames import normalise_employers
from ablework.rules.batch.places import place_table
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import Reform
from ablework.rules.jurisdictions.cn import parameter_tree

OUTPUT = (
    "employer_id",
    "jurisdiction",
    "region",
    "employer_kind",
    "error_code",
    "error_detail",
    "n",
    "d",
    "required_num",
    "required_den",
    "exempt",
    "factor_num",
    "factor_den",
    "ratio_num",
    "ratio_den",
    "wage_num",
    "wage_den",
    "levy_before_reduction_fen",
    "levy_due_fen",
    "reward_fen",
)


def compute_levy_batch(
    employers: pl.DataFrame,
    months: pl.DataFrame,
    *,
    year: int,
    assessed_on: date | None = None,
    reform: Reform | None = None,
    tree: ParameterTree | None = None,
) -> pl.DataFrame:
    """One row per employer: amounts in fen, exact N, D and N × R, the ratio R and the wage W
    after the cap (`wage_num / wage_den` 元, null where the employer's row is invalid), and the
    first error, if any."""
    tree = tree or parameter_tree()
    frame = normalise_employers(employers.lazy(), year, assessed_on)
    settings = frame.select("jurisdiction", "assessed_on", "levy_year").unique().collect()
    places = place_table(settings["jurisdiction"], tree, reform)
    keys, combos = _combinations(settings, places, tree, reform)
    combo_table = combination_frame(combos)
    frame = (
        frame.join(places.drop("representative").lazy(), on="jurisdiction", how="left")
        .join(keys.lazy(), on=["place_key", "assessed_on", "levy_year"], how="left")
        .join(combo_table.lazy(), on="combo_id", how="left")
        .collect()
        .lazy()
    )
    minimum_wages = minimum_wage_frame(
        tree, places, settings["levy_year"].unique().to_list(), reform
    )
    counts = count_months(
        months, frame, combo_table, grade_frame(combos), minimum_wages, tree, reform
    )
    joined = frame.join(counts, on="employer_id", how="left").with_columns(
        pl.col("plain", "severe", "dispatched_months").fill_null(0),
        pl.col("missing_minimum_wage", "repeated_month").fill_null(False),
    )
    return levy_columns(joined).select(OUTPUT).collect()


def _combinations(
    settings: pl.DataFrame, places: pl.DataFrame, tree: ParameterTree, reform: Reform | None
) -> tuple[pl.DataFrame, dict[int, Combination]]:
    """One parameter evaluation per (group of places, assessment date, levy year)."""
    keys = (
        settings.join(
            places.select("jurisdiction", "place_key", "representative"), on="jurisdiction"
        )
        .drop_nulls("place_key")
        .unique(["place_key", "assessed_on", "levy_year"], keep="first")
        .with_row_index("combo_id")
    )
    combos = {
        combo_id: evaluate_combination(tree, representative, on, levy_year, reform)
        for combo_id, on, levy_year, representative in keys.select(
            "combo_id", "assessed_on", "levy_year", "representative"
        ).iter_rows()
    }
    return keys.select("combo_id", "place_key", "assessed_on", "levy_year"), combos
