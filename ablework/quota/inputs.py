"""A declaration as the services take it (typed, frozen), and reading the contract's JSON into it.

Whatever stops the declaration being understood as a whole (no employer, no year, a headcount
that is neither `monthly` nor `annual_average`) is `UnreadableDeclaration`, naming the path: the
command exits 2. A value of one roster line that cannot be read (a date, an amount, a month) is a
`cell_unreadable` problem of that line instead, so every other line is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import MAXYEAR, date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ablework.core.errors import Invalid
from ablework.core.text_input import readable_text
from ablework.exchange.cells import CellProblem, parse_amount, parse_date, parse_identifier
from ablework.quota.models import (
    CertificateKind,
    Declaration,
    DispatchAssignment,
    EmploymentForm,
    LineMonth,
    RosterLine,
)
from ablework.quota.problems import Problem, unreadable_cell

MONTHS_IN_YEAR = 12


def field_length(model: type[RosterLine], name: str) -> int:
    """The longest text a field stores (a longer one is refused while reading, not by the
    database at submission)."""
    length = getattr(model._meta.get_field(name), "max_length", None)
    assert isinstance(length, int)
    return length


def _length(name: str) -> int:
    return field_length(RosterLine, name)


def largest_amount(model: type[Declaration] | type[LineMonth], name: str) -> Decimal:
    """The first amount a decimal field cannot store (max_digits and decimal_places)."""
    field = model._meta.get_field(name)
    return Decimal(10) ** (field.max_digits - field.decimal_places)  # type: ignore[union-attr]


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class UnreadableDeclaration(ValueError):
    """The declaration cannot be read as a whole; the message names the path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class Headcount:
    """在职职工人数: twelve monthly counts, or the annual average."""

    monthly: tuple[int, ...] | None = None
    annual_average: Decimal | None = None

    def average(self) -> Decimal:
        """The annual average (the monthly counts' mean, unrounded to 2 places here)."""
        if self.monthly is not None:
            return Decimal(sum(self.monthly)) / MONTHS_IN_YEAR
        assert self.annual_average is not None
        return self.annual_average

    def to_json(self) -> dict[str, Any]:
        """The rules engine's `headcount` object."""
        if self.monthly is not None:
            return {"monthly": list(self.monthly)}
        return {"annual_average": format(self.annual_average, "f")}


@dataclass(frozen=True, kw_only=True)
class DispatchInput:
    agency: str = ""
    agreement_assigns_to: str | None = None  # "host", "agency" or None (no agreement)


@dataclass(frozen=True, kw_only=True)
class LineInput:
    """One roster line; months are 1–12 of the levy year."""

    line: int
    certificate_kind: str = CertificateKind.DISABILITY
    certificate_number: str = ""
    name: str = ""
    grade: int | None = None
    resident_id: str = ""
    employment_form: str = EmploymentForm.LABOUR_CONTRACT
    contract_start: date | None = None
    contract_end: date | None = None
    post: str = ""
    wages: dict[int, Decimal] = field(default_factory=dict)
    social_insurance_months: frozenset[int] = frozenset()
    dispatch: DispatchInput | None = None


@dataclass(frozen=True, kw_only=True)
class DeclarationInput:
    employer: str  # the unified social credit code
    levy_year: int
    headcount: Headcount
    wage_total: Decimal
    roster: tuple[LineInput, ...] = ()
    # cell_unreadable problems found while reading the roster
    unreadable: tuple[Problem, ...] = ()
    # what reading a roster file noticed that stops nothing (a column it does not know)
    notices: tuple[str, ...] = ()
    # What to add to a line's index for the number people read in a message: the JSON's and a
    # stored roster's 0-based index is the 1st line; a file's lines are already the rows Excel
    # shows (read_roster gives 0).
    line_shown_offset: int = 1


def month_text(levy_year: int, month: int) -> str:
    """`2025-01`."""
    return f"{levy_year:04d}-{month:02d}"


