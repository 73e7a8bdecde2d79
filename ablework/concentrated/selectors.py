"""Each month's eligibility of units of concentrated employment and their VAT refund limit.

The staff and disabled counts of a month come from the unit's quota declaration of the year
(submitted, resubmitted or certified; quota's stored roster): the declared 在职职工 of the month
(`headcount_monthly`), and the disabled employees whose roster month counted in the quota
check — so a month whose wage was under the minimum wage, without social insurance, or on a
certificate not valid that month does not count here either, and the reason is said. The rules
engine's `concentrated-employment` rule (rules/jurisdictions/cn/concentrated.py, through the
rules calc service) then decides each month — ≥ 25% and ≥ 10 persons, ≥ 5 for a blind-massage
establishment — and gives the month's refund limit (disabled × the county's monthly minimum wage
× 4) and the refund (at most the VAT paid). Four queries for any number of units; the rule is
evaluated in memory. Carrying an unused limit to a later month of the year (33号 Art. 9) is not
modelled by the rule, so the year's figures are the sums of the months.
"""

from __future__ import annotations

from calendar import monthrange
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ablework.concentrated.models import ConcentratedUnit, MonthlyVat, UnitType
from ablework.core.region_names import region_name
from ablework.quota.models import FILED_STATUSES, Declaration, DeclarationStatus, LineMonth
from ablework.quota.problems import KINDS, ProblemCode, ProblemKind, month_spans
from ablework.quota.selectors.person_months import short_reason
from ablework.rules.calc.service import calculate
from ablework.rules.engine.errors import RulesErrorCode
from ablework.rules.engine.text import Language

MONTHS = tuple(range(1, 13))
_STATUS_LABELS = dict(DeclarationStatus.choices)
# Prefer the certified declaration of the year, then one awaiting review.
_STATUS_ORDER: dict[str, int] = {
    DeclarationStatus.CERTIFIED: 0,
    DeclarationStatus.RESUBMITTED: 1,
    DeclarationStatus.SUBMITTED: 2,
}


@dataclass(frozen=True)
class MonthEligibility:
    """One month of one unit. `eligible` is None when it cannot be told (no declaration)."""

    month: int
    staff: int | None
    disabled: int | None
    eligible: bool | None
    reasons: tuple[str, ...]  # why not eligible, in plain Chinese (empty when eligible)
    notes: tuple[str, ...]  # what else the tax bureau should know (a limit not computable)
    refund_limit: Decimal | None
    vat_paid: Decimal | None
    refund: Decimal | None
    trace: tuple[dict[str, Any], ...] = ()

    @property
    def share(self) -> Decimal | None:
        if not self.staff or self.disabled is None:
            return None
        return (Decimal(self.disabled) * 100 / self.staff).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class UnitYear:
    """A unit's year: its months and totals."""

    unit: ConcentratedUnit
    year: int
    declaration_id: int | None
    declaration_status: str  # its label, or ""
    months: tuple[MonthEligibility, ...] = field(default_factory=tuple)

    @property
    def eligible_months(self) -> int:
        return sum(1 for m in self.months if m.eligible)

    @property
    def ineligible_months(self) -> int:
        return sum(1 for m in self.months if m.eligible is False)

    @property
    def total_limit(self) -> Decimal:
        return sum((m.refund_limit or Decimal("0.00") for m in self.months), Decimal("0.00"))

    @property
    def total_vat(self) -> Decimal:
        return sum((m.vat_paid or Decimal("0.00") for m in self.months), Decimal("0.00"))

    @property
    def total_refund(self) -> Decimal:
        return sum((m.refund or Decimal("0.00") for m in self.months), Decimal("0.00"))

    @property
    def limit_unknown_months(self) -> int:
        return sum(1 for m in self.months if m.eligible and m.refund_limit is None)


