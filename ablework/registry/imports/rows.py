"""Checking one row of a registry file on its own: every cell, then the identifiers and what
they must agree with. What depends on the registry (an existing record, the county) is checked
per chunk by the planner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ablework.core.crypto import lookup_hash
from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CellChecker, CheckedRow
from ablework.registry.identity import read_certificate, read_resident_id
from ablework.registry.imports.catalog import PERSON_CATALOG
from ablework.rules.jurisdictions.cn.retirement import CATEGORIES

COMMUNICATION_WORDS = {
    "needs_sign_language": ("手语",),
    "needs_braille_or_large_print": ("盲文", "大字"),
    "needs_easy_read": ("易读",),
}


@dataclass
class PersonRow(CheckedRow):
    """A checked row of a registry file; for a row with a valid ID, the ID's lookup hash and
    the birth date and sex it carries."""

    resident_id_hash: str = ""
    birth_date: date | None = None
    sex: str = ""


class PersonRowChecker(CellChecker):
    """Checks the rows of one registry file; the header's columns and parsers are worked out
    once."""

    row_type = PersonRow

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, PERSON_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        """The name, the identifiers, the retirement age, the dates and the regions."""
        assert isinstance(checked, PersonRow)
        label, ctx = self.label, self.ctx
        if "name" not in checked.values and not _has_problem(checked, label("name")):
            checked.problem(label("name"), "姓名不能为空")
        _check_identity(checked, label, ctx)
        _check_retirement_age(checked, label)
        _check_dates(checked, label, ctx)
        for key in ("household_region_code", "residence_region_code"):
            code = checked.values.get(key)
            problem = ctx.region_problem(code) if code else None
            if problem:
                checked.problem(label(key), problem)
        _read_communication(checked)


def _has_problem(checked: CheckedRow, column: str) -> bool:
    return any(label == column for label, _ in checked.problems)


def _check_identity(checked: PersonRow, label: Any, ctx: ImportContext) -> None:
    resident_id = checked.values.get("resident_id")
    column = label("resident_id")
    if resident_id is None:
        if not _has_problem(checked, column):
            checked.problem(column, "公民身份号码不能为空")
        return
    reading = read_resident_id(resident_id, on=ctx.today)
    if reading.problem is not None:
        checked.problem(column, reading.problem)
        return
    assert reading.birth_date is not None
    assert reading.sex is not None
    checked.birth_date, checked.sex = reading.birth_date, reading.sex
    _cross_check(checked, label)
    _check_certificate(checked, label, resident_id, ctx.today)
    if not checked.rejected:
        checked.resident_id_hash = lookup_hash(resident_id)  # the one HMAC of this ID


def _cross_check(checked: PersonRow, label: Any) -> None:
    """Sex and birth date, when the file gives them, must be what the ID says."""
    sex = checked.values.get("sex")
    if sex is not None and sex != checked.sex:
        checked.problem(label("sex"), "性别与公民身份号码不符（号码第17位奇数为男、偶数为女）")
    birth_date = checked.values.get("birth_date")
    if birth_date is not None and birth_date != checked.birth_date:
        checked.problem(
            label("birth_date"),
            f"出生日期与公民身份号码不符（号码中为 {checked.birth_date:%Y-%m-%d}）",
        )


def _check_certificate(checked: PersonRow, label: Any, resident_id: str, today: date) -> None:
    """The certificate is the ID + category + grade; its digits must agree with the columns."""
    number = checked.values.get("certificate_number")
    if number is None:
        return
    reading = read_certificate(number, resident_id=resident_id, on=today)
    if reading.problem is not None:
        checked.problem(label("certificate_number"), reading.problem)
        return
    for key, digit in (
        ("disability_category", reading.category),
        ("disability_grade", reading.grade),
    ):
        written = checked.values.setdefault(key, digit)
        if written != digit:
            what = "残疾类别" if key == "disability_category" else "残疾等级"
            checked.problem(label(key), f"{what}与残疾人证号中的代码（{digit}）不一致")


def _check_retirement_age(checked: PersonRow, label: Any) -> None:
    age = checked.values.get("retirement_base_age")
    if age is None or not checked.sex:
        return
    allowed = sorted(base for (sex, base) in CATEGORIES if sex == checked.sex)
    if age not in allowed:
        who = "男性" if checked.sex == "male" else "女性"
        checked.problem(
            label("retirement_base_age"),
            f"{who}的原法定退休年龄应为 {'或'.join(map(str, allowed))}，实际为 {age}",
        )


def _check_dates(checked: PersonRow, label: Any, ctx: ImportContext) -> None:
    verified = checked.values.get("last_verified_on")
    if verified is not None and verified > ctx.today:
        checked.problem(label("last_verified_on"), "核实日期不能晚于今天")
    valid_until = checked.values.get("certificate_valid_until")
    if valid_until is not None and checked.birth_date and valid_until < checked.birth_date:
        checked.problem(label("certificate_valid_until"), "证件有效期早于出生日期")
    issued = checked.values.get("certificate_issued_on")
    if issued is not None:
        if issued > ctx.today:
            checked.problem(label("certificate_issued_on"), "发证日期不能晚于今天")
        elif checked.birth_date and issued < checked.birth_date:
            checked.problem(label("certificate_issued_on"), "发证日期早于出生日期")
        elif valid_until is not None and valid_until < issued:
            checked.problem(label("certificate_valid_until"), "证件有效期早于发证日期")


def _read_communication(checked: PersonRow) -> None:
    """“手语、大字” → the needs it names (the others not needed); the rest stays as a note."""
    text = checked.values.pop("communication", None)
    if text is None:
        return
    notes = text
    for field_name, words in COMMUNICATION_WORDS.items():
        checked.values[field_name] = any(word in text for word in words)
        for word in words:
            notes = notes.replace(word, "")
    notes = notes.replace("材料", "")
    checked.values["communication_notes"] = "、".join(
        part for part in re.split(r"[、,，;；/\s]+", notes) if part and part != "或"
    )
