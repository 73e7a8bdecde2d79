"""D — 实际安排的残疾人就业人数, counted month by month (rules spec §3).

A person-month counts when the certificate and grade of that month qualify (72号 Art. 4), the
contract is of at least one year, the wage is at least the local minimum wage, social insurance
is paid (Art. 7), the person is of working age (Art. 7; the 2025 retirement reform) and the
person is attributed to this unit under the dispatch rule (98号 item 2). D = Σ weight / 12, with
severe persons weighted (Art. 7; 63号 一(一), 一(四)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.errors import InvalidInput
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.quantities import format_exact_with_fraction, format_quantity
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.dispatch import attribute_dispatched_month
from ablework.rules.jurisdictions.cn.retirement import month_index, statutory_retirement
from ablework.rules.jurisdictions.cn.situations.fields import month_parts
from ablework.rules.jurisdictions.cn.situations.levy import (
    DisabledEmployee,
    LevySituation,
    MonthDetail,
)

# Card formats (not legal thresholds): which grades can be printed on each certificate.
CERTIFICATE_GRADES = {"disability": range(1, 5), "veteran": range(1, 11)}
DISABILITY_CATEGORIES = range(1, 8)
CERTIFICATE_NAMES = {
    "disability": Text("残疾人证", "disability card"),
    "veteran": Text("残疾军人证", "veteran card"),
}


@dataclass(frozen=True)
class CountingRules:
    """The counting parameters in force for the evaluation."""

    eligible_grades: dict[str, list[int]]
    severe_grades: dict[str, list[int]]
    dispatch_rule: str
    count_retirement_month: bool
    minimum_age_years: int

    @classmethod
    def read(cls, ctx: Evaluation) -> CountingRules:
        """Read the parameters once per evaluation."""
        return cls(
            eligible_grades={
                "disability": list(ctx.value("levy.eligible_disability_grades")),
                "veteran": list(ctx.value("levy.eligible_veteran_grades")),
            },
            severe_grades={
                "disability": list(ctx.value("levy.severe_disability_grades")),
                "veteran": list(ctx.value("levy.severe_veteran_grades")),
            },
            dispatch_rule=ctx.code("levy.dispatch_rule"),
            count_retirement_month=ctx.flag("levy.count_retirement_month"),
            minimum_age_years=ctx.integer("working_age.minimum_age_years"),
        )


@dataclass
class DisabledCount:
    """Counted person-months: plain, severe, and dispatched months added to the headcount N."""

    plain_months: int = 0
    severe_months: int = 0
    headcount_months: int = 0

    def weighted(self, severe_weight: int) -> Fraction:
        """D = (plain + severe × weight) / 12."""
        return Fraction(self.plain_months + self.severe_months * severe_weight, 12)


@dataclass(frozen=True)
class WorkingAge:
    """First counted month index (age 16) and first month no longer counted (retirement)."""

    first_index: int | None
    end_index: int | None


def count_disabled_employees(ctx: Evaluation, situation: LevySituation) -> DisabledCount:
    """Count every disabled employee's qualifying months, one trace step per person."""
    rules = CountingRules.read(ctx)
    ctx.record(
        "counting_rules",
        Text("可计入的证件等级与重度标准", "countable grades and severe grades"),
        None,
        Text(
            zh=f"残疾人证 {rules.eligible_grades['disability']} 级、残疾军人证 "
            f"{rules.eligible_grades['veteran']} 级可计入；重度：残疾人证 "
            f"{rules.severe_grades['disability']} 级、残疾军人证 "
            f"{rules.severe_grades['veteran']} 级",
            en=f"countable: disability card grades {rules.eligible_grades['disability']}, veteran "
            f"card grades {rules.eligible_grades['veteran']}; severe: disability "
            f"{rules.severe_grades['disability']}, veteran {rules.severe_grades['veteran']}",
        ),
    )
    total = DisabledCount()
    for index, employee in enumerate(situation.disabled_employees):
        count = _count_person(ctx, situation, rules, index, employee)
        total.plain_months += count.plain_months
        total.severe_months += count.severe_months
        total.headcount_months += count.headcount_months
    return total