@dataclass
class _Roster:
    """A declaration's counted persons and not-counted reasons per month."""

    counted: Counter[int] = field(default_factory=Counter)
    not_counted: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def unit_years(units: Iterable[ConcentratedUnit], year: int) -> list[UnitYear]:
    """Each unit's 12 months of `year` (units with their employer selected)."""
    units = list(units)
    declarations = _declarations([u.employer_id for u in units], year)
    rosters = _rosters([d.pk for d in declarations.values()])
    vat: dict[tuple[int, int], Decimal] = {
        (row["unit_id"], row["month"]): row["vat_paid"]
        for row in MonthlyVat.objects.filter(unit__in=units, year=year).values(
            "unit_id", "month", "vat_paid"
        )
    }
    language: Language = "en" if (get_language() or "").startswith("en") else "zh"
    years = []
    for unit in units:
        declaration = declarations.get(unit.employer_id)
        roster = rosters.get(declaration.pk) if declaration is not None else None
        months = _months(unit, year, declaration, roster or _Roster(), vat, language)
        years.append(
            UnitYear(
                unit=unit,
                year=year,
                declaration_id=declaration.pk if declaration is not None else None,
                declaration_status=(
                    str(_STATUS_LABELS[declaration.status]) if declaration is not None else ""
                ),
                months=months,
            )
        )
    return years


def unit_year(unit: ConcentratedUnit, year: int) -> UnitYear:
    """One unit's year."""
    return unit_years([unit], year)[0]


def _declarations(employer_ids: Sequence[int], year: int) -> dict[int, Declaration]:
    """The filed declaration of the year of each employer (certified first)."""
    found: dict[int, Declaration] = {}
    rows = Declaration.objects.filter(
        employer_id__in=employer_ids, levy_year=year, status__in=FILED_STATUSES
    ).only("id", "employer_id", "status", "headcount_monthly", "headcount_annual_average")
    for row in sorted(rows, key=lambda r: (_STATUS_ORDER.get(r.status, 9), -r.pk)):
        found.setdefault(row.employer_id, row)
    return found


def _rosters(declaration_ids: Sequence[int]) -> dict[int, _Roster]:
    rosters: dict[int, _Roster] = defaultdict(_Roster)
    rows = LineMonth.objects.filter(roster_line__declaration_id__in=declaration_ids).values_list(
        "roster_line__declaration_id", "month", "counted", "problem_codes"
    )
    for declaration_id, month, counted, codes in rows:
        roster = rosters[declaration_id]
        if counted:
            roster.counted[month] += 1
        else:
            roster.not_counted[month][_not_counted_reason(codes)] += 1
    return rosters


