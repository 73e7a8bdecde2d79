"""The live levy worksheet: the rules engine's levy result as a clerk reads it.

Rows in the columns of the official declaration form (《残疾人就业保障金缴费申报表》, rules.md
R2.11): col4 wage total, col5 headcount, col6 ratio, col7 disabled employees counted, col8 the
average wage (and the assessed wage when the cap applies), col9 amount due before the reduction,
col10 the reduction, col12 the amount to pay; then the reward where the place has one. Each row
carries its value formatted for people, a plain explanation with the engine's working, and the
legal references of the parameters the step used (from the trace). When the engine cannot
compute (a parameter is missing for the place and date), the worksheet says in plain Chinese
what is missing instead of giving numbers. Then each person's counted and uncounted months.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from ablework.parameters.selectors import parameter_description
from ablework.quota.inputs import DeclarationInput
from ablework.quota.selectors.checker import average_wage
from ablework.quota.selectors.person_months import (
    PersonMonths,
    person_months_of,
)
from ablework.quota.selectors.results import CheckResult
from ablework.rules.engine.errors import RuleError, RulesErrorCode
from ablework.rules.engine.regions import resolve_region

CENT = Decimal("0.01")

# The engine's trace steps (their Chinese labels: the check evaluates in Chinese).
STEP_HEADCOUNT = "在职职工年平均人数 N"
STEP_COUNTED = "实际安排残疾人就业人数 D"
STEP_COUNTING_RULES = "可计入的证件等级与重度标准"
STEP_RATIO = "规定的安排比例 R"
STEP_REQUIRED = "应安排残疾人就业人数 N × R"
STEP_EXEMPTION = "小微企业免征"
STEP_WAGE = "计征工资 W"
STEP_FACTOR = "减缴系数"
STEP_BEFORE = "应缴保障金（减缴前）"
STEP_DUE = "应缴保障金"
STEP_REWARD = "超比例奖励"

_MISSING = re.compile(r"参数 (?P<name>[\w.]+) 在地区 (?P<region>\d+) 于 (?P<on>\d{4}-\d{2}-\d{2})")


class Unit:
    """How a row's number reads: money, persons, or a ratio."""

    YUAN = "yuan"
    PERSONS = "persons"
    RATIO = "ratio"


@dataclass(frozen=True)
class WorksheetRow:
    """One line of the worksheet: a column of the declaration form (or the reward)."""

    key: str  # stable: "col4" … "col12", "wage_cap", "reward"
    column: str  # 第4栏
    name: str
    number: Decimal | None
    unit: str
    value: str  # the number as people read it: `1,234,567.89 元`, `1.5%`, `300 人`
    explanation: str
    reference: str


@dataclass(frozen=True)
class Worksheet:
    levy_year: int
    place: str
    rows: tuple[WorksheetRow, ...]
    reward: WorksheetRow | None
    persons: tuple[PersonMonths, ...]
    levy_due: Decimal | None
    reward_amount: Decimal | None
    # Instead of numbers, when the engine could not compute: what is missing, for which place
    # and date (or why else it could not).
    missing: str = ""

    @property
    def computed(self) -> bool:
        return not self.missing

    def row(self, key: str) -> WorksheetRow | None:
        return next((row for row in self.all_rows if row.key == key), None)

    @property
    def all_rows(self) -> tuple[WorksheetRow, ...]:
        return self.rows + ((self.reward,) if self.reward else ())


def yuan(amount: Decimal) -> str:
    """`1,234,567.89 元` (to the fen)."""
    return _("%(amount)s 元") % {"amount": f"{amount.quantize(CENT, ROUND_HALF_UP):,.2f}"}


def persons(number: Decimal) -> str:
    """`300 人`, `3.833333 人`, `1,200.5 人`."""
    text = f"{number:,f}" if number != number.to_integral_value() else f"{number:,.0f}"
    return _("%(number)s 人") % {"number": text}


def percent(ratio: Decimal) -> str:
    """`0.015` → `1.5%`."""
    text = format((ratio * 100).normalize(), "f")
    return f"{text}%"


def formatted(number: Decimal, unit: str) -> str:
    if unit == Unit.YUAN:
        return yuan(number)
    if unit == Unit.RATIO:
        return percent(number)
    return persons(number)


