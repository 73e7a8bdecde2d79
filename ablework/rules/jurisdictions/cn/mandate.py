"""机关、事业单位带头安排残疾人就业 (残联发〔2021〕51号 [V]; 国办发〔2025〕23号 [V]; spec §6).

Provincial and prefectural organs with ≥ 50 authorised posts and institutions with ≥ 67 (schools
and kindergartens excluded) that are below the quota ratio must place at least one disabled person;
county and township levels are pooled, not per unit. Federations (残联) at county level and above
need ≥ 15% disabled cadres.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.errors import InvalidInput, require_non_negative
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.identifiers import Problem
from ablework.rules.jurisdictions.cn.situations.others import OrganMandateSituation


@dataclass(frozen=True)
class MandateOutcome:
    """Whether the unit is mandated, the least number to place, the deadline and the reasons."""

    mandated: bool
    minimum_disabled_staff: int
    deadline: date | None
    reasons: list[Problem]


MandateFormula = Callable[[Evaluation, OrganMandateSituation], MandateOutcome]
organ_mandate: FormulaFamily[MandateFormula] = FormulaFamily(
    "mandate.leading_by_example",
    Text("机关事业单位带头安排残疾人就业", "organs' placement mandate"),
)


def check_mandate(situation: OrganMandateSituation) -> None:
    """Sizes are non-negative and disabled staff are part of the staff."""
    require_non_negative(situation, ("authorized_size", "staff", "disabled_staff"))
    if situation.disabled_staff > situation.staff:
        raise InvalidInput("disabled_staff", Text("不能超过在职人数", "more than staff"))


@formula(organ_mandate, since=date(2021, 10, 27))
def leading_by_example(ctx: Evaluation, situation: OrganMandateSituation) -> MandateOutcome:
    """Dispatch on the kind of unit."""
    if situation.unit_kind == "disabled_persons_federation":
        return _federation(ctx, situation)
    return _organ_or_institution(ctx, situation)


def _organ_or_institution(ctx: Evaluation, situation: OrganMandateSituation) -> MandateOutcome:
    """Covered units below the ratio must place at least one person by the deadline."""
    kind = "organ" if situation.unit_kind == "organ" else "institution"
    threshold = ctx.decimal(f"mandate.{kind}_minimum_authorized_size")
    excluded = _not_covered(ctx, situation, threshold)
    if excluded is not None:
        return excluded
    ratio = ctx.decimal("levy.quota_ratio")
    required = situation.staff * exact(ratio)
    if situation.disabled_staff >= required:
        return _not_mandated(
            ctx,
            "quota_met",
            Text(
                f"已达到规定比例：{situation.disabled_staff} ≥ {situation.staff} × {ratio}",
                f"quota met: {situation.disabled_staff} ≥ {situation.staff} × {ratio}",
            ),
        )
    minimum = int(ctx.decimal("mandate.minimum_placement"))
    deadline = ctx.value("mandate.deadline")
    met = situation.disabled_staff >= minimum
    shown = format_exact_with_fraction(required)
    reason = Problem(
        "placement_met" if met else "placement_required",
        Text(
            zh=f"编制 {situation.authorized_size} ≥ {threshold}，未达到规定比例"
            f"（{situation.disabled_staff} < {shown}）：{deadline} 前至少安排 {minimum} 名；"
            f"{'已满足' if met else '尚未满足'}",
            en=f"{situation.authorized_size} posts ≥ {threshold}, below the ratio "
            f"({situation.disabled_staff} < {shown}): place at least {minimum} by {deadline}; "
            f"{'met' if met else 'not yet met'}",
        ),
    )
    ctx.record("mandate", Text("带头安排要求", "mandate"), True, reason.message)
    return MandateOutcome(True, minimum, deadline, [reason])


def _not_covered(
    ctx: Evaluation, situation: OrganMandateSituation, threshold: Decimal
) -> MandateOutcome | None:
    """Schools, county and township units, and units below the size threshold are not covered."""
    levels = list(ctx.value("mandate.covered_levels"))
    if situation.unit_kind == "institution" and situation.is_school_or_kindergarten:
        return _not_mandated(
            ctx, "school_excluded", Text("中小学、幼儿园除外", "schools are excluded")
        )
    if situation.administrative_level not in levels:
        return _not_mandated(
            ctx,
            "level_pooled",
            Text("县、乡两级按机关和事业单位编制总数统筹", "county and township levels are pooled"),
        )
    if situation.authorized_size < threshold:
        size = situation.authorized_size
        return _not_mandated(
            ctx,
            "below_authorized_size",
            Text(f"编制 {size} < {threshold}", f"{size} posts < {threshold}"),
        )
    return None


def _federation(ctx: Evaluation, situation: OrganMandateSituation) -> MandateOutcome:
    """县级及以上残联机关干部队伍中残疾人 ≥ 15%: at least ⌈15% × cadres⌉."""
    levels = list(ctx.value("mandate.federation_covered_levels"))
    if situation.administrative_level not in levels:
        return _not_mandated(
            ctx, "level_not_covered", Text("乡级不适用", "not covered at this level")
        )
    share = ctx.decimal("mandate.federation_minimum_disabled_share")
    minimum = math.ceil(situation.staff * exact(share))
    met = situation.disabled_staff >= minimum
    actual = Fraction(situation.disabled_staff, situation.staff) if situation.staff else Fraction(0)
    reason = Problem(
        "share_met" if met else "share_required",
        Text(
            zh=f"残疾人干部至少 ⌈{situation.staff} × {share}⌉ = {minimum} 名；"
            f"现有 {situation.disabled_staff} 名"
            f"（{format_exact_with_fraction(actual)}）：{'已满足' if met else '尚未满足'}",
            en=f"at least ⌈{situation.staff} × {share}⌉ = {minimum} disabled cadres; "
            f"{situation.disabled_staff} now ({format_exact_with_fraction(actual)}): "
            f"{'met' if met else 'not yet met'}",
        ),
    )
    ctx.record("mandate", Text("残联干部比例要求", "federation cadre share"), True, reason.message)
    return MandateOutcome(True, minimum, None, [reason])


def _not_mandated(ctx: Evaluation, code: str, message: Text) -> MandateOutcome:
    """The unit is outside the per-unit mandate."""
    ctx.record("mandate", Text("带头安排要求", "mandate"), False, message)
    return MandateOutcome(False, 0, None, [Problem(code, message)])