def _not_counted_reason(codes: Iterable[str]) -> str:
    """The first reason of kind *not counted* among a month's problem codes, in a few words."""
    for code in codes:
        if code in ProblemCode.__members__.values() and KINDS[ProblemCode(code)] in (
            ProblemKind.NOT_COUNTED,
            ProblemKind.ERROR,
        ):
            return str(short_reason(ProblemCode(code)))
    return str(_("未计入"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _months(
    unit: ConcentratedUnit,
    year: int,
    declaration: Declaration | None,
    roster: _Roster,
    vat: dict[tuple[int, int], Decimal],
    language: Language,
) -> tuple[MonthEligibility, ...]:
    monthly = declaration.headcount_monthly if declaration is not None else None
    situations: list[dict[str, Any]] = []
    pending: list[tuple[int, int, int, Decimal | None]] = []
    results: dict[int, MonthEligibility] = {}
    for month in MONTHS:
        paid = vat.get((unit.pk, month))
        if _month_end(year, month) < unit.recognised_from:
            results[month] = _not_assessed(
                month,
                paid,
                _("该月尚未认定为集中就业单位（认定日期 %(day)s）。")
                % {"day": unit.recognised_from.isoformat()},
            )
            continue
        if declaration is None:
            results[month] = _not_assessed(
                month,
                paid,
                _("本年度没有已提交的按比例就业申报，无法核定当月在职职工和残疾职工人数。"),
                eligible=None,
            )
            continue
        if not monthly or len(monthly) != 12:
            results[month] = _not_assessed(
                month,
                paid,
                _("按比例就业申报只填写了在职职工年平均人数，没有各月人数，无法逐月核定。"),
                eligible=None,
            )
            continue
        staff, disabled = int(monthly[month - 1]), roster.counted[month]
        pending.append((month, staff, disabled, paid))
        situations.append(
            {
                "rule": "concentrated-employment",
                "jurisdiction": unit.employer.county_code,
                "month": f"{year}-{month:02d}",
                "unit_type": unit.unit_type,
                "staff": staff,
                "disabled": disabled,
                "vat_paid": format(paid if paid is not None else Decimal("0.00"), "f"),
            }
        )
    if situations:
        outcomes = calculate(situations, language=language, today=timezone.localdate())
        assert isinstance(outcomes, list)
        for (month, staff, disabled, paid), outcome in zip(pending, outcomes, strict=True):
            results[month] = _assessed(
                unit, year, month, staff, disabled, paid, outcome, roster.not_counted[month]
            )
    return tuple(results[m] for m in MONTHS)


def _not_assessed(
    month: int, paid: Decimal | None, reason: str, *, eligible: bool | None = False
) -> MonthEligibility:
    return MonthEligibility(
        month=month,
        staff=None,
        disabled=None,
        eligible=eligible,
        reasons=(reason,),
        notes=(),
        refund_limit=None,
        vat_paid=paid,
        refund=None,
    )


def _assessed(
    unit: ConcentratedUnit,
    year: int,
    month: int,
    staff: int,
    disabled: int,
    paid: Decimal | None,
    outcome: dict[str, Any],
    not_counted: Counter[str],
) -> MonthEligibility:
    uncounted = _uncounted_note(not_counted)
    error = outcome.get("error")
    if error is not None:
        if error.get("code") == RulesErrorCode.MISSING_PARAMETER:
            # Eligible (the rule asks for the minimum wage only then), but no limit.
            note = _(
                "系统中没有%(place)s %(year)s年%(month)s月的月最低工资标准，无法计算退税限额；"
                "请由当地残联在“本地参数”中登记该数值及其依据。"
            ) % {"place": region_name(unit.employer.county_code), "year": year, "month": month}
            return MonthEligibility(month, staff, disabled, True, (), (note,), None, paid, None, ())
        reason = _("无法核定：%(reason)s") % {"reason": error.get("message", "")}
        return MonthEligibility(month, staff, disabled, None, (reason,), (), None, paid, None, ())
    eligible = bool(outcome["eligible"])
    reasons = tuple(item["message"] for item in outcome["reasons"])
    if not eligible and uncounted:
        reasons = (*reasons, uncounted)
    limit = Decimal(outcome["refund_limit"]) if eligible else Decimal("0.00")
    refund = Decimal(outcome["refund"]) if eligible and paid is not None else None
    return MonthEligibility(
        month=month,
        staff=staff,
        disabled=disabled,
        eligible=eligible,
        reasons=reasons,
        notes=(),
        refund_limit=limit,
        vat_paid=paid,
        refund=refund if eligible else (Decimal("0.00") if paid is not None else None),
        trace=tuple(outcome.get("trace", ())),
    )


def _uncounted_note(not_counted: Counter[str]) -> str:
    """`另有 2 名残疾职工当月未计入（工资低于最低工资标准 2 人）`, or ""."""
    total = sum(not_counted.values())
    if not total:
        return ""
    parts = "、".join(
        _("%(reason)s %(count)s 人") % {"reason": reason, "count": count}
        for reason, count in not_counted.most_common()
    )
    return _("另有 %(total)s 名残疾职工当月未计入（%(parts)s）。") % {
        "total": total,
        "parts": parts,
    }


def unit_type_label(value: str) -> str:
    return str(UnitType(value).label) if value in UnitType.values else value


def ineligible_spans(unit_year: UnitYear) -> str:
    """`4–6月` for the months not eligible."""
    return month_spans(m.month for m in unit_year.months if m.eligible is False)
