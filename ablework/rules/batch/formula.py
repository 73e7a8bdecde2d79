"""The levy formula on employer columns, exactly (Int128 numerators and denominators).

N and D are multiples of 1/120000, amounts multiples of 0.0001 元, parameters integer fractions;
money is rounded half up once, from the exact value, as in the single-case path.
"""

from __future__ import annotations

import polars as pl

from ablework.rules.batch.frames import AMOUNT_SCALE, HEADCOUNT_SCALE, INVALID_FIELDS, VALID
from ablework.rules.engine.errors import InvalidInput, MissingParameter, NotInForce
from ablework.rules.jurisdictions.cn.exemption import NotEvaluable

Q = pl.lit(HEADCOUNT_SCALE, pl.Int128)
SCALE = pl.lit(AMOUNT_SCALE, pl.Int128)
MONTH = HEADCOUNT_SCALE // 12


def _int(name: str) -> pl.Expr:
    """A column as Int128."""
    return pl.col(name).cast(pl.Int128)


def _round_half_up(numerator: pl.Expr, denominator: pl.Expr, places: pl.Expr) -> pl.Expr:
    """round(numerator / denominator, places) × 10^places, half up, for non-negative values."""
    scaled = numerator * pl.lit(10, pl.Int128).pow(places.cast(pl.UInt32))
    return (scaled * 2 + denominator) // (denominator * 2)


