"""Parameters per (jurisdiction, assessment date, levy year), evaluated once with the engine.

The batch path needs the same parameter values, with the same jurisdiction fallback and reform, as
the single-case path; evaluating them once per combination and joining keeps both identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import polars as pl

from ablework.rules.engine.errors import MissingParameter, RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import Reform
from ablework.rules.engine.regions import resolve_region
from ablework.rules.jurisdictions.cn.counting import CERTIFICATE_GRADES
from ablework.rules.jurisdictions.cn.exemption import (
    exemption_by_staff_size,
    exemption_within_years_of_registration,
    small_enterprise_exemption,
)
from ablework.rules.jurisdictions.cn.headcount import (
    annual_average_headcount,
    average_of_monthly_headcounts,
)
from ablework.rules.jurisdictions.cn.levy import (
    levy_amount,
    levy_on_quota_shortfall,
    levy_rules_date,
)
from ablework.rules.jurisdictions.cn.quota import ratio_times_headcount, required_headcount_family
from ablework.rules.jurisdictions.cn.reward import (
    reward_family,
    reward_per_excess_person,
    reward_wage_date,
)
from ablework.rules.jurisdictions.cn.wage import (
    assessed_wage_family,
    capped_average_wage,
    reduction_factor_family,
    tiered_reduction,
)

IMPLEMENTED = (
    (levy_amount, levy_on_quota_shortfall),
    (annual_average_headcount, average_of_monthly_headcounts),
    (required_headcount_family, ratio_times_headcount),
    (assessed_wage_family, capped_average_wage),
    (reduction_factor_family, tiered_reduction),
    (reward_family, reward_per_excess_person),
)


class UnsupportedInBatch(Exception):
    """The rules in force use a formula version or option the batch path does not implement."""


@dataclass
class Combination:
    """Parameters for one combination, as integer fractions where they are numbers."""

    values: dict[str, Any] = field(default_factory=dict)
    grades: list[dict[str, Any]] = field(default_factory=list)


def _fraction(value: Decimal | None, prefix: str, into: dict[str, Any]) -> None:
    """Store a decimal as `<prefix>_num` / `<prefix>_den` (nulls when absent)."""
    ratio = Fraction(value) if value is not None else None
    into[f"{prefix}_num"] = ratio.numerator if ratio is not None else None
    into[f"{prefix}_den"] = ratio.denominator if ratio is not None else None


def evaluate_combination(
    tree: ParameterTree, jurisdiction: str, assessed_on: date, levy_year: int, reform: Reform | None
) -> Combination:
    """All parameters the batch formula needs, or an error code for the whole combination."""
    combination = Combination()
    values = combination.values
    try:
        region = resolve_region(jurisdiction)
        ctx = Evaluation(tree, region, assessed_on, reform)
        _, ctx.on = levy_rules_date(ctx, assessed_on, levy_year)
        _check_versions(ctx.on)
        _levy_parameters(ctx, values)
        _grades(ctx, combination)
    except RuleError as error:
        values["error_code"] = error.code
        values["error_parameter"] = getattr(error, "parameter", error.field)
        return combination
    _reward_parameters(ctx, values, assessed_on, levy_year)
    return combination


def _check_versions(on: date) -> None:
    """The batch formula mirrors these versions only."""
    for family, implemented in IMPLEMENTED:
        if family.at(on) is not implemented:
            raise UnsupportedInBatch(f"{family.name} on {on}: version not implemented in batch")


def _levy_parameters(ctx: Evaluation, values: dict[str, Any]) -> None:
    """Ratio, rounding, counting, exemption, wage cap, reduction and money parameters."""
    ratio = ctx.decimal("levy.quota_ratio")
    if ratio != ratio.quantize(Decimal("0.0001")) or not 0 <= ratio <= 1:
        raise UnsupportedInBatch(f"the batch path takes ratios of at most 4 decimals, got {ratio}")
    _fraction(ratio, "ratio", values)
    values["round_headcount"] = ctx.code("levy.annual_average_rounding") == "integer_half_up"
    places = ctx.value("levy.required_headcount_rounding_places")
    values["required_places"] = None if places is None else int(places)
    values["severe_weight"] = ctx.integer("levy.severe_weight")
    values["dispatch_rule"] = ctx.code("levy.dispatch_rule")
    values["count_retirement_month"] = ctx.flag("levy.count_retirement_month")
    values["minimum_age_years"] = ctx.integer("working_age.minimum_age_years")
    version = small_enterprise_exemption.at(ctx.on)
    if version not in (exemption_by_staff_size, exemption_within_years_of_registration):
        raise UnsupportedInBatch(f"exemption version {version.__name__}")
    values["exemption_needs_registration"] = version is exemption_within_years_of_registration
    _fraction(ctx.decimal("levy.small_enterprise_exemption_max_staff"), "exempt_staff", values)
    cap = ctx.value("levy.wage_cap_multiple")
    _fraction(cap, "cap", values)
    saw = ctx.find("wages.social_average_wage") if cap is not None else None
    values["saw_parameter"] = _scaled(saw.value if saw else None)
    values["tier"] = ctx.flag("levy.tiered_reduction_in_force")
    tier_keys = (
        "reduction_threshold_ratio",
        "reduction_factor_at_or_above_threshold",
        "reduction_factor_below_threshold",
    )
    for key, prefix in zip(tier_keys, ("threshold", "high", "low"), strict=True):
        _fraction(ctx.decimal(f"levy.{key}") if values["tier"] else None, prefix, values)
    values["money_places"] = ctx.integer("money.rounding_places")
    if ctx.code("money.rounding_mode") != "half_up":
        raise UnsupportedInBatch("the batch path rounds money half up only")


def _grades(ctx: Evaluation, combination: Combination) -> None:
    """Eligible and severe grades, as rows to join on (certificate, grade)."""
    for certificate, grades in CERTIFICATE_GRADES.items():
        eligible = list(ctx.value(f"levy.eligible_{certificate}_grades"))
        severe = list(ctx.value(f"levy.severe_{certificate}_grades"))
        for grade in grades:
            combination.grades.append(
                {
                    "certificate": certificate,
                    "grade": grade,
                    "eligible": grade in eligible,
                    "severe": grade in severe,
                }
            )


def _reward_parameters(
    ctx: Evaluation, values: dict[str, Any], assessed_on: date, year: int
) -> None:
    """Reward parameters; a missing one becomes the combination's reward error."""
    values["reward_in_force"] = False
    try:
        if not ctx.flag("reward.in_force"):
            return
        values["reward_in_force"] = True
        values["reward_kinds"] = list(ctx.value("reward.eligible_employer_kinds"))
        values["reward_weight"] = ctx.integer("reward.severe_weight")
        values["reward_floor"] = ctx.code("reward.over_quota_rounding") == "floor"
        _fraction(ctx.decimal("reward.minimum_over_quota"), "reward_minimum", values)
        on = reward_wage_date(ctx, assessed_on, year)
        found = ctx.find("wages.minimum_wage_monthly", on=on)
        values["reward_wage_parameter"] = _scaled(found.value if found else None)
        _fraction(ctx.decimal("reward.minimum_wage_multiple"), "reward_multiple", values)
    except MissingParameter as error:
        values["reward_error"] = error.parameter


