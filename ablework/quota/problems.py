"""The problem codes of a declaration check (quota-declaration-contract.md, "Problem codes").

Each code has a kind — a month with a *not counted* problem adds nothing to D; a *warning* is
shown and counted; an *error* blocks submission — and a plain Chinese message (English in the
catalog). A problem is `{"line", "months", "field", "code", "kind", "message"}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ProblemKind(StrEnum):
    NOT_COUNTED = "not_counted"
    WARNING = "warning"
    ERROR = "error"


class ProblemCode(StrEnum):
    """The contract's codes, in its order."""

    CERTIFICATE_NOT_FOUND = "certificate_not_found"
    CERTIFICATE_NOT_VALID_IN_MONTH = "certificate_not_valid_in_month"
    VETERAN_GRADE_NOT_COUNTED = "veteran_grade_not_counted"
    VETERAN_UNVERIFIED = "veteran_unverified"
    NOT_WORKING_AGE_IN_MONTH = "not_working_age_in_month"
    WAGE_BELOW_MINIMUM = "wage_below_minimum"
    MINIMUM_WAGE_UNKNOWN = "minimum_wage_unknown"
    CONTRACT_UNDER_ONE_YEAR = "contract_under_one_year"
    SOCIAL_INSURANCE_MISSING = "social_insurance_missing"
    COUNTED_ELSEWHERE = "counted_elsewhere"
    DISPATCH_AGREEMENT_MISSING = "dispatch_agreement_missing"
    DUPLICATE_LINE = "duplicate_line"
    NAME_MISMATCH = "name_mismatch"
    CELL_UNREADABLE = "cell_unreadable"

    @property
    def kind(self) -> ProblemKind:
        """not_counted, warning or error, as the contract's table says."""
        return KINDS[self]


KINDS: dict[ProblemCode, ProblemKind] = {
    ProblemCode.CERTIFICATE_NOT_FOUND: ProblemKind.NOT_COUNTED,
    ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH: ProblemKind.NOT_COUNTED,
    ProblemCode.VETERAN_GRADE_NOT_COUNTED: ProblemKind.NOT_COUNTED,
    ProblemCode.VETERAN_UNVERIFIED: ProblemKind.WARNING,
    ProblemCode.NOT_WORKING_AGE_IN_MONTH: ProblemKind.NOT_COUNTED,
    ProblemCode.WAGE_BELOW_MINIMUM: ProblemKind.NOT_COUNTED,
    ProblemCode.MINIMUM_WAGE_UNKNOWN: ProblemKind.WARNING,
    ProblemCode.CONTRACT_UNDER_ONE_YEAR: ProblemKind.NOT_COUNTED,
    ProblemCode.SOCIAL_INSURANCE_MISSING: ProblemKind.NOT_COUNTED,
    ProblemCode.COUNTED_ELSEWHERE: ProblemKind.NOT_COUNTED,
    ProblemCode.DISPATCH_AGREEMENT_MISSING: ProblemKind.NOT_COUNTED,
    ProblemCode.DUPLICATE_LINE: ProblemKind.ERROR,
    ProblemCode.NAME_MISMATCH: ProblemKind.WARNING,
    ProblemCode.CELL_UNREADABLE: ProblemKind.ERROR,
}

# Messages take %-style fields: `months` (e.g. "2025-01、2025-02"), and per code the rest.
MESSAGES: dict[ProblemCode, Promise] = {
    ProblemCode.CERTIFICATE_NOT_FOUND: _(
        "残疾人证号 %(number)s 在残疾人信息库中没有找到，%(months)s 不计入安排残疾人就业人数。"
    ),
    ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH: _(
        "残疾人证 %(number)s 在 %(months)s 不是有效证件（%(reason)s），这些月份不计入。"
    ),
    ProblemCode.VETERAN_GRADE_NOT_COUNTED: _(
        "残疾军人证等级为 %(grade)s 级，不属于可计入的等级，%(months)s 不计入。"
    ),
    ProblemCode.VETERAN_UNVERIFIED: _(
        "残疾军人证 %(number)s 不在残疾人信息库中，需由残联工作人员核验证件后确认；暂按所填计入。"
    ),
    ProblemCode.NOT_WORKING_AGE_IN_MONTH: _(
        "%(months)s 不在就业年龄段内（%(reason)s），这些月份不计入。"
    ),
    ProblemCode.WAGE_BELOW_MINIMUM: _(
        "%(months)s 的工资低于当地月最低工资标准 %(minimum)s 元，这些月份不计入。"
    ),
    ProblemCode.MINIMUM_WAGE_UNKNOWN: _(
        "系统中没有 %(months)s 当地的月最低工资标准，无法核对工资是否达到最低工资；暂按所填计入。"
    ),
    ProblemCode.CONTRACT_UNDER_ONE_YEAR: _(
        "劳动合同或服务协议期限不足1年（%(start)s 至 %(end)s），%(months)s 不计入。"
    ),
    ProblemCode.SOCIAL_INSURANCE_MISSING: _(
        "%(months)s 未足额缴纳社会保险（不在“社保缴纳月份”中），这些月份不计入。"
    ),
    ProblemCode.COUNTED_ELSEWHERE: _(
        "此人 %(months)s 已计入另一用人单位已提交的申报，同一月份不能重复计入。"
    ),
    ProblemCode.DISPATCH_AGREEMENT_MISSING: _(
        "劳务派遣人员没有约定计入本用工单位的派遣协议，%(months)s 不计入。"
    ),
    ProblemCode.DUPLICATE_LINE: _(
        "证件号码 %(number)s 与第 %(first)s 行重复：同一证件只能申报一次。"
    ),
    ProblemCode.NAME_MISMATCH: _("姓名“%(given)s”与残疾人信息库中该证件持有人的姓名不一致。"),
    ProblemCode.CELL_UNREADABLE: _("无法读取 %(cell)s：%(reason)s"),
}


