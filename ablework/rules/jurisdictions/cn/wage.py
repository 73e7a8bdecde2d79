"""W after the cap, and the tiered reduction factor (rules spec R2.4, R2.5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.situations.levy import LevySituation

WageFormula = Callable[[Evaluation, LevySituation], tuple[Decimal, Decimal | None]]
FactorFormula = Callable[[Evaluation, Fraction, Fraction], Decimal]

assessed_wage_family: FormulaFamily[WageFormula] = FormulaFamily(
    "levy.assessed_wage", Text("计征工资", "assessed wage")
)
reduction_factor_family: FormulaFamily[FactorFormula] = FormulaFamily(
    "levy.reduction_factor", Text("分档减缴", "tiered reduction")
)


def assessed_wage(ctx: Evaluation, situation: LevySituation) -> tuple[Decimal, Decimal | None]:
    """W after the cap in force, and the cap (None when none is in force)."""
    return assessed_wage_family.at(ctx.on)(ctx, situation)


def reduction_factor(ctx: Evaluation, headcount: Fraction, disabled: Fraction) -> Decimal:
    """The share of the amount due that is paid."""
    return reduction_factor_family.at(ctx.on)(ctx, headcount, disabled)


@formula(assessed_wage_family, since=date(2015, 10, 1))
def capped_average_wage(
    ctx: Evaluation, situation: LevySituation
) -> tuple[Decimal, Decimal | None]:
    """W = the unit's average wage, at most cap × the local social average wage (inclusive)."""
    multiple = ctx.value("levy.wage_cap_multiple")
    own = situation.average_wage
    if multiple is None:
        ctx.record(
            "assessed_wage",
            Text("计征工资 W", "assessed wage W"),
            str(own),
            Text(f"不设上限：W = {own}", f"no cap in force: W = {own}"),
        )
        return own, None
    social = situation.social_average_wage
    if social is None:
        social = ctx.decimal("wages.social_average_wage", field="social_average_wage")
    cap = multiple * social
    wage = own if own <= cap else cap
    ctx.record(
        "assessed_wage",
        Text("计征工资 W", "assessed wage W"),
        str(wage),
        Text(
            zh=f"W = min(单位年平均工资 {own}, {multiple} × 社会平均工资 {social} = {cap}) "
            f"= {wage}",
            en=f"W = min(unit average {own}, {multiple} × social average {social} = {cap}) "
            f"= {wage}",
        ),
    )
    return wage, cap


@formula(reduction_factor_family, since=date(2015, 10, 1))
def tiered_reduction(ctx: Evaluation, headcount: Fraction, disabled: Fraction) -> Decimal:
    """D/N ≥ 1% pays 50%, below pays 90%, while a window is open (98号 item 3; 2023-8号)."""
    if not ctx.flag("levy.tiered_reduction_in_force"):
        ctx.record(
            "reduction_factor",
            Text("减缴系数", "reduction factor"),
            "1",
            Text("未实行分档减缴：按应缴费额全额", "no tiered reduction in force: full amount"),
        )
        return Decimal(1)
    threshold = ctx.decimal("levy.reduction_threshold_ratio")
    at_or_above = disabled >= headcount * exact(threshold)
    name = "at_or_above" if at_or_above else "below"
    factor = ctx.decimal(f"levy.reduction_factor_{name}_threshold")
    share = format_exact_with_fraction(disabled / headcount)
    ctx.record(
        "reduction_factor",
        Text("减缴系数", "reduction factor"),
        format(factor, "f"),
        Text(
            zh=f"D / N = {share} {'≥' if at_or_above else '<'} {threshold}：按 {factor} 征收",
            en=f"D / N = {share} {'≥' if at_or_above else '<'} {threshold}: pay {factor}",
        ),
    )
    return factor
