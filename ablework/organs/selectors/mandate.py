"""The placement mandate of organs and institutions (机关、事业单位带头安排残疾人就业), unit by
unit and, for county and township units, pooled by county.

Each unit's figures come from its latest certified quota declaration (按比例就业申报, status
已审核确认): the counted persons D and the annual average staff stored with its rules trace
at submission. The mandate itself is the rules engine's `organ-mandate`, called through the
calc service (rules-calc-contract.md) for all units of a page at once; nothing here decides who
is mandated. The rule takes whole numbers: the persons counted are D rounded down (a unit is
never shown as meeting a duty it meets only in part), the staff the annual average rounded half
up; a unit without a certified declaration counts nobody and uses the staff on its record.

County and township units have no per-unit minimum (rules.md R6.1): they are pooled, and the
county's line compares the persons they count together with the quota ratio (the parameter
`levy.quota_ratio` in force for the county) applied to their authorised posts together
("根据机关和事业单位编制总数，统筹安排残疾人就业达到规定比例").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.employers.models import AdministrativeLevel, Employer, EmployerKind
from ablework.organs.models import PlacementPlan, UnitProfile
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.registry.rulebook import rules_region
from ablework.rules.calc.service import calculate
from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.jurisdictions.cn import parameter_tree

PER_UNIT_LEVELS = (AdministrativeLevel.PROVINCE, AdministrativeLevel.PREFECTURE)
POOLED_LEVELS = (AdministrativeLevel.COUNTY, AdministrativeLevel.TOWNSHIP)
RATIO_PLACES = Decimal("0.01")
# What of the employer's record the mandate reads (a province's units are read in one go).
UNIT_FIELDS = (
    "name",
    "kind",
    "county_code",
    "township_code",
    "administrative_level",
    "authorised_posts",
    "school_type",
    "staff_count",
)

# What each reason the rule gives means, in plain words (the rule's own text follows it).
REASON_TEXT = {
    "placement_required": gettext_lazy("须在期限前至少安排残疾人就业，尚未达到"),
    "placement_met": gettext_lazy("已安排残疾人就业，达到最低人数，但仍未达到规定比例"),
    "quota_met": gettext_lazy("安排残疾人就业已达到规定比例"),
    "below_authorized_size": gettext_lazy("编制数不足，不要求单独带头安排"),
    "school_excluded": gettext_lazy("中小学、幼儿园不在带头安排范围内"),
    "level_pooled": gettext_lazy("县、乡两级单位不单独计算，计入本县统筹"),
    "level_not_covered": gettext_lazy("该层级不适用"),
}


@dataclass(frozen=True)
class Reason:
    code: str
    plain: str
    detail: str


@dataclass(frozen=True)
class UnitStatus:
    """One unit's mandate status as the list and the unit's page show it."""

    employer_id: int
    name: str
    kind: str
    kind_label: str
    county_code: str
    level: str
    level_label: str
    authorised_posts: int | None
    school: bool
    supervisor_name: str
    staff: int
    counted: Decimal
    counted_year: int | None
    declaration_id: int | None
    mandated: bool | None  # None: the rule could not be applied (see `problem`)
    minimum: int
    gap: int
    deadline: date | None
    reasons: tuple[Reason, ...] = ()
    problem: str = ""
    has_plan: bool = False
    township_code: str = ""

    @property
    def counted_whole(self) -> int:
        return int(self.counted.to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class CountyAggregate:
    """The pooled test of one county's county- and township-level organs and institutions."""

    county_code: str
    units: int
    authorised_posts: int
    counted: Decimal
    ratio: Decimal | None
    ratio_reference: str
    required: Decimal | None
    met: bool | None
    gap: int
    problem: str = ""


@dataclass(frozen=True)
class CertifiedFigures:
    """What a unit's latest certified declaration says: the year, D and the staff."""

    declaration_id: int
    year: int
    counted: Decimal
    staff: Decimal | None


@dataclass
class MandateOverview:
    units: list[UnitStatus] = field(default_factory=list)
    counties: list[CountyAggregate] = field(default_factory=list)


def _decimal(text: Any) -> Decimal | None:
    if text in (None, "", "null"):
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def latest_certified(units: QuerySet[Employer]) -> dict[int, CertifiedFigures]:
    """Each unit's latest certified declaration's figures, in one query: only D and the staff
    are read out of the stored trace (the database extracts them), never the whole trace, so a
    province's thousands of units stay one light read."""
    rows = (
        Declaration.objects.filter(
            employer_id__in=units.order_by().values("pk"), status=DeclarationStatus.CERTIFIED
        )
        .annotate(
            counted_text=KT("rules_trace__counted_disabled"),
            staff_text=KT("rules_trace__annual_average_headcount"),
        )
        .order_by("employer_id", "-levy_year", "-id")
        .values("id", "employer_id", "levy_year", "counted_text", "staff_text")
    )
    found: dict[int, CertifiedFigures] = {}
    for row in rows:
        if row["employer_id"] in found:
            continue
        found[row["employer_id"]] = CertifiedFigures(
            declaration_id=row["id"],
            year=row["levy_year"],
            counted=_decimal(row["counted_text"]) or Decimal(0),
            staff=_decimal(row["staff_text"]),
        )
    return found


def _situation(unit: Employer, staff: int, disabled: int, on: date) -> dict[str, Any]:
    return {
        "rule": "organ-mandate",
        "as_of": on.isoformat(),
        "unit_kind": unit.kind,
        "administrative_level": unit.administrative_level,
        "authorized_size": unit.authorised_posts,
        "is_school_or_kindergarten": bool(unit.school_type),
        "staff": staff,
        "disabled_staff": min(disabled, staff),
    }