class _Trace:
    """The trace steps by their label (the first of each; a label repeats only per person)."""

    def __init__(self, steps: Sequence[dict[str, Any]]) -> None:
        self.steps: dict[str, dict[str, Any]] = {}
        for step in steps:
            self.steps.setdefault(str(step.get("step")), step)

    def formula(self, *labels: str) -> str:
        return "；".join(
            str(self.steps[label]["formula"])
            for label in labels
            if label in self.steps and self.steps[label].get("formula")
        )

    def references(self, *labels: str) -> str:
        seen: list[str] = []
        for label in labels:
            for use in self.steps.get(label, {}).get("parameters", []):
                reference = str(use.get("reference") or "")
                if reference and reference not in seen:
                    seen.append(reference)
        return "；".join(seen)

    def value(self, label: str) -> Any:
        return self.steps.get(label, {}).get("value")


def _decimal(raw: Any) -> Decimal | None:
    if raw is None:
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def _row(
    key: str, column: str, name: str, number: Decimal, unit: str, explanation: str, ref: str
) -> WorksheetRow:
    return WorksheetRow(
        key=key,
        column=column,
        name=name,
        number=number,
        unit=unit,
        value=formatted(number, unit),
        explanation=explanation,
        reference=ref,
    )


def _joined(*parts: str) -> str:
    return "".join(part for part in parts if part)


def worksheet_of(result: CheckResult, *, declaration: DeclarationInput) -> Worksheet:
    """The worksheet of a check's levy result (`result.worksheet`) for the declaration."""
    levy = result.worksheet
    place = _place_name(result.employer.county_code)
    people = tuple(person_months_of(line) for line in result.lines)
    if not levy or "error" in levy:
        return Worksheet(
            levy_year=declaration.levy_year,
            place=place,
            rows=(),
            reward=None,
            persons=people,
            levy_due=None,
            reward_amount=None,
            missing=missing_statement(levy["error"])
            if levy
            else _("请先填写在职职工人数和工资总额，填写后即可计算残保金。"),
        )
    trace = _Trace(levy.get("trace", []))
    rows = _rows(levy, trace, declaration)
    reward_amount = _decimal(levy.get("reward"))
    reward = None
    if reward_amount is not None:
        reward = _row(
            "reward",
            "",
            _("超比例安排残疾人就业奖励"),
            reward_amount,
            Unit.YUAN,
            _joined(
                _("安排残疾人超过规定比例的，按本地规定给予奖励。"), trace.formula(STEP_REWARD)
            ),
            trace.references(STEP_REWARD),
        )
    return Worksheet(
        levy_year=declaration.levy_year,
        place=place,
        rows=rows,
        reward=reward,
        persons=people,
        levy_due=_decimal(levy.get("levy_due")),
        reward_amount=reward_amount,
    )


