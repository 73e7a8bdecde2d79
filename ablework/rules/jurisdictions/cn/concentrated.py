"""集中就业: monthly VAT refund eligibility and limit.

Sources: 财税〔2016〕52号 [V]; 国家税务总局公告2016年第33号 Art. 9 [S].

Eligible in a month when disabled employees are ≥ 25% of staff and ≥ 10 persons (≥ 5 for blind
massage establishments); the month's refundable VAT is disabled × monthly minimum wage × 4, and the
refund is at most the VAT paid. Carrying unused limits within the year is not modelled here.
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
from ablework.rules.engine.quantities import exact, format_exact_with_fraction, format_money
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.identifiers import Problem
from ablework.rules.jurisdictions.cn.money import round_money
from ablework.rules.jurisdictions.cn.situations.others import ConcentratedEmploymentSituation


@dataclass(frozen=True)
class RefundOutcome:
    """Eligibility, the reasons when not eligible, the refund limit and the refund."""

    eligible: bool
    reasons: list[Problem]
    refund_limit: Decimal
    refund: Decimal


RefundFormula = Callable[[Evaluation, ConcentratedEmploymentSituation], RefundOutcome]
vat_refund: FormulaFamily[RefundFormula] = FormulaFamily(
    "concentrated.vat_refund",
    Text("促进残疾人就业增值税限额即征即退", "VAT refund for employing disabled persons"),
)


def check_concentrated(situation: ConcentratedEmploymentSituation) -> None:
    """Counts and amounts are non-negative; the disabled are part of the staff."""
    require_non_negative(situation, ("staff", "disabled", "vat_paid", "minimum_wage_monthly"))
    if situation.disabled > situation.staff:
        raise InvalidInput("disabled", Text("残疾职工人数不能超过在职职工人数", "more than staff"))


@formula(vat_refund, since=date(2016, 5, 1))
def refund_by_minimum_wage_multiple(
    ctx: Evaluation, situation: ConcentratedEmploymentSituation
) -> RefundOutcome:
    """月应退增值税额 = 本月安置残疾人员人数 × 本月月最低工资标准 × 4, at most the VAT paid."""
    share = ctx.decimal("concentrated.minimum_disabled_share")
    blind = situation.unit_type == "blind_massage"
    suffix = "_blind_massage" if blind else ""
    persons = ctx.decimal(f"concentrated.minimum_disabled_persons{suffix}")
    reasons = _reasons(situation, share, persons)
    ctx.record(
        "eligible",
        Text("是否符合条件", "eligible"),
        not reasons,
        Text(
            zh=f"残疾职工 {situation.disabled} / 在职职工 {situation.staff} ≥ {share} "
            f"且 ≥ {persons} 人",
            en=f"disabled {situation.disabled} / staff {situation.staff} ≥ {share} and ≥ {persons}",
        ),
    )
    if reasons:
        zero = Decimal("0.00")
        return RefundOutcome(False, reasons, zero, zero)
    wage = situation.minimum_wage_monthly
    if wage is None:
        wage = ctx.decimal("wages.minimum_wage_monthly", field="minimum_wage_monthly")
    multiple = ctx.decimal("concentrated.refund_minimum_wage_multiple")
    limit = round_money(ctx, situation.disabled * exact(wage) * exact(multiple))
    refund = min(limit, situation.vat_paid)
    ctx.record(
        "refund",
        Text("本月应退增值税额", "refund for the month"),
        format_money(refund),
        Text(
            zh=f"限额 = {situation.disabled} × {wage} × {multiple} = {format_money(limit)}；"
            f"退税 = min(限额, 已缴 {situation.vat_paid}) = {format_money(refund)}",
            en=f"limit = {situation.disabled} × {wage} × {multiple} = {format_money(limit)}; "
            f"refund = min(limit, paid {situation.vat_paid}) = {format_money(refund)}",
        ),
    )
    return RefundOutcome(True, [], limit, refund)


def _reasons(
    situation: ConcentratedEmploymentSituation, share: Decimal, persons: Decimal
) -> list[Problem]:
    """Why the month does not qualify (empty when it does)."""
    reasons = []
    actual = Fraction(situation.disabled, situation.staff) if situation.staff else Fraction(0)
    if actual < exact(share):
        reasons.append(
            Problem(
                "share_below_minimum",
                Text(
                    f"残疾职工占比 {format_exact_with_fraction(actual)} 低于 {share}",
                    f"share {format_exact_with_fraction(actual)} is below {share}",
                ),
            )
        )
    if situation.disabled < persons:
        reasons.append(
            Problem(
                "too_few_disabled_employees",
                Text(f"残疾职工少于 {persons} 人", f"fewer than {persons} disabled employees"),
            )
        )
    return reasons
