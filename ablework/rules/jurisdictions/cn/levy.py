"""残疾人就业保障金: (N × R − D) × W, with exemptions, the wage cap and tiered reductions.

Sources: 财税〔2015〕72号 Arts 6–8 [V]; 财税〔2017〕18号 [S]; 财税〔2018〕39号 [S];
财政部公告2019年第98号 [V]; 财政部公告2023年第8号 [V] (rules spec §2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.errors import InvalidInput, require_non_negative
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.quantities import exact, format_exact_with_fraction, format_money
from ablework.rules.engine.reforms import Reform, ReformOverride, situation_override
from ablework.rules.engine.regions import resolve_region
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.counting import (
    DisabledCount,
    count_disabled_employees,
    record_counted_disabled,
)
from ablework.rules.jurisdictions.cn.exemption import small_enterprise_exemption
from ablework.rules.jurisdictions.cn.headcount import annual_average_headcount, check_headcount
from ablework.rules.jurisdictions.cn.money import round_money
from ablework.rules.jurisdictions.cn.quota import required_headcount
from ablework.rules.jurisdictions.cn.reward import over_quota_reward
from ablework.rules.jurisdictions.cn.situations.levy import LevyOverrides, LevySituation
from ablework.rules.jurisdictions.cn.wage import assessed_wage, reduction_factor

WINDOW_KEYS = {
    "payment_date": Text("征收日期", "the assessment date"),
    "fee_period": Text("费款所属期末", "the end of the levy year"),
}
OVERRIDE_PARAMETERS = {
    "ratio": "levy.quota_ratio",
    "annual_average_rounding": "levy.annual_average_rounding",
    "required_rounding_places": "levy.required_headcount_rounding_places",
    "dispatch_rule": "levy.dispatch_rule",
}


@dataclass(frozen=True)
class LevyOutcome:
    """The levy and reward of one employer for one year, before formatting."""

    levy_due: Decimal
    levy_before_reduction: Decimal
    reduction_factor: Decimal
    exemption: str | None
    annual_average_headcount: Fraction
    counted_disabled: Fraction
    ratio: Decimal
    required: Fraction
    shortfall: Fraction
    assessed_wage: Decimal | None
    wage_cap: Decimal | None
    over_quota: Fraction
    reward: Decimal | None


LevyFormula = Callable[[Evaluation, LevySituation], LevyOutcome]
levy_amount: FormulaFamily[LevyFormula] = FormulaFamily(
    "levy.amount", Text("残疾人就业保障金", "disability employment security levy")
)


def evaluate_levy(
    tree: ParameterTree, situation: LevySituation, reform: Reform | None = None
) -> tuple[LevyOutcome, Evaluation]:
    """Evaluate one levy situation: resolve the place, pick the rules date, apply the formula."""
    region = resolve_region(situation.jurisdiction)
    combined = _with_situation_overrides(tree, reform, situation.overrides)
    ctx = Evaluation(tree, region, situation.assessed_on, combined)
    window_key, rules_on = levy_rules_date(ctx, situation.assessed_on, situation.levy_year)
    ctx.on = rules_on
    ctx.record(
        "rules_date",
        Text("适用规则的日期", "date selecting the rules in force"),
        rules_on.isoformat(),
        Text(
            zh=f"地区 {region.padded} {region.name}；按{WINDOW_KEYS[window_key].zh}取 {rules_on}",
            en=f"region {region.padded} {region.name}; by {WINDOW_KEYS[window_key].en}: {rules_on}",
        ),
    )
    return levy_amount.at(rules_on)(ctx, situation), ctx


def levy_rules_date(ctx: Evaluation, assessed_on: date, levy_year: int) -> tuple[str, date]:
    """The window key and the date selecting the rules: `assessed_on`, or Dec 31 under fee_period.

    Raises `NotInForce` first when no levy formula is in force on the assessment date.
    """
    levy_amount.at(assessed_on)
    window_key = ctx.code("levy.window_key")
    rules_on = date(levy_year, 12, 31) if window_key == "fee_period" else assessed_on
    return window_key, rules_on


def _with_situation_overrides(
    tree: ParameterTree, reform: Reform | None, overrides: LevyOverrides | None
) -> Reform | None:
    """The situation's `overrides` as a reform on top of any population reform."""
    if overrides is None:
        return reform
    items: list[ReformOverride] = []
    for key in sorted(overrides.model_fields_set):
        value = getattr(overrides, key)
        if value is None and key != "required_rounding_places":
            continue
        items.append(situation_override(tree, OVERRIDE_PARAMETERS[key], value, f"overrides.{key}"))
    situation_reform = Reform("overrides", tuple(items))
    return reform.combined_with(situation_reform) if reform else situation_reform


