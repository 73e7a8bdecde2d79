"""Identifiers: resident ID (GB 11643), disability certificate number, USCC (GB 32100), region code.

The check-digit weights are fixed by the standards (not policy figures), so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.regions import resolve_region
from ablework.rules.engine.text import Text

# GB 11643-1999 §8.2 (rules spec R7.2 [V]).
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARACTERS = "10X98765432"
_RESIDENT_ID_FORM = re.compile(r"\d{17}[\dX]")
# 第二代残疾人证号: 18-character ID + category 1–7 + grade 1–4 (rules spec R7.1 [S]).
CERTIFICATE_PATTERN = re.compile(r"^(\d{17}[\dX])([1-7])([1-4])$")
CATEGORY_NAMES = {
    1: Text("视力", "visual"),
    2: Text("听力", "hearing"),
    3: Text("言语", "speech"),
    4: Text("肢体", "physical"),
    5: Text("智力", "intellectual"),
    6: Text("精神", "mental"),
    7: Text("多重", "multiple"),
}
# GB 32100-2015: 31 characters (no I, O, Z, S, V), weights 3^i mod 31 [K].
USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997 organisation code inside the USCC (characters 9–17) [K].
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _resident_id_sum(first17: str) -> int:
    """S = Σ aᵢ×Wᵢ over the first 17 digits (GB 11643 §8.2)."""
    if len(first17) != len(RESIDENT_ID_WEIGHTS):
        raise ValueError(f"17 digits expected, got {len(first17)}")
    return sum(map(mul, map(int, first17), RESIDENT_ID_WEIGHTS))


def resident_id_check_digit(first17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    return RESIDENT_ID_CHECK_CHARACTERS[_resident_id_sum(first17) % 11]


def _credit_code_sum(first17: str) -> int:
    """Σ code value × Wᵢ over the first 17 characters of a credit code (GB 32100)."""
    return sum(
        USCC_CHARACTERS.index(character) * weight
        for character, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )


def credit_code_check_character(first17: str) -> str:
    """GB 32100 check character of the first 17 characters of a credit code."""
    return _credit_code_check_character(_credit_code_sum(first17))


def _credit_code_check_character(total: int) -> str:
    """The check character for a GB 32100 weighted sum."""
    return USCC_CHARACTERS[(31 - total % 31) % 31]


def organisation_code_check_character(first8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(
        int(character, 36) * weight
        for character, weight in zip(first8, ORGANISATION_CODE_WEIGHTS, strict=True)
    )
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


@dataclass
class Problem:
    """One reason an identifier is not valid."""

    code: str
    message: Text


@dataclass
class ResidentIdCheck:
    """The result of checking a resident ID number."""

    number: str
    expected_check_digit: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    region_code: str | None = None
    errors: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Valid when no problem was found."""
        return not self.errors


def check_resident_id(number: str, ctx: Evaluation | None = None) -> ResidentIdCheck:
    """GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence (odd male), check digit."""
    text = number.strip().upper()
    result = ResidentIdCheck(text)
    if not _RESIDENT_ID_FORM.fullmatch(text):
        result.errors.append(
            Problem(
                "format", Text("应为17位数字加1位校验码（数字或X）", "17 digits and a check digit")
            )
        )
        return result
    total = _resident_id_sum(text[:17])
    result.expected_check_digit = RESIDENT_ID_CHECK_CHARACTERS[total % 11]
    if ctx is not None:
        ctx.record(
            "check_digit",
            Text("校验码", "check digit"),
            result.expected_check_digit,
            Text(
                zh=f"GB 11643：S = Σ aᵢ×Wᵢ = {total}，S mod 11 = {total % 11}，"
                f'校验码 = "10X98765432"[{total % 11}] = {result.expected_check_digit}',
                en=f"GB 11643: S = Σ aᵢ×Wᵢ = {total}, S mod 11 = {total % 11}, "
                f'check = "10X98765432"[{total % 11}] = {result.expected_check_digit}',
            ),
        )
    if text[17] != result.expected_check_digit:
        result.errors.append(
            Problem(
                "check_digit",
                Text(
                    f"校验码应为 {result.expected_check_digit}，实际为 {text[17]}",
                    f"check digit should be {result.expected_check_digit}, got {text[17]}",
                ),
            )
        )
    _birth_and_region(result, text)
    result.sex = "male" if int(text[16]) % 2 else "female"
    return result