def _rows(
    levy: dict[str, Any], trace: _Trace, declaration: DeclarationInput
) -> tuple[WorksheetRow, ...]:
    zero = Decimal("0.00")
    headcount = _decimal(levy.get("annual_average_headcount")) or Decimal(0)
    ratio = _decimal(levy.get("ratio")) or Decimal(0)
    counted = _decimal(levy.get("counted_disabled")) or Decimal(0)
    required = _decimal(levy.get("required")) or Decimal(0)
    own_wage = average_wage(declaration)
    assessed = _decimal(levy.get("assessed_wage"))
    before = _decimal(levy.get("levy_before_reduction")) or zero
    due = _decimal(levy.get("levy_due")) or zero
    form = trace.references(STEP_BEFORE)
    rows = [
        _row(
            "col4",
            _("第4栏"),
            _("上年在职职工工资总额"),
            declaration.wage_total,
            Unit.YUAN,
            _("本单位申报的上年在职职工工资总额。"),
            form,
        ),
        _row(
            "col5",
            _("第5栏"),
            _("上年在职职工人数"),
            headcount,
            Unit.PERSONS,
            _joined(_("全年在职职工的年平均人数。"), trace.formula(STEP_HEADCOUNT)),
            trace.references(STEP_HEADCOUNT),
        ),
        _row(
            "col6",
            _("第6栏"),
            _("应安排残疾人就业比例"),
            ratio,
            Unit.RATIO,
            _joined(
                _("本地规定的安排比例；按此比例应安排 %(required)s。")
                % {"required": persons(required)},
                trace.formula(STEP_RATIO, STEP_REQUIRED),
            ),
            trace.references(STEP_RATIO, STEP_REQUIRED),
        ),
        _row(
            "col7",
            _("第7栏"),
            _("上年实际安排残疾人就业人数"),
            counted,
            Unit.PERSONS,
            _joined(
                _("各月计入的人数之和除以12，重度残疾人每月按多人计。"),
                trace.formula(STEP_COUNTED),
            ),
            trace.references(STEP_COUNTING_RULES, STEP_COUNTED),
        ),
        _row(
            "col8",
            _("第8栏"),
            _("上年在职职工年平均工资"),
            own_wage,
            Unit.YUAN,
            _("第4栏工资总额 ÷ 申报的年平均职工人数，保留到分。"),
            form,
        ),
    ]
    if assessed is not None and assessed != own_wage:
        rows.append(
            _row(
                "wage_cap",
                _("第8栏"),
                _("计征工资（按上限）"),
                assessed,
                Unit.YUAN,
                _joined(
                    _("年平均工资超过当地社会平均工资的规定倍数，按上限计征。"),
                    trace.formula(STEP_WAGE),
                ),
                trace.references(STEP_WAGE),
            )
        )
    elif assessed is not None:
        rows[-1] = _row(
            "col8",
            _("第8栏"),
            _("上年在职职工年平均工资"),
            own_wage,
            Unit.YUAN,
            _joined(
                _("第4栏工资总额 ÷ 申报的年平均职工人数，保留到分；未超过上限。"),
                trace.formula(STEP_WAGE),
            ),
            _joined(trace.references(STEP_WAGE)) or form,
        )
    exempt = bool(levy.get("exempt"))
    if exempt:
        nothing = _("符合免征条件，本期不缴纳。")
    elif due == zero and before == zero:
        nothing = _("实际安排人数已达到规定比例，本期不缴纳。")
    else:
        nothing = ""
    rows += [
        _row(
            "col9",
            _("第9栏"),
            _("本期应纳费额"),
            before,
            Unit.YUAN,
            _joined(
                nothing or _("（应安排人数 − 实际安排人数）× 年平均工资，保留到分。"),
                trace.formula(STEP_EXEMPTION) if exempt else "",
                trace.formula(STEP_BEFORE) if not nothing else trace.formula(STEP_DUE),
            ),
            trace.references(STEP_EXEMPTION, STEP_BEFORE),
        ),
        _row(
            "col10",
            _("第10栏"),
            _("本期减免费额"),
            before - due,
            Unit.YUAN,
            _joined(
                _("按分档减缴政策减免的部分：第9栏 × （1 − 减缴系数）。") if before else "",
                trace.formula(STEP_FACTOR) if before else "",
            ),
            trace.references(STEP_FACTOR) if before else "",
        ),
        _row(
            "col12",
            _("第12栏"),
            _("本期应缴残保金"),
            due,
            Unit.YUAN,
            _joined(
                _("第9栏 − 第10栏（未计本期已缴费额）。"),
                trace.formula(STEP_DUE) if before else "",
            ),
            trace.references(STEP_DUE),
        ),
    ]
    return tuple(rows)


def missing_statement(error: dict[str, Any]) -> str:
    """What stops the levy being computed, in plain Chinese: the missing parameter, for which
    place and date, and who can record it."""
    message = str(error.get("message", ""))
    match = _MISSING.search(message)
    if error.get("code") == RulesErrorCode.MISSING_PARAMETER and match:
        return _(
            "系统中还没有%(place)s在 %(on)s 适用的“%(what)s”，所以暂时无法计算残保金。"
            "请由当地残联工作人员在“本地参数”中登记该数值及其依据，登记并审核通过后即可计算。"
        ) % {
            "place": _place_name(match["region"]),
            "on": match["on"],
            "what": _short(parameter_description(match["name"])),
        }
    return _("暂时无法计算残保金：%(reason)s") % {"reason": message}


def _short(description: str) -> str:
    """A parameter's name as people say it: its description up to the first explanation."""
    cut = [description.find(mark) for mark in "（(，；" if description.find(mark) > 0]
    return description[: min(cut)] if cut else description


def _place_name(code: str) -> str:
    try:
        return resolve_region(code).name
    except RuleError:
        return code
