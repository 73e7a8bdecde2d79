"""What the declaration pages show of a declaration: its figures, its history, and each roster
line with its months and problems in plain Chinese."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.quota.models import (
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
    RosterLine,
)
from ablework.quota.problems import Problem, ProblemCode, ProblemKind
from ablework.quota.selectors import CheckResult

# A stored month's problem, named in a few words (the full message is the check's, shown while
# the declaration can still be changed).
PROBLEM_TITLES = {
    ProblemCode.CERTIFICATE_NOT_FOUND: gettext_lazy("证件在残疾人信息库中没有找到"),
    ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH: gettext_lazy("证件当月无效"),
    ProblemCode.VETERAN_GRADE_NOT_COUNTED: gettext_lazy("残疾军人证等级不计入"),
    ProblemCode.VETERAN_UNVERIFIED: gettext_lazy("残疾军人证待核验"),
    ProblemCode.NOT_WORKING_AGE_IN_MONTH: gettext_lazy("不在就业年龄段"),
    ProblemCode.WAGE_BELOW_MINIMUM: gettext_lazy("工资低于当地最低工资标准"),
    ProblemCode.MINIMUM_WAGE_UNKNOWN: gettext_lazy("没有当地最低工资标准"),
    ProblemCode.CONTRACT_UNDER_ONE_YEAR: gettext_lazy("合同期限不足1年"),
    ProblemCode.SOCIAL_INSURANCE_MISSING: gettext_lazy("未足额缴纳社会保险"),
    ProblemCode.COUNTED_ELSEWHERE: gettext_lazy("已计入另一用人单位的申报"),
    ProblemCode.DISPATCH_AGREEMENT_MISSING: gettext_lazy("没有约定计入本单位的派遣协议"),
    ProblemCode.DUPLICATE_LINE: gettext_lazy("证件重复申报"),
    ProblemCode.NAME_MISMATCH: gettext_lazy("姓名与信息库不一致"),
    ProblemCode.CELL_UNREADABLE: gettext_lazy("无法读取"),
}
KIND_LABELS = {
    ProblemKind.NOT_COUNTED: gettext_lazy("不计入"),
    ProblemKind.WARNING: gettext_lazy("提示"),
    ProblemKind.ERROR: gettext_lazy("错误，须改正后才能提交"),
}


def month_ranges(months: list[int]) -> str:
    """`1–6月、9月、11–12月`; "—" for none."""
    if not months:
        return "—"
    parts: list[str] = []
    ordered = sorted(set(months))
    start = previous = ordered[0]
    for month in [*ordered[1:], None]:
        if month is not None and month == previous + 1:
            previous = month
            continue
        parts.append(
            _("%(month)s月") % {"month": start}
            if start == previous
            else _("%(first)s–%(last)s月") % {"first": start, "last": previous}
        )
        if month is not None:
            start = previous = month
    return "、".join(parts)


@dataclass
class ShownProblem:
    kind: str
    kind_label: str
    message: str


@dataclass
class ShownLine:
    row: RosterLine
    number: int  # as the page numbers lines: from 1
    declared: str
    counted: str | None  # None while the declaration can still change
    problems: list[ShownProblem] = field(default_factory=list)
    returned_reason: str = ""

    @property
    def has_error(self) -> bool:
        return any(problem.kind == ProblemKind.ERROR for problem in self.problems)


def _shown(problem: Problem) -> ShownProblem:
    return ShownProblem(
        kind=problem.kind.value,
        kind_label=str(KIND_LABELS[problem.kind]),
        message=problem.message(),
    )


def last_return(row: Declaration) -> DeclarationEvent | None:
    """The latest return of the declaration (its reasons are shown while it is returned)."""
    return row.events.filter(to_status=DeclarationStatus.RETURNED).order_by("-at", "-id").first()


def shown_lines(
    row: Declaration, result: CheckResult | None, returned: DeclarationEvent | None
) -> tuple[list[ShownLine], list[ShownProblem]]:
    """Each stored line with its problems (the live check's messages when `result` is given,
    else the stored months' results), and the problems of no line."""
    by_line: dict[int | None, list[Problem]] = defaultdict(list)
    for problem in result.problems if result is not None else ():
        by_line[problem.line].append(problem)
    reasons = {
        int(item["line"]): str(item["reason"])
        for item in (returned.line_reasons if returned else [])
    }
    lines = []
    for stored in row.lines.all():
        months = list(stored.months.all())
        shown = ShownLine(
            row=stored,
            number=stored.line + 1,
            declared=month_ranges([m.month for m in months]),
            counted=None
            if result is not None
            else month_ranges([m.month for m in months if m.counted]),
            returned_reason=reasons.get(stored.line, ""),
        )
        if result is not None:
            shown.problems = [_shown(problem) for problem in by_line.get(stored.line, [])]
        else:
            shown.problems = _stored_problems(months)
        lines.append(shown)
    return lines, [_shown(problem) for problem in by_line.get(None, [])]


def _stored_problems(months: list[Any]) -> list[ShownProblem]:
    affected: dict[str, list[int]] = defaultdict(list)
    for month in months:
        for code in month.problem_codes:
            affected[code].append(month.month)
    shown = []
    for code, numbers in affected.items():
        known = ProblemCode(code)
        shown.append(
            ShownProblem(
                kind=known.kind.value,
                kind_label=str(KIND_LABELS[known.kind]),
                message=_("%(months)s：%(title)s")
                % {"months": month_ranges(numbers), "title": PROBLEM_TITLES[known]},
            )
        )
    return shown


@dataclass(frozen=True)
class Figures:
    """N, D and the levy or reward of a worksheet, or why they are not known."""

    headcount: str = ""
    counted: str = ""
    levy: str = ""
    reward: str = ""
    exempt: bool = False
    missing: str = ""  # why there are no figures

    @property
    def known(self) -> bool:
        return not self.missing


def figures_of(worksheet: dict[str, Any] | None, *, facts_missing: Sequence[str] = ()) -> Figures:
    """The worksheet's headline figures."""
    if facts_missing:
        return Figures(missing=_("填写在职职工人数和工资总额后即可算出保障金。"))
    if not worksheet:
        return Figures(missing=_("尚未计算。"))
    if "error" in worksheet:
        error = worksheet["error"]
        message = error.get("message") if isinstance(error, dict) else ""
        return Figures(missing=_("暂时无法计算保障金：%(why)s") % {"why": message or "—"})
    reward = worksheet.get("reward")
    return Figures(
        headcount=_number(worksheet.get("annual_average_headcount")),
        counted=_number(worksheet.get("counted_disabled")),
        levy=str(worksheet.get("levy_due") or "0.00"),
        reward=str(reward) if reward not in (None, "", "0", "0.00") else "",
        exempt=bool(worksheet.get("exempt")),
    )


def _number(value: Any) -> str:
    if value in (None, ""):
        return "—"
    return format(Decimal(str(value)).normalize(), "f")


@dataclass(frozen=True)
class TraceParameter:
    name: str
    value: str
    effective_from: str
    reference: str


@dataclass(frozen=True)
class TraceStep:
    step: str
    value: str
    formula: str
    parameters: tuple[TraceParameter, ...]


@dataclass(frozen=True)
class Decision:
    """A decision (return, certify, reject, correct) with the levy the rules engine computed at
    that moment, as stored with it (never recomputed)."""

    event: DeclarationEvent
    decided_on: str
    figures: Figures
    steps: tuple[TraceStep, ...]


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return "、".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{_text(item)}" for key, item in value.items())
    return str(value)


def decisions_of(events: Sequence[DeclarationEvent]) -> list[Decision]:
    """Each event that stored a computation, newest first, with its trace as people read it."""
    out = []
    for event in reversed(events):
        trace = event.rules_trace
        if not trace:
            continue
        figures = figures_of(trace)
        steps = tuple(
            TraceStep(
                step=str(step.get("step", "")),
                value=_text(step.get("value")),
                formula=str(step.get("formula") or ""),
                parameters=tuple(
                    TraceParameter(
                        name=str(used.get("name", "")),
                        value=_text(used.get("value")),
                        effective_from=str(used.get("effective_from") or "—"),
                        reference=str(used.get("reference") or "—"),
                    )
                    for used in step.get("parameters") or ()
                ),
            )
            for step in trace.get("trace") or ()
        )
        out.append(
            Decision(
                event=event,
                decided_on=str(trace.get("decided_on", "")),
                figures=figures,
                steps=steps,
            )
        )
    return out
