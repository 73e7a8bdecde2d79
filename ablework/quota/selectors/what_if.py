"""What-if: the worksheet as it would be with hypothetical hires, another wage total or another
headcount, beside the current one, and the difference in the levy (and reward) in 元.

Nothing is saved and nothing is audited here (the check the result comes from was). A
hypothetical hire is not in the registry, so it does not go through the per-line check: its
months (from its first month to December) go straight into the engine's situation, built by the
same function the check uses (`checker.levy_worksheet`), weighted by the same severe-grade
parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.errors import Invalid
from ablework.employers.models import Employer
from ablework.quota.inputs import MONTHS_IN_YEAR, DeclarationInput, Headcount, month_text
from ablework.quota.models import CertificateKind
from ablework.quota.selectors.checker import (
    employees_of,
    levy_context,
    levy_worksheet,
    rules_tree,
)
from ablework.quota.selectors.person_months import (
    MonthCount,
    PersonMonths,
    certificate_kind_name,
    counted_text,
)
from ablework.quota.selectors.results import CheckResult
from ablework.quota.selectors.worksheet import (
    Unit,
    Worksheet,
    WorksheetRow,
    formatted,
    worksheet_of,
    yuan,
)
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn.counting import CountingRules

MOST_HIRES = 50  # one what-if at a time, not a workforce plan


@dataclass(frozen=True)
class Hire:
    """`count` persons holding a certificate of `grade`, employed from `from_month` to December."""

    grade: int
    certificate_kind: str = CertificateKind.DISABILITY
    from_month: int = 1
    count: int = 1


@dataclass(frozen=True)
class WhatIf:
    hires: tuple[Hire, ...] = ()
    wage_total: Decimal | None = None
    headcount: Headcount | None = None

    @property
    def is_empty(self) -> bool:
        return not self.hires and self.wage_total is None and self.headcount is None


@dataclass(frozen=True)
class ComparedRow:
    key: str
    column: str
    name: str
    before: str
    after: str
    difference: str
    changed: bool
    explanation: str  # the assumed case's (the current one's for a row it lacks)
    reference: str


@dataclass(frozen=True)
class WhatIfResult:
    change: WhatIf
    assumption: str  # what was assumed, in words
    current: Worksheet
    changed: Worksheet
    rows: tuple[ComparedRow, ...]
    levy_difference: Decimal | None  # changed − current; None when either cannot be computed
    reward_difference: Decimal | None
    sentence: str  # `按此假设，应缴残保金减少 1,234.56 元。`


def check_change(change: WhatIf, eligible: Mapping[str, Sequence[int]]) -> None:
    """Invalid, naming the field, for a hire or an amount that cannot be assumed; `eligible`:
    the countable grades of each certificate kind (`countable_grades`)."""
    for hire in change.hires:
        check_hire(hire, eligible)
    if change.wage_total is not None and change.wage_total < 0:
        raise Invalid(_("工资总额不能为负数。"), field="wage_total")
    headcount = change.headcount
    if headcount is not None:
        negative = (
            any(n < 0 for n in headcount.monthly)
            if headcount.monthly is not None
            else headcount.annual_average is None or headcount.annual_average < 0
        )
        if negative:
            raise Invalid(_("在职职工人数不能为负数。"), field="headcount")


def check_hire(hire: Hire, eligible: Mapping[str, Sequence[int]]) -> None:
    """The kind, grade (a countable one for the kind), first month and number of a hire."""
    if hire.certificate_kind not in CertificateKind.values:
        raise Invalid(_("证件类型应为残疾人证或残疾军人证。"), field="certificate_kind")
    grades = sorted(eligible[hire.certificate_kind])
    if hire.grade not in grades:
        raise Invalid(
            _("%(kind)s可计入的等级为 %(first)s–%(last)s 级，不能按 %(grade)s 级计算。")
            % {
                "kind": certificate_kind_name(hire.certificate_kind),
                "first": grades[0],
                "last": grades[-1],
                "grade": hire.grade,
            },
            field="grade",
        )
    if not 1 <= hire.from_month <= MONTHS_IN_YEAR:
        raise Invalid(_("起始月份应为 1–12 月。"), field="from_month")
    if not 1 <= hire.count <= MOST_HIRES:
        raise Invalid(_("招用人数应为 1–%(most)s 人。") % {"most": MOST_HIRES}, field="count")


def countable_grades(
    employer: Employer,
    levy_year: int,
    *,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> dict[str, list[int]]:
    """The grades that count for each certificate kind where and when the employer declares."""
    ctx = levy_context(employer, tree or rules_tree(), today or timezone.localdate(), levy_year)
    return CountingRules.read(ctx).eligible_grades


def what_if(
    *,
    declaration: DeclarationInput,
    employer: Employer,
    result: CheckResult,
    change: WhatIf,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> WhatIfResult:
    """The worksheet now and under the change, and the difference (nothing is written)."""
    tree = tree or rules_tree()
    today = today or timezone.localdate()
    year = declaration.levy_year
    ctx = levy_context(employer, tree, today, year)
    rules = CountingRules.read(ctx)
    severe_weight = ctx.integer("levy.severe_weight")
    check_change(change, rules.eligible_grades)
    employees = employees_of(result.lines, year)
    assumed = replace(
        declaration,
        wage_total=declaration.wage_total if change.wage_total is None else change.wage_total,
        headcount=declaration.headcount if change.headcount is None else change.headcount,
    )
    hires: list[dict[str, Any]] = []
    people: list[PersonMonths] = []
    for hire in change.hires:
        weight = severe_weight if hire.grade in rules.severe_grades[hire.certificate_kind] else 1
        months = range(hire.from_month, MONTHS_IN_YEAR + 1)
        for _number in range(hire.count):
            hires.append(
                {
                    "certificate": hire.certificate_kind,
                    "grade": hire.grade,
                    "months": [
                        {
                            "month": month_text(year, m),
                            "grade": hire.grade,
                            "social_insurance_paid": True,
                        }
                        for m in months
                    ],
                }
            )
            counted = tuple(MonthCount(m, weight) for m in months)
            people.append(
                PersonMonths(
                    line=None,
                    name=_("假设招用人员"),
                    certificate="",
                    certificate_kind=certificate_kind_name(hire.certificate_kind),
                    grade=hire.grade,
                    counted=counted,
                    counted_text=counted_text(counted),
                    person_months=weight * len(counted),
                    not_counted=(),
                    hypothetical=True,
                )
            )

    def sheet(of: DeclarationInput, extra: list[dict[str, Any]]) -> dict[str, Any]:
        return levy_worksheet(
            declaration=of,
            employer=employer,
            employees=employees + extra,
            tree=tree,
            today=today,
        )

    if not result.worksheet:  # a draft without its headcount or wage total yet
        unknown = worksheet_of(result, declaration=declaration)
        return WhatIfResult(
            change=change,
            assumption=assumption(change),
            current=unknown,
            changed=replace(unknown, persons=unknown.persons + tuple(people)),
            rows=(),
            levy_difference=None,
            reward_difference=None,
            sentence=_sentence(unknown, unknown, None, None),
        )
    current = worksheet_of(
        replace(result, worksheet=sheet(declaration, [])), declaration=declaration
    )
    changed = worksheet_of(replace(result, worksheet=sheet(assumed, hires)), declaration=assumed)
    changed = replace(changed, persons=changed.persons + tuple(people))
    levy_difference = _difference(current.levy_due, changed.levy_due)
    reward_difference = _difference(current.reward_amount, changed.reward_amount)
    return WhatIfResult(
        change=change,
        assumption=assumption(change),
        current=current,
        changed=changed,
        rows=_compared(current, changed),
        levy_difference=levy_difference,
        reward_difference=reward_difference,
        sentence=_sentence(current, changed, levy_difference, reward_difference),
    )


def _difference(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    return None if before is None or after is None else after - before


def assumption(change: WhatIf) -> str:
    """`招用 1 名残疾人证 2 级人员（7月起）；工资总额为 1,000,000.00 元`."""
    parts = [
        _("招用 %(count)s 名%(kind)s %(grade)s 级人员（%(month)s月起）")
        % {
            "count": hire.count,
            "kind": certificate_kind_name(hire.certificate_kind),
            "grade": hire.grade,
            "month": hire.from_month,
        }
        for hire in change.hires
    ]
    if change.wage_total is not None:
        parts.append(_("工资总额为 %(amount)s") % {"amount": yuan(change.wage_total)})
    if change.headcount is not None:
        parts.append(
            _("在职职工年平均人数为 %(count)s")
            % {"count": formatted(change.headcount.average(), Unit.PERSONS)}
        )
    return "；".join(parts) or _("不作改变")


def _compared(current: Worksheet, changed: Worksheet) -> tuple[ComparedRow, ...]:
    before = {row.key: row for row in current.all_rows}
    after = {row.key: row for row in changed.all_rows}
    keys = list(dict.fromkeys([*after, *before]))
    order = [row.key for row in (*changed.all_rows, *current.all_rows)]
    keys.sort(key=order.index)
    return tuple(_compared_row(before.get(key), after.get(key)) for key in keys)


def _compared_row(before: WorksheetRow | None, after: WorksheetRow | None) -> ComparedRow:
    row = after or before
    assert row is not None
    if before is not None and after is not None and before.number is not None:
        delta = (after.number or Decimal(0)) - before.number
        difference = _signed(delta, row.unit)
        changed = delta != 0
    else:
        difference, changed = "—", True
    return ComparedRow(
        key=row.key,
        column=row.column,
        name=row.name,
        before=before.value if before else "—",
        after=after.value if after else "—",
        difference=difference,
        changed=changed,
        explanation=row.explanation,
        reference=row.reference,
    )


def _signed(delta: Decimal, unit: str) -> str:
    if delta == 0:
        return _("不变")
    sign = "+" if delta > 0 else "−"
    return sign + formatted(abs(delta), unit)


def _sentence(
    current: Worksheet,
    changed: Worksheet,
    levy: Decimal | None,
    reward: Decimal | None,
) -> str:
    if levy is None:
        return _("按此假设仍无法计算残保金：%(why)s") % {"why": changed.missing or current.missing}
    if levy < 0:
        text = _("按此假设，应缴残保金减少 %(amount)s") % {"amount": yuan(-levy)}
    elif levy > 0:
        text = _("按此假设，应缴残保金增加 %(amount)s") % {"amount": yuan(levy)}
    else:
        text = _("按此假设，应缴残保金不变（%(amount)s）") % {
            "amount": yuan(changed.levy_due or Decimal(0))
        }
    if reward is not None and reward > 0:
        text += _("，超比例奖励增加 %(amount)s") % {"amount": yuan(reward)}
    elif reward is not None and reward < 0:
        text += _("，超比例奖励减少 %(amount)s") % {"amount": yuan(-reward)}
    return text + "。"