# The contract's `field` of each problem found on a line (cell_unreadable names its own).
FIELD_OF = {
    ProblemCode.CERTIFICATE_NOT_FOUND: "certificate_number",
    ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH: "certificate_number",
    ProblemCode.VETERAN_GRADE_NOT_COUNTED: "grade",
    ProblemCode.VETERAN_UNVERIFIED: "certificate_number",
    ProblemCode.NOT_WORKING_AGE_IN_MONTH: "certificate_number",
    ProblemCode.WAGE_BELOW_MINIMUM: "wages",
    ProblemCode.MINIMUM_WAGE_UNKNOWN: "wages",
    ProblemCode.CONTRACT_UNDER_ONE_YEAR: "contract_end",
    ProblemCode.SOCIAL_INSURANCE_MISSING: "social_insurance_months",
    ProblemCode.COUNTED_ELSEWHERE: "certificate_number",
    ProblemCode.DISPATCH_AGREEMENT_MISSING: "dispatch",
    ProblemCode.DUPLICATE_LINE: "certificate_number",
    ProblemCode.NAME_MISMATCH: "name",
}


@dataclass(frozen=True)
class Problem:
    """One problem of a check; `months` as `YYYY-MM`."""

    line: int | None
    code: ProblemCode
    where: str = ""  # the field, in the contract's `field`
    months: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> ProblemKind:
        """The code's kind."""
        return self.code.kind

    def message(self) -> str:
        """The message in the active language; its months as people write them
        (`2025年1–6月、9月`), the contract's `months` keeps `YYYY-MM`."""
        values = {"months": months_phrase(self.months), **self.values}
        return str(MESSAGES[self.code]) % {key: str(value) for key, value in values.items()}

    def to_json(self) -> dict[str, Any]:
        """The contract's problem object."""
        return {
            "line": self.line,
            "months": list(self.months),
            "field": self.where,
            "code": self.code.value,
            "kind": self.kind.value,
            "message": self.message(),
        }


def month_spans(months: Iterable[int]) -> str:
    """`[1, 2, 3, 5]` → `1–3月、5月`."""
    spans: list[list[int]] = []
    for month in sorted(set(months)):
        if spans and month == spans[-1][-1] + 1:
            spans[-1].append(month)
        else:
            spans.append([month])
    return "、".join(
        _("%(first)s–%(last)s月") % {"first": span[0], "last": span[-1]}
        if len(span) > 1
        else _("%(month)s月") % {"month": span[0]}
        for span in spans
    )


def months_phrase(months: Iterable[str]) -> str:
    """`["2025-01", "2025-02", "2025-03", "2025-05"]` → `2025年1–3月、5月`, year by year."""
    by_year: dict[str, list[int]] = {}
    for text in months:
        year, _dash, month = text.partition("-")
        by_year.setdefault(year, []).append(int(month))
    return "；".join(
        _("%(year)s年%(months)s") % {"year": year, "months": month_spans(numbers)}
        for year, numbers in sorted(by_year.items())
    )


def unreadable_cell(line: int | None, *, where: str, cell: str, reason: str) -> Problem:
    """A `cell_unreadable` problem: `cell` names the place (`roster[2].wages.2025-01`, or a
    file's row and column), `reason` says why."""
    return Problem(
        line=line,
        code=ProblemCode.CELL_UNREADABLE,
        where=where,
        values={"cell": cell, "reason": reason},
    )