def read_declaration(payload: Any) -> DeclarationInput:
    """The contract's declaration JSON (already parsed) as a DeclarationInput."""
    if not isinstance(payload, dict):
        raise UnreadableDeclaration("(declaration)", _("应为 JSON 对象"))
    employer = payload.get("employer")
    if not isinstance(employer, str) or not employer.strip():
        raise UnreadableDeclaration("employer", _("应为用人单位的统一社会信用代码"))
    levy_year = payload.get("levy_year")
    if (
        not isinstance(levy_year, int)
        or isinstance(levy_year, bool)
        or not 2000 <= levy_year < MAXYEAR
    ):
        raise UnreadableDeclaration("levy_year", _("应为费款所属年度，如 2025"))
    headcount = _headcount(payload.get("headcount"))
    wage_total = amount_of(
        payload.get("wage_total"), "wage_total", below=largest_amount(Declaration, "wage_total")
    )
    roster = payload.get("roster", [])
    if not isinstance(roster, list):
        raise UnreadableDeclaration("roster", _("应为数组（每名残疾职工一项）"))
    lines: list[LineInput] = []
    problems: list[Problem] = []
    for index, item in enumerate(roster):
        if not isinstance(item, dict):
            raise UnreadableDeclaration(f"roster[{index}]", _("应为 JSON 对象"))
        line, found = _line(index, item, levy_year)
        lines.append(line)
        problems.extend(found)
    return DeclarationInput(
        employer=employer.strip().upper(),
        levy_year=levy_year,
        headcount=headcount,
        wage_total=wage_total,
        roster=tuple(lines),
        unreadable=tuple(problems),
    )


def _headcount(raw: Any) -> Headcount:
    if not isinstance(raw, dict) or ("monthly" in raw) == ("annual_average" in raw):
        raise UnreadableDeclaration(
            "headcount", _("应给出 monthly（12个月的人数）或 annual_average（年平均人数）之一")
        )
    headcount_ceiling = largest_amount(Declaration, "headcount_annual_average")
    if "monthly" in raw:
        monthly = raw["monthly"]
        if (
            not isinstance(monthly, list)
            or len(monthly) != MONTHS_IN_YEAR
            or not all(
                isinstance(n, int) and not isinstance(n, bool) and 0 <= n < headcount_ceiling
                for n in monthly
            )
        ):
            raise UnreadableDeclaration("headcount.monthly", _("应为12个非负整数（1月至12月）"))
        return Headcount(monthly=tuple(monthly))
    return Headcount(
        annual_average=amount_of(
            raw["annual_average"], "headcount.annual_average", below=headcount_ceiling
        )
    )


def amount_of(raw: Any, path: str, *, below: Decimal | None = None) -> Decimal:
    if not isinstance(raw, str):
        raise UnreadableDeclaration(path, _('应为字符串形式的金额，如 "16320000.00"'))
    try:
        amount = parse_amount(raw)
    except CellProblem as problem:
        raise UnreadableDeclaration(path, problem.message) from None
    if amount is None:
        raise UnreadableDeclaration(path, _("不能为空"))
    if below is not None and abs(amount) >= below:
        raise UnreadableDeclaration(path, _("金额过大（应小于 %(limit)s）") % {"limit": below})
    return amount


class _Line:
    """Reads one roster item, collecting a cell_unreadable problem per value it cannot read."""

    def __init__(self, index: int, item: dict[str, Any], levy_year: int) -> None:
        self.index = index
        self.item = item
        self.levy_year = levy_year
        self.problems: list[Problem] = []

    def unreadable(self, key: str, reason: str) -> None:
        cell = f"roster[{self.index}].{key}"
        self.problems.append(unreadable_cell(self.index, where=key, cell=cell, reason=reason))

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.item.get(key)
        if value is None or value == "":
            if required:
                self.unreadable(key, _("不能为空"))
            return ""
        if not isinstance(value, str):
            self.unreadable(key, _("应为字符串"))
            return ""
        return self.stored(key, value.strip(), max_length)

    def stored(self, key: str, value: str, max_length: int | None) -> str:
        """The text, or "" with a cell_unreadable problem when it is too long to store or holds
        a character no one types (NUL among them, which PostgreSQL refuses)."""
        if max_length is not None and len(value) > max_length:
            self.unreadable(key, _("不能超过 %(length)s 个字符") % {"length": max_length})
            return ""
        try:
            return readable_text(value, field=key, label=key)
        except Invalid as problem:
            self.unreadable(key, problem.message)
            return ""

    def choice(self, key: str, allowed: type[Any], default: str) -> str:
        value = self.item.get(key)
        if value is None:
            return default
        if value not in allowed.values:
            self.unreadable(
                key, _("应为 %(allowed)s 之一") % {"allowed": ", ".join(allowed.values)}
            )
            return default
        return str(value)

    def date(self, key: str) -> date | None:
        value = self.item.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.unreadable(key, _("应为日期字符串，如 2024-03-01"))
            return None
        try:
            return parse_date(value)
        except CellProblem as problem:
            self.unreadable(key, problem.message)
            return None

    def month(self, key: str, raw: Any) -> int | None:
        match = _MONTH.match(raw) if isinstance(raw, str) else None
        if match is None or not 1 <= int(match[2]) <= MONTHS_IN_YEAR:
            self.unreadable(key, _("“%(value)s”不是 YYYY-MM 形式的月份") % {"value": raw})
            return None
        if int(match[1]) != self.levy_year:
            self.unreadable(
                key,
                _("%(value)s 不在费款所属年度 %(year)s 内")
                % {"value": raw, "year": self.levy_year},
            )
            return None
        return int(match[2])