def _birth_and_region(result: ResidentIdCheck, text: str) -> None:
    """Parse the birth date and region code; only an unknown province is an error (codes change)."""
    try:
        result.birth_date = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        result.errors.append(Problem("birth_date", Text("出生日期无效", "invalid birth date")))
    result.region_code = text[:6]
    try:
        resolve_region(text[:2])
    except RuleError:
        result.errors.append(
            Problem("region_code", Text(f"省级代码 {text[:2]} 不存在", f"no province {text[:2]}"))
        )


@dataclass
class CertificateCheck:
    """The result of parsing a disability certificate number."""

    number: str
    resident_id: ResidentIdCheck | None = None
    category: int | None = None
    grade: int | None = None
    severe: bool | None = None
    quota_weight: int | None = None
    errors: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Valid when no problem was found, including in the embedded resident ID."""
        return not self.errors


def check_disability_certificate(number: str, ctx: Evaluation) -> CertificateCheck:
    """20 characters: resident ID, category 1–7, grade 1–4; weight by the levy rules."""
    text = number.strip().upper()
    result = CertificateCheck(text)
    match = CERTIFICATE_PATTERN.match(text)
    if not match:
        result.errors.append(
            Problem(
                "format",
                Text(
                    "应为20位：18位身份证号 + 类别(1–7) + 等级(1–4)",
                    "20 characters: 18-character resident ID + category (1-7) + grade (1-4)",
                ),
            )
        )
        return result
    result.resident_id = check_resident_id(match[1], ctx)
    result.errors.extend(result.resident_id.errors)
    result.category, result.grade = int(match[2]), int(match[3])
    result.severe = result.grade in ctx.value("levy.severe_disability_grades")
    result.quota_weight = ctx.integer("levy.severe_weight") if result.severe else 1
    ctx.record(
        "quota_weight",
        Text("按比例就业计算人数", "quota weight"),
        str(result.quota_weight),
        Text(
            zh=f"类别 {result.category}（{CATEGORY_NAMES[result.category].zh}），"
            f"等级 {result.grade}："
            f"{'重度，' if result.severe else ''}按 {result.quota_weight} 人计算",
            en=f"category {result.category} ({CATEGORY_NAMES[result.category].en}), grade "
            f"{result.grade}: {'severe, ' if result.severe else ''}counts as {result.quota_weight}",
        ),
    )
    return result


@dataclass
class CreditCodeCheck:
    """The result of checking a unified social credit code."""

    code: str
    expected_check_character: str | None = None
    region_code: str | None = None
    organisation_code: str | None = None
    errors: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Valid when no problem was found."""
        return not self.errors


def check_unified_social_credit_code(code: str, ctx: Evaluation | None = None) -> CreditCodeCheck:
    """GB 32100: 18 characters; the last is 31 − (Σ value × 3^i mod 31) mod 31 over the first 17."""
    text = code.strip().upper()
    result = CreditCodeCheck(text)
    if len(text) != 18 or any(character not in USCC_CHARACTERS for character in text):
        result.errors.append(
            Problem(
                "format", Text("应为18位（数字与不含I、O、Z、S、V的大写字母）", "18 characters")
            )
        )
        return result
    total = _credit_code_sum(text[:17])
    result.expected_check_character = _credit_code_check_character(total)
    result.region_code, result.organisation_code = text[2:8], text[8:17]
    if ctx is not None:
        ctx.record(
            "check_character",
            Text("校验码", "check character"),
            result.expected_check_character,
            Text(
                zh=f"GB 32100：Σ 代码值×权重 = {total}，31 − {total % 31} → "
                f"{result.expected_check_character}",
                en=f"GB 32100: Σ value×weight = {total}, 31 − {total % 31} → "
                f"{result.expected_check_character}",
            ),
        )
    if text[17] != result.expected_check_character:
        result.errors.append(
            Problem(
                "check_character",
                Text(
                    f"校验码应为 {result.expected_check_character}，实际为 {text[17]}",
                    f"check character should be {result.expected_check_character}, got {text[17]}",
                ),
            )
        )
    _check_organisation_code(result, text[8:17])
    return result


def _check_organisation_code(result: CreditCodeCheck, code: str) -> None:
    """GB 11714: the embedded 9-character organisation code has its own check character."""
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        result.errors.append(
            Problem("organisation_code", Text("组织机构代码格式错误", "bad format"))
        )
        return
    expected = organisation_code_check_character(code[:8])
    if code[8] != expected:
        result.errors.append(
            Problem(
                "organisation_code",
                Text(
                    f"组织机构代码校验码应为 {expected}",
                    f"organisation code check should be {expected}",
                ),
            )
        )