def _scaled(value: Decimal | None) -> int | None:
    """An amount × 10^4 as an integer (the batch amount scale)."""
    if value is None:
        return None
    scaled = value * 10_000
    if scaled != scaled.to_integral_value():
        raise UnsupportedInBatch(f"parameter amount {value} has more than 4 decimal places")
    return int(scaled)


def minimum_wage_frame(
    tree: ParameterTree, places: pl.DataFrame, years: list[int], reform: Reform | None
) -> pl.DataFrame:
    """The minimum-wage parameter in force on the first of each month, per place and levy year."""
    rows = []
    for place_key, representative in (
        places.select("place_key", "representative").unique().drop_nulls().iter_rows()
    ):
        ctx = Evaluation(tree, resolve_region(representative), date(2000, 1, 1), reform)
        for year in years:
            for month in range(1, 13):
                found = ctx.find("wages.minimum_wage_monthly", on=date(year, month, 1))
                rows.append(
                    {
                        "place_key": place_key,
                        "levy_year": year,
                        "month": month,
                        "min_wage_parameter": _scaled(found.value if found else None),
                    }
                )
    schema = {
        "place_key": pl.UInt32,
        "levy_year": pl.Int32,
        "month": pl.Int16,
        "min_wage_parameter": pl.Int128,
    }
    return pl.DataFrame(rows, schema=schema)


INTEGER_FRACTIONS = (
    "ratio",
    "exempt_staff",
    "cap",
    "threshold",
    "high",
    "low",
    "reward_minimum",
    "reward_multiple",
)
COMBINATION_SCHEMA: dict[str, pl.DataType] = {
    "combo_id": pl.UInt32(),
    "error_code": pl.String(),
    "error_parameter": pl.String(),
    **{f"{name}_{part}": pl.Int64() for name in INTEGER_FRACTIONS for part in ("num", "den")},
    "round_headcount": pl.Boolean(),
    "required_places": pl.Int32(),
    "severe_weight": pl.Int64(),
    "dispatch_rule": pl.String(),
    "count_retirement_month": pl.Boolean(),
    "minimum_age_years": pl.Int32(),
    "exemption_needs_registration": pl.Boolean(),
    "saw_parameter": pl.Int128(),
    "tier": pl.Boolean(),
    "money_places": pl.Int32(),
    "reward_in_force": pl.Boolean(),
    "reward_kinds": pl.List(pl.String()),
    "reward_weight": pl.Int64(),
    "reward_floor": pl.Boolean(),
    "reward_wage_parameter": pl.Int128(),
    "reward_error": pl.String(),
}


def combination_frame(combinations: dict[int, Combination]) -> pl.DataFrame:
    """One row per combination id, with every column present."""
    rows = [
        {name: ({"combo_id": combo_id} | combo.values).get(name) for name in COMBINATION_SCHEMA}
        for combo_id, combo in combinations.items()
    ]
    return pl.DataFrame(rows, schema=COMBINATION_SCHEMA)


def grade_frame(combinations: dict[int, Combination]) -> pl.DataFrame:
    """Rows (combo_id, certificate, grade, eligible, severe)."""
    rows = [
        {"combo_id": combo_id, **row}
        for combo_id, combo in combinations.items()
        for row in combo.grades
    ]
    schema = {
        "combo_id": pl.UInt32,
        "certificate": pl.String,
        "grade": pl.Int16,
        "eligible": pl.Boolean,
        "severe": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema)
