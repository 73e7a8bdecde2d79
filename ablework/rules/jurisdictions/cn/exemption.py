"""Small-enterprise exemption from the levy (rules spec R2.6)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from ablework.rules.engine.errors import RuleError, RulesErrorCode
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction
from ablework.rules.engine.text import Text

SMALL_ENTERPRISE = "small_enterprise"
ExemptionFormula = Callable[[Evaluation, str, Fraction], str | None]

small_enterprise_exemption: FormulaFamily[ExemptionFormula] = FormulaFamily(
    "levy.small_enterprise_exemption", Text("小微企业免征", "small-enterprise exemption")
)


class NotEvaluable(RuleError):
    """The rules in force need a fact the situation does not carry."""

    code = RulesErrorCode.NOT_EVALUABLE


@formula(small_enterprise_exemption, since=date(2015, 10, 1), until=date(2017, 3, 31))
def exemption_within_years_of_registration(
    ctx: Evaluation, employer_kind: str, headcount: Fraction
) -> str | None:
    """小微企业 of ≤ 20 staff are exempt within 3 years of registration (72号 [S])."""
    max_staff = ctx.decimal("levy.small_enterprise_exemption_max_staff")
    years = ctx.value("levy.small_enterprise_exemption_max_years_since_registration")
    if employer_kind == "enterprise" and headcount <= exact(max_staff):
        raise NotEvaluable(
            "assessed_on",
            Text(
                zh=f"此日期的免征规定以工商登记后 {years} 年内为条件，情景未包含登记日期",
                en=f"the exemption then in force depends on registration within {years} years, "
                "which the situation does not carry",
            ),
        )
    _record(ctx, None, headcount, max_staff)
    return None


@formula(small_enterprise_exemption, since=date(2017, 4, 1))
def exemption_by_staff_size(ctx: Evaluation, employer_kind: str, headcount: Fraction) -> str | None:
    """企业 with ≤ 30 staff are exempt, other kinds of unit not (18号, 98号, 2023-8号)."""
    max_staff = ctx.decimal("levy.small_enterprise_exemption_max_staff")
    exempt = employer_kind == "enterprise" and headcount <= exact(max_staff)
    result = SMALL_ENTERPRISE if exempt else None
    _record(ctx, result, headcount, max_staff)
    return result


def _record(ctx: Evaluation, result: str | None, headcount: Fraction, max_staff: object) -> None:
    """Trace step of the exemption test."""
    shown = format_exact_with_fraction(headcount)
    ctx.record(
        "exemption",
        Text("小微企业免征", "small-enterprise exemption"),
        result,
        Text(
            zh=f"企业且 N ≤ {max_staff} 免征；N = {shown}：{'免征' if result else '不适用'}",
            en=f"enterprises with N ≤ {max_staff} are exempt; N = {shown}: "
            f"{'exempt' if result else 'not exempt'}",
        ),
    )