def mandate_statuses(units: QuerySet[Employer], *, on: date) -> list[UnitStatus]:
    """The mandate status of each unit (organs and institutions), by the rules engine."""
    rows = list(units.order_by("county_code", "name", "pk").only(*UNIT_FIELDS))
    ids = units.order_by().values("pk")
    figures = latest_certified(units)
    supervisors = dict(
        UnitProfile.objects.filter(employer__in=ids, supervisor__isnull=False).values_list(
            "employer_id", "supervisor__name"
        )
    )
    planned = set(
        PlacementPlan.objects.filter(employer__in=ids).values_list("employer_id", flat=True)
    )
    prepared: list[tuple[Employer, int, Decimal, CertifiedFigures | None, str]] = []
    situations: list[dict[str, Any]] = []
    for unit in rows:
        certified = figures.get(unit.pk)
        counted = certified.counted if certified else Decimal(0)
        staff = (
            int(certified.staff.quantize(Decimal(1), ROUND_HALF_UP))
            if certified and certified.staff is not None
            else unit.staff_count
        )
        problem = ""
        if not unit.administrative_level:
            problem = _("未登记行政级别，无法判断是否须带头安排。")
        elif unit.authorised_posts is None:
            problem = _("未登记编制数，无法判断是否须带头安排。")
        prepared.append((unit, staff, counted, certified, problem))
        if not problem:
            whole = int(counted.to_integral_value(rounding=ROUND_FLOOR))
            situations.append(_situation(unit, staff, whole, on))
    results = calculate(situations, today=on) if situations else []
    assert isinstance(results, list)
    answers = iter(results)
    statuses = []
    for unit, staff, counted, certified, problem in prepared:
        result = None if problem else next(answers)
        statuses.append(
            _status(unit, staff, counted, certified, problem, result, supervisors, planned)
        )
    return statuses


def _status(
    unit: Employer,
    staff: int,
    counted: Decimal,
    certified: CertifiedFigures | None,
    problem: str,
    result: dict[str, Any] | None,
    supervisors: dict[int, str],
    planned: set[int],
) -> UnitStatus:
    mandated: bool | None = None
    minimum, gap, deadline = 0, 0, None
    reasons: tuple[Reason, ...] = ()
    if result is not None and "error" in result:
        problem = _("无法判断：%(message)s") % {"message": result["error"]["message"]}
    elif result is not None:
        mandated = bool(result["mandated"])
        minimum = int(result["minimum_disabled_staff"])
        deadline = date.fromisoformat(result["deadline"]) if result["deadline"] else None
        whole = int(counted.to_integral_value(rounding=ROUND_FLOOR))
        gap = max(0, minimum - whole) if mandated else 0
        reasons = tuple(
            Reason(
                code=item["code"],
                plain=str(REASON_TEXT.get(item["code"], "")),
                detail=item["message"],
            )
            for item in result["reasons"]
        )
    return UnitStatus(
        employer_id=unit.pk,
        name=unit.name,
        kind=unit.kind,
        kind_label=str(EmployerKind(unit.kind).label),
        county_code=unit.county_code,
        level=unit.administrative_level,
        level_label=(
            str(AdministrativeLevel(unit.administrative_level).label)
            if unit.administrative_level
            else ""
        ),
        authorised_posts=unit.authorised_posts,
        school=bool(unit.school_type),
        supervisor_name=supervisors.get(unit.pk, ""),
        staff=staff,
        counted=counted,
        counted_year=certified.year if certified else None,
        declaration_id=certified.declaration_id if certified else None,
        mandated=mandated,
        minimum=minimum,
        gap=gap,
        deadline=deadline,
        reasons=reasons,
        problem=problem,
        has_plan=unit.pk in planned,
        township_code=unit.township_code,
    )


def county_aggregates(statuses: Sequence[UnitStatus], *, on: date) -> list[CountyAggregate]:
    """One pooled line per county for its county- and township-level units (rules.md R6.1)."""
    pooled: dict[str, list[UnitStatus]] = {}
    for status in statuses:
        if status.level in POOLED_LEVELS:
            pooled.setdefault(status.county_code, []).append(status)
    tree = parameter_tree()
    lines = []
    for county, members in sorted(pooled.items()):
        posts = sum(member.authorised_posts or 0 for member in members)
        counted = sum((member.counted for member in members), Decimal(0))
        try:
            ctx = Evaluation(tree, rules_region(county), on)
            found = ctx.find("levy.quota_ratio")
        except RuleError:
            found = None
        if found is None:
            lines.append(
                CountyAggregate(
                    county,
                    len(members),
                    posts,
                    counted,
                    None,
                    "",
                    None,
                    None,
                    0,
                    problem=_("没有查到该县在此日期适用的安排比例。"),
                )
            )
            continue
        ratio = Decimal(found.value)
        required = posts * ratio
        met = counted >= required
        lines.append(
            CountyAggregate(
                county_code=county,
                units=len(members),
                authorised_posts=posts,
                counted=counted,
                ratio=ratio,
                ratio_reference=found.dated.reference.render(found.dated.confidence),
                required=required,
                met=met,
                gap=0 if met else math.ceil(required - counted),
            )
        )
    return lines


def ratio_of(counted: Decimal, staff: Decimal | int) -> Decimal | None:
    """D / staff as a percentage to two places, None without staff."""
    if not staff:
        return None
    return (counted * 100 / Decimal(staff)).quantize(RATIO_PLACES, ROUND_HALF_UP)