@formula(levy_amount, since=date(2015, 10, 1))
def levy_on_quota_shortfall(ctx: Evaluation, situation: LevySituation) -> LevyOutcome:
    """保障金年缴纳额 = (N × R − D) × W, 0 when exempt or the quota is met (72号 Art. 8)."""
    _check_amounts(situation)
    check_headcount(situation.headcount)
    count: DisabledCount = count_disabled_employees(ctx, situation)
    headcount = annual_average_headcount.at(ctx.on)(
        ctx, situation.headcount, count.headcount_months
    )
    disabled = record_counted_disabled(ctx, count, ctx.integer("levy.severe_weight"))
    ratio, required = required_headcount(ctx, headcount)
    shortfall = max(Fraction(0), required - disabled)
    over_quota = max(Fraction(0), disabled - required)
    exemption = small_enterprise_exemption.at(ctx.on)(ctx, situation.employer_kind, headcount)
    wage: Decimal | None = None
    cap: Decimal | None = None
    before = due = Decimal("0.00")
    factor = Decimal(1)
    if exemption is None and shortfall > 0:
        wage, cap = assessed_wage(ctx, situation)
        factor = reduction_factor(ctx, headcount, disabled)
        before, due = _amounts(ctx, shortfall, wage, factor)
    else:
        _record_nothing_due(ctx, exemption)
    reward = over_quota_reward(ctx, situation, count, required)
    return LevyOutcome(
        levy_due=due,
        levy_before_reduction=before,
        reduction_factor=factor,
        exemption=exemption,
        annual_average_headcount=headcount,
        counted_disabled=disabled,
        ratio=ratio,
        required=required,
        shortfall=shortfall,
        assessed_wage=wage,
        wage_cap=cap,
        over_quota=over_quota,
        reward=reward,
    )


def _amounts(
    ctx: Evaluation, shortfall: Fraction, wage: Decimal, factor: Decimal
) -> tuple[Decimal, Decimal]:
    """The amount before reduction and the amount due, each rounded once from the exact value."""
    exact_before = shortfall * exact(wage)
    before = round_money(ctx, exact_before)
    ctx.record(
        "levy_before_reduction",
        Text("应缴保障金（减缴前）", "levy before reduction"),
        format_money(before),
        Text(
            zh=f"(N×R − D) × W = {format_exact_with_fraction(shortfall)} × {wage} = "
            f"{format_exact_with_fraction(exact_before)}，保留到分 {format_money(before)}",
            en=f"(N×R − D) × W = {format_exact_with_fraction(shortfall)} × {wage} = "
            f"{format_exact_with_fraction(exact_before)}, to the fen {format_money(before)}",
        ),
    )
    exact_due = exact_before * exact(factor)
    due = round_money(ctx, exact_due)
    ctx.record(
        "levy_due",
        Text("应缴保障金", "levy due"),
        format_money(due),
        Text(
            zh=f"(N×R − D) × W × 减缴系数 = {format_exact_with_fraction(exact_before)} × {factor}"
            f" = {format_exact_with_fraction(exact_due)}，保留到分 {format_money(due)}",
            en=f"(N×R − D) × W × factor = {format_exact_with_fraction(exact_before)} × {factor}"
            f" = {format_exact_with_fraction(exact_due)}, to the fen {format_money(due)}",
        ),
    )
    return before, due


def _record_nothing_due(ctx: Evaluation, exemption: str | None) -> None:
    """The trace step when nothing is due (exempt, or the quota is met)."""
    why = (
        Text("免征", "exempt")
        if exemption
        else Text("D ≥ N × R，已达到规定比例", "D ≥ N × R: the quota is met")
    )
    ctx.record("levy_due", Text("应缴保障金", "levy due"), "0.00", why)


def _check_amounts(situation: LevySituation) -> None:
    """Wages and the levy year must make sense before anything is computed."""
    require_non_negative(situation, ("average_wage", "social_average_wage", "minimum_wage_monthly"))
    if situation.levy_year > situation.assessed_on.year:
        raise InvalidInput(
            "assessed_on",
            Text(
                zh=f"征收日期早于费款所属年度 {situation.levy_year}",
                en=f"assessed before the levy year {situation.levy_year}",
            ),
        )