def levy_columns(frame: pl.LazyFrame) -> pl.LazyFrame:
    """N, D, N × R, the exemption, the amounts, the reward and the first error of each employer."""
    n_raw = _int("n") + _int("dispatched_months") * MONTH
    frame = frame.with_columns(
        n=pl.when(pl.col("round_headcount")).then((n_raw * 2 + Q) // (Q * 2) * Q).otherwise(n_raw),
        d=(_int("plain") + _int("severe") * _int("severe_weight")) * MONTH,
    )
    exact_num, exact_den = pl.col("n") * _int("ratio_num"), Q * _int("ratio_den")
    places = pl.col("required_places")
    frame = frame.with_columns(
        required_num=pl.when(places.is_null())
        .then(exact_num)
        .otherwise(_round_half_up(exact_num, exact_den, places.fill_null(0))),
        required_den=pl.when(places.is_null())
        .then(exact_den)
        .otherwise(pl.lit(10, pl.Int128).pow(places.fill_null(0).cast(pl.UInt32))),
        exempt=(pl.col("employer_kind") == "enterprise")
        & (pl.col("n") * _int("exempt_staff_den") <= _int("exempt_staff_num") * Q),
    ).with_columns(
        shortfall_num=pl.col("required_num") * Q - pl.col("d") * pl.col("required_den"),
        shortfall_den=pl.col("required_den") * Q,
    )
    frame = _amounts(frame.with_columns(due=~pl.col("exempt") & (pl.col("shortfall_num") > 0)))
    return _errors(_reward(frame))


def _amounts(frame: pl.LazyFrame) -> pl.LazyFrame:
    """W after the cap, the reduction factor, and both amounts in fen."""
    saw = pl.coalesce("saw_input", "saw_parameter")
    capped = pl.col("cap_num").is_not_null() & (
        pl.col("wage") * _int("cap_den") > _int("cap_num") * saw
    )
    at_or_above = pl.col("d") * _int("threshold_den") >= _int("threshold_num") * pl.col("n")
    frame = frame.with_columns(
        wage_num=pl.when(capped).then(_int("cap_num") * saw).otherwise(pl.col("wage")),
        wage_den=pl.when(capped).then(_int("cap_den") * SCALE).otherwise(SCALE),
        factor_num=pl.when(~pl.col("tier"))
        .then(1)
        .when(at_or_above)
        .then(_int("high_num"))
        .otherwise(_int("low_num"))
        .cast(pl.Int128),
        factor_den=pl.when(~pl.col("tier"))
        .then(1)
        .when(at_or_above)
        .then(_int("high_den"))
        .otherwise(_int("low_den"))
        .cast(pl.Int128),
        missing_saw=pl.col("due") & pl.col("cap_num").is_not_null() & saw.is_null(),
    )
    before_num = pl.col("shortfall_num") * pl.col("wage_num")
    before_den = pl.col("shortfall_den") * pl.col("wage_den")
    places = pl.col("money_places")
    due = pl.col("due").fill_null(False)
    return frame.with_columns(
        levy_before_reduction_fen=pl.when(due)
        .then(_round_half_up(before_num, before_den, places))
        .otherwise(0)
        .cast(pl.Int64),
        levy_due_fen=pl.when(due)
        .then(
            _round_half_up(
                before_num * pl.col("factor_num"), before_den * pl.col("factor_den"), places
            )
        )
        .otherwise(0)
        .cast(pl.Int64),
        factor_num=pl.when(due).then(pl.col("factor_num")).otherwise(1),
        factor_den=pl.when(due).then(pl.col("factor_den")).otherwise(1),
    )


def _reward(frame: pl.LazyFrame) -> pl.LazyFrame:
    """over × M × multiple where a reward rule is in force."""
    weighted = (_int("plain") + _int("severe") * _int("reward_weight")) * MONTH
    over_den = Q * pl.col("required_den")
    over_exact = weighted * pl.col("required_den") - pl.col("required_num") * Q
    over_num = (
        pl.when(pl.col("reward_floor"))
        .then(over_exact // over_den * over_den)
        .otherwise(over_exact)
    )
    eligible = (
        pl.col("reward_kinds").list.contains(pl.col("employer_kind"))
        & (over_num > 0)
        & (over_num * _int("reward_minimum_den") >= _int("reward_minimum_num") * over_den)
    ).fill_null(False)
    wage = pl.coalesce("min_wage_input", "reward_wage_parameter")
    amount = _round_half_up(
        over_num * wage * _int("reward_multiple_num"),
        over_den * SCALE * _int("reward_multiple_den"),
        pl.col("money_places"),
    )
    in_force = pl.col("reward_in_force").fill_null(False)
    return frame.with_columns(
        reward_fen=pl.when(~in_force)
        .then(None)
        .when(~eligible)
        .then(0)
        .otherwise(amount)
        .cast(pl.Int64),
        missing_reward_wage=in_force & eligible & wage.is_null(),
    )


def _invalid_field() -> pl.Expr:
    """The name of the first invalid field of an employer's month rows."""
    return pl.col("invalid_code").replace_strict(
        INVALID_FIELDS, default=None, return_dtype=pl.String
    )


def _errors(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The first error of each employer, in the single-case path's order of evaluation."""
    text = pl.lit
    checks = [
        (pl.col("place_error").is_not_null(), pl.col("place_error"), pl.col("place_error_field")),
        (pl.col("error_code").is_not_null(), pl.col("error_code"), pl.col("error_parameter")),
        (pl.col("invalid_field").is_not_null(), text(InvalidInput.code), pl.col("invalid_field")),
        (
            pl.col("invalid_code").is_not_null() & (pl.col("invalid_code") != VALID),
            text(InvalidInput.code),
            _invalid_field(),
        ),
        (pl.col("repeated_month"), text(InvalidInput.code), text("months")),
        (
            pl.col("retirement_error").is_not_null(),
            text(NotInForce.code),
            text("retirement_base_age"),
        ),
        (
            pl.col("missing_minimum_wage"),
            text(MissingParameter.code),
            text("wages.minimum_wage_monthly"),
        ),
        (
            pl.col("exemption_needs_registration") & pl.col("exempt"),
            text(NotEvaluable.code),
            text("assessed_on"),
        ),
        (pl.col("missing_saw"), text(MissingParameter.code), text("wages.social_average_wage")),
        (pl.col("reward_error").is_not_null(), text(MissingParameter.code), pl.col("reward_error")),
        (
            pl.col("missing_reward_wage"),
            text(MissingParameter.code),
            text("wages.minimum_wage_monthly"),
        ),
    ]
    code: pl.Expr = pl.lit(None, pl.String)
    detail: pl.Expr = pl.lit(None, pl.String)
    for condition, error, about in reversed(checks):
        code = pl.when(condition.fill_null(False)).then(error).otherwise(code)
        detail = pl.when(condition.fill_null(False)).then(about.cast(pl.String)).otherwise(detail)
    return frame.with_columns(error_code=code, error_detail=detail)