def _count_person(
    ctx: Evaluation,
    situation: LevySituation,
    rules: CountingRules,
    index: int,
    employee: DisabledEmployee,
) -> DisabledCount:
    """One person's counted months, with the reasons for each month left out."""
    field = f"disabled_employees[{index}]"
    _check_grade(employee.certificate, employee.grade, f"{field}.grade")
    if employee.category is not None and employee.category not in DISABILITY_CATEGORIES:
        raise InvalidInput(f"{field}.category", Text("残疾类别应为1–7", "category must be 1-7"))
    age = _working_age(ctx, employee, rules, field)
    count = DisabledCount()
    excluded: list[Text] = []
    seen: set[str] = set()
    for position, detail in enumerate(employee.months):
        month_field = f"{field}.months[{position}]"
        _check_month(detail.month, situation.levy_year, seen, month_field)
        grade = detail.grade if detail.grade is not None else employee.grade
        _check_grade(employee.certificate, grade, f"{month_field}.grade")
        reason, adds_to_headcount = _month_verdict(
            ctx, situation, rules, employee, detail, grade, age, f"{month_field}.wage"
        )
        count.headcount_months += int(adds_to_headcount)
        if reason is not None:
            excluded.append(Text(f"{detail.month} {reason.zh}", f"{detail.month} {reason.en}"))
        elif grade in rules.severe_grades[employee.certificate]:
            count.severe_months += 1
        else:
            count.plain_months += 1
    _record_person(ctx, index, employee, count, excluded)
    return count


def _month_verdict(
    ctx: Evaluation,
    situation: LevySituation,
    rules: CountingRules,
    employee: DisabledEmployee,
    detail: MonthDetail,
    grade: int,
    age: WorkingAge,
    wage_field: str,
) -> tuple[Text | None, bool]:
    """Why a month does not count (None when it counts), and whether it adds to N."""
    attribution = attribute_dispatched_month(
        rules.dispatch_rule, employee.dispatched, detail.social_insurance_paid
    )
    if not attribution.counts_here:
        return attribution.reason, attribution.adds_to_headcount
    if grade not in rules.eligible_grades[employee.certificate]:
        return Text(
            f"{grade}级证件不可计入", f"grade {grade} does not count"
        ), attribution.adds_to_headcount
    if detail.contract_at_least_one_year is False:
        return Text(
            "劳动合同不足1年", "contract shorter than one year"
        ), attribution.adds_to_headcount
    if detail.social_insurance_paid is False:
        return Text(
            "未足额缴纳社会保险", "social insurance not paid"
        ), attribution.adds_to_headcount
    current = month_index(*month_parts(detail.month))
    if age.first_index is not None and current < age.first_index:
        return Text(
            f"未满{rules.minimum_age_years}周岁", f"under {rules.minimum_age_years}"
        ), attribution.adds_to_headcount
    if age.end_index is not None and current >= age.end_index:
        return Text(
            "已达法定退休年龄", "at or past statutory retirement"
        ), attribution.adds_to_headcount
    if detail.wage is not None:
        minimum = minimum_wage_in_month(ctx, situation, detail.month, wage_field)
        if detail.wage < minimum:
            return Text(
                f"工资 {detail.wage} 低于最低工资 {minimum}",
                f"wage {detail.wage} below the minimum wage {minimum}",
            ), attribution.adds_to_headcount
    return None, attribution.adds_to_headcount


def minimum_wage_in_month(
    ctx: Evaluation, situation: LevySituation, month: str, field: str
) -> Decimal:
    """The local monthly minimum wage of a month: the situation's, else the parameter in force."""
    if situation.minimum_wage_monthly is not None:
        return situation.minimum_wage_monthly
    year, number = month_parts(month)
    return ctx.decimal("wages.minimum_wage_monthly", on=date(year, number, 1), field=field)