def _line(index: int, item: dict[str, Any], levy_year: int) -> tuple[LineInput, list[Problem]]:
    read = _Line(index, item, levy_year)
    kind = read.choice("certificate_kind", CertificateKind, CertificateKind.DISABILITY)
    number = ""
    raw_number = item.get("certificate_number")
    if isinstance(raw_number, int) and not isinstance(raw_number, bool):
        raw_number = str(raw_number)  # a number given as a number: read its digits
    try:
        number = parse_identifier(raw_number) or ""
    except CellProblem as problem:
        read.unreadable("certificate_number", problem.message)
    number = read.stored("certificate_number", number, _length("certificate_masked"))
    if not number and not any(p.where == "certificate_number" for p in read.problems):
        read.unreadable("certificate_number", _("不能为空"))
    grade: int | None = None
    resident_id = ""
    if kind == CertificateKind.VETERAN:
        raw_grade = item.get("grade")
        if (
            not isinstance(raw_grade, int)
            or isinstance(raw_grade, bool)
            or not 1 <= raw_grade <= 10
        ):
            read.unreadable("grade", _("残疾军人证应填写等级 1–10"))
        else:
            grade = raw_grade
        resident_id = normalize(
            read.text("resident_id", required=True, max_length=_length("resident_id_masked"))
        )
    wages: dict[int, Decimal] = {}
    raw_wages = item.get("wages") or {}
    if not isinstance(raw_wages, dict):
        read.unreadable("wages", _('应为对象：{"2025-01": "2600.00", …}'))
        raw_wages = {}
    wage_ceiling = largest_amount(LineMonth, "wage")
    for key, raw in raw_wages.items():
        month = read.month(f"wages.{key}", key)
        if month is None:
            continue
        try:
            amount = parse_amount(raw) if isinstance(raw, str) else None
        except CellProblem as problem:
            read.unreadable(f"wages.{key}", problem.message)
            continue
        if amount is None:
            read.unreadable(f"wages.{key}", _('应为字符串形式的金额，如 "2600.00"'))
            continue
        if abs(amount) >= wage_ceiling:
            read.unreadable(
                f"wages.{key}", _("金额过大（应小于 %(limit)s）") % {"limit": wage_ceiling}
            )
            continue
        wages[month] = amount
    insured: set[int] = set()
    raw_months = item.get("social_insurance_months") or []
    if not isinstance(raw_months, list):
        read.unreadable("social_insurance_months", _('应为月份数组，如 ["2025-01"]'))
        raw_months = []
    for position, raw in enumerate(raw_months):
        month = read.month(f"social_insurance_months[{position}]", raw)
        if month is not None:
            insured.add(month)
    dispatch = _dispatch(read, item.get("dispatch"))
    line = LineInput(
        line=index,
        certificate_kind=kind,
        certificate_number=number,
        name=read.text("name", required=True, max_length=_length("name")),
        grade=grade,
        resident_id=resident_id,
        employment_form=read.choice(
            "employment_form", EmploymentForm, EmploymentForm.LABOUR_CONTRACT
        ),
        contract_start=read.date("contract_start"),
        contract_end=read.date("contract_end"),
        post=read.text("post", max_length=_length("post")),
        wages=wages,
        social_insurance_months=frozenset(insured),
        dispatch=dispatch,
    )
    return line, read.problems


def normalize(text: str) -> str:
    """An identifier as the registry compares it (half-width, upper case)."""
    try:
        return parse_identifier(text) or ""
    except CellProblem:
        return text


def _dispatch(read: _Line, raw: Any) -> DispatchInput | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        read.unreadable("dispatch", _('应为 null 或 {"agency": …, "agreement_assigns_to": …}'))
        return None
    assigns = raw.get("agreement_assigns_to")
    if assigns is not None and assigns not in DispatchAssignment.values:
        read.unreadable("dispatch.agreement_assigns_to", _("应为 host、agency 或 null"))
        assigns = None
    agency = raw.get("agency") or ""
    if not isinstance(agency, str):
        read.unreadable("dispatch.agency", _("应为派遣单位的统一社会信用代码"))
        agency = ""
    agency = read.stored("dispatch.agency", agency.strip().upper(), _length("dispatch_agency"))
    return DispatchInput(agency=agency, agreement_assigns_to=assigns)
