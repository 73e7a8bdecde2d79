"""Over-quota reward (超比例奖励): provincial rules as parameters (rules spec §4).

reward = over × M × multiple, where over = D_reward − N × R (D_reward with the reward's own
severe weight), optionally whole persons only and above a minimum, and M is the local monthly
minimum wage of the date the rule names. Hunan: fractions allowed, × 6, current minimum wage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction, format_money
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.counting import DisabledCount
from ablework.rules.jurisdictions.cn.money import round_money
from ablework.rules.jurisdictions.cn.situations.levy import LevySituation

RewardFormula = Callable[[Evaluation, LevySituation, DisabledCount, Fraction], Decimal | None]
reward_family: FormulaFamily[RewardFormula] = FormulaFamily(
    "reward.over_quota", Text("超比例安排残疾人就业奖励", "over-quota reward")
)
LABEL = Text("超比例奖励", "over-quota reward")


def over_quota_reward(
    ctx: Evaluation, situation: LevySituation, count: DisabledCount, required: Fraction
) -> Decimal | None:
    """The reward, None when no reward rule is in force for the place and date."""
    return reward_family.at(ctx.on)(ctx, situation, count, required)


@formula(reward_family, since=date(2015, 10, 1))
def reward_per_excess_person(
    ctx: Evaluation, situation: LevySituation, count: DisabledCount, required: Fraction
) -> Decimal | None:
    """over × monthly minimum wage × multiple, by the province's parameters."""
    if not ctx.flag("reward.in_force"):
        ctx.record("reward", LABEL, None, Text("本地区无奖励规定", "no reward rule in force here"))
        return None
    kinds = list(ctx.value("reward.eligible_employer_kinds"))
    weight = ctx.integer("reward.severe_weight")
    rounding = ctx.code("reward.over_quota_rounding")
    minimum = ctx.decimal("reward.minimum_over_quota")
    over = count.weighted(weight) - required
    if rounding == "floor":
        over = Fraction(over.numerator // over.denominator)
    if situation.employer_kind not in kinds or over <= 0 or over < exact(minimum):
        ctx.record(
            "reward",
            LABEL,
            "0.00",
            Text(
                zh=f"超比例人数 {format_exact_with_fraction(over)}（须 > 0 且 ≥ {minimum}），"
                f"单位类型 {situation.employer_kind}：不予奖励",
                en=f"excess {format_exact_with_fraction(over)} (must be > 0 and ≥ {minimum}), "
                f"kind {situation.employer_kind}: no reward",
            ),
        )
        return Decimal("0.00")
    wage = _reward_minimum_wage(ctx, situation)
    multiple = ctx.decimal("reward.minimum_wage_multiple")
    amount = round_money(ctx, over * exact(wage) * exact(multiple))
    ctx.record(
        "reward",
        LABEL,
        format_money(amount),
        Text(
            zh=f"超比例人数 {format_exact_with_fraction(over)} × 月最低工资 {wage} × {multiple} = "
            f"{format_money(amount)}",
            en=f"excess {format_exact_with_fraction(over)} × monthly minimum wage {wage} × "
            f"{multiple} = {format_money(amount)}",
        ),
    )
    return amount


def _reward_minimum_wage(ctx: Evaluation, situation: LevySituation) -> Decimal:
    """M: the situation's minimum wage, else the parameter on the date the rule names."""
    if situation.minimum_wage_monthly is not None:
        return situation.minimum_wage_monthly
    on = reward_wage_date(ctx, situation.assessed_on, situation.levy_year)
    return ctx.decimal("wages.minimum_wage_monthly", on=on, field="minimum_wage_monthly")


def reward_wage_date(ctx: Evaluation, assessed_on: date, levy_year: int) -> date:
    """The date of the minimum wage M, as `reward.minimum_wage_basis` names it."""
    basis = ctx.code("reward.minimum_wage_basis")
    return assessed_on if basis == "assessed_on" else date(levy_year, 12, 31)