def _working_age(
    ctx: Evaluation, employee: DisabledEmployee, rules: CountingRules, field: str
) -> WorkingAge:
    """The months in which the person is of working age, when the birth month is known."""
    if employee.birth_month is None:
        return WorkingAge(None, None)
    if employee.sex is None:
        raise InvalidInput(
            f"{field}.sex", Text("给出出生年月时须给出性别", "needed with birth_month")
        )
    retirement = statutory_retirement(
        ctx,
        employee.sex,
        employee.birth_month,
        employee.retirement_base_age,
        f"{field}.retirement_base_age",
    )
    end = retirement.month_index + (1 if rules.count_retirement_month else 0)
    first = month_index(*month_parts(employee.birth_month)) + rules.minimum_age_years * 12
    return WorkingAge(first, end)


def _check_grade(certificate: str, grade: int, field: str) -> None:
    """A grade must exist on the certificate (1–4 disability card, 1–10 veteran card)."""
    allowed = CERTIFICATE_GRADES[certificate]
    if grade not in allowed:
        name = CERTIFICATE_NAMES[certificate]
        raise InvalidInput(
            field,
            Text(
                zh=f"{name.zh}等级应为 {allowed.start}–{allowed.stop - 1}，实际为 {grade}",
                en=f"a {name.en} grade is {allowed.start}-{allowed.stop - 1}, got {grade}",
            ),
        )


def _check_month(month: str, levy_year: int, seen: set[str], field: str) -> None:
    """Months lie inside the levy year and appear once."""
    if month_parts(month)[0] != levy_year:
        raise InvalidInput(
            field,
            Text(
                zh=f"{month} 不在费款所属年度 {levy_year} 内",
                en=f"{month} is outside levy_year {levy_year}",
            ),
        )
    if month in seen:
        raise InvalidInput(field, Text(f"{month} 重复出现", f"{month} is listed twice"))
    seen.add(month)


def _record_person(
    ctx: Evaluation,
    index: int,
    employee: DisabledEmployee,
    count: DisabledCount,
    excluded: list[Text],
) -> None:
    """A trace step for one person: months counted, severe months, months left out and why."""
    name = CERTIFICATE_NAMES[employee.certificate]
    left_out_zh = "；".join(item.zh for item in excluded) or "无"
    left_out_en = "; ".join(item.en for item in excluded) or "none"
    counted = count.plain_months + count.severe_months
    ctx.record(
        f"counted_disabled.person[{index}]",
        Text(
            f"残疾职工 #{index + 1}（{name.zh} {employee.grade} 级）",
            f"disabled employee #{index + 1} ({name.en}, grade {employee.grade})",
        ),
        format_quantity(Fraction(counted, 12)),
        Text(
            zh=f"计入 {counted} 个月（其中重度 {count.severe_months} 个月）；不计入：{left_out_zh}",
            en=f"{counted} months counted ({count.severe_months} severe); left out: {left_out_en}",
        ),
    )


def record_counted_disabled(ctx: Evaluation, count: DisabledCount, severe_weight: int) -> Fraction:
    """The trace step for D once the severe weight is known."""
    value = count.weighted(severe_weight)
    shown = format_exact_with_fraction(value)
    ctx.record(
        "counted_disabled",
        Text("实际安排残疾人就业人数 D", "disabled employees counted D"),
        shown,
        Text(
            zh=f"D = (非重度 {count.plain_months} 人月 + 重度 {count.severe_months} 人月 × "
            f"{severe_weight}) / 12 = {shown}",
            en=f"D = ({count.plain_months} plain person-months + {count.severe_months} severe "
            f"× {severe_weight}) / 12 = {shown}",
        ),
    )
    return value
