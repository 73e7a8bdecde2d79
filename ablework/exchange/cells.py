"""Reading one cell of a spreadsheet: text, dates written every way staff write them,
identifiers, choices by their Chinese labels. Each parser returns None for an empty cell and
raises CellProblem with a message in Chinese for a value it cannot accept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from ablework.core.crypto import normalize_identifier
from ablework.core.masking import mask_phone
from ablework.rules.jurisdictions.cn.identifiers import check_unified_social_credit_code

# What calamine hands over (a time or duration only from cells formatted so) or CSV text.
CellValue = str | int | float | bool | date | datetime | time | timedelta | None
Parser = Callable[[CellValue], Any]

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 1927–2119 as serials.
EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (10_000, 80_000)
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_PHONE_SEPARATORS = re.compile(r"[/、,，;；]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


class CellProblem(ValueError):
    """A cell value that cannot be accepted; the message says why, in the active language
    (Chinese unless the user chose English)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: CellValue) -> str:
    """The cell as text: numbers without a trailing `.0`, spaces (also full-width) trimmed."""
    if type(value) is str:  # the common case first
        return value.replace("\u3000", " ").replace("\xa0", " ").strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).replace("\u3000", " ").replace("\xa0", " ").strip()


def folded(text: str) -> str:
    """Text for comparing labels: full-width to half-width (NFKC), no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def text_parser(max_length: int) -> Parser:
    """Free text up to `max_length` characters, kept as typed (shown escaped on pages)."""

    def parse(value: CellValue) -> str | None:
        text = cell_text(value)
        if not text:
            return None
        if _CONTROL.search(text):
            raise CellProblem(_("含有不可见的控制字符，请删除后重新填写"))
        if len(text) > max_length:
            raise CellProblem(
                _("内容过长：最多%(most)s个字，实际%(length)s个字")
                % {"most": max_length, "length": len(text)}
            )
        return text

    return parse


def parse_date(value: CellValue) -> date | None:
    """A date written as a date cell, an Excel serial number, 2024-01-05, 2024/1/5,
    2024.1.5, 2024年1月5日 or 20240105."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = _TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", cell_text(value)))
    if not text:
        return None
    if text.isdigit() and len(text) == 5:
        return _from_serial(int(text))
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if match is None:
        raise CellProblem(
            _("无法识别的日期“%(text)s”：请写成 2024-01-05、2024/1/5 或 2024年1月5日")
            % {"text": text}
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        result = date(year, month, day)
    except ValueError:
        raise CellProblem(_("日期“%(text)s”不存在（请检查月份和日）") % {"text": text}) from None
    if not 1900 <= year <= 2100:
        raise CellProblem(_("日期“%(text)s”的年份不合理") % {"text": text})
    return result


_MONTH_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")


def parse_date_or_month(value: CellValue) -> date | None:
    """A date, or a month (2024-03, 202403, 2024年3月) read as its first day."""
    text = unicodedata.normalize("NFKC", cell_text(value)) if isinstance(value, str) else ""
    match = _MONTH_TEXT.match(text)
    if match is None:
        return parse_date(value)
    year, month = (int(part) for part in (match[1] or match[3], match[2] or match[4]))
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise CellProblem(f"月份“{text}”不存在")
    return date(year, month, 1)


def _from_serial(serial: float) -> date:
    if not SERIAL_RANGE[0] <= serial < SERIAL_RANGE[1]:
        raise CellProblem(
            _("“%(text)s”不是日期：请写成 2024-01-05 这样的格式") % {"text": cell_text(serial)}
        )
    return EXCEL_EPOCH + timedelta(days=int(serial))


# Excel keeps 15 significant digits of a number: a whole number of at most 15 digits stored
# in a number cell is exact, a longer one has lost its end (or had it turned into zeros).
EXACT_DIGITS = 15
# How Excel shows a long number in a cell, and writes it when it saves a CSV: 3.70811E+19.
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?E\+?\d+$")


def excel_shows(number: float) -> str:
    """A number as Excel's General format shows a long one (3.70811E+19), or its digits."""
    if float(number).is_integer() and abs(number) < 10**11:
        return str(int(number))
    mantissa, exponent = f"{float(number):.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent):02d}"


def _number_lost_digits(shown: str) -> CellProblem:
    return CellProblem(
        _(
            "读到的是数字“%(shown)s”：号码被存成了数字，Excel只保留15位有效数字，末尾几位已经丢失；"
            "请把这一列设为“文本”格式后重新填写号码"
        )
        % {"shown": shown}
    )


def parse_identifier(value: CellValue) -> str | None:
    """A resident ID or certificate number as text; full-width digits become half-width.

    A number cell of at most 15 digits is read back exactly (Excel lost nothing); a longer one
    is refused — Excel keeps 15 significant digits, so the end of an 18- or 20-digit number
    typed as a number is already lost — and so is the scientific notation Excel writes for it
    into a CSV (3.70811E+19).
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value < 10**EXACT_DIGITS:
            return str(int(value))
        raise _number_lost_digits(excel_shows(value))
    text = normalize_identifier(cell_text(value).lstrip("'").replace("\t", ""))
    if not text:
        return None
    if _SCIENTIFIC.match(text):
        raise _number_lost_digits(text)
    if "*" in text:
        raise CellProblem(_("号码是脱敏形式（含*），无法导入；请使用完整号码"))
    return text


def identifier_parser(max_length: int) -> Parser:
    """An identifier (parse_identifier) of at most `max_length` characters."""

    def parse(value: CellValue) -> str | None:
        text = parse_identifier(value)
        if text is not None and len(text) > max_length:
            raise CellProblem(
                _("号码过长：最多%(most)s位，读到的有%(length)s位")
                % {"most": max_length, "length": len(text)}
            )
        return text

    return parse


def parse_credit_code(value: CellValue) -> str | None:
    """A unified social credit code (统一社会信用代码, GB 32100: 18 characters with a check
    character), upper-cased, full-width folded, spaces dropped; refused when the check fails."""
    text = folded(cell_text(value)).replace(" ", "").upper()
    if not text:
        return None
    if not check_unified_social_credit_code(text).valid:
        raise CellProblem(
            _("“%(text)s”不是有效的统一社会信用代码（18位，校验位不符）") % {"text": text}
        )
    return text


def choice_parser(labels: Mapping[str, Any], *, what: str, allowed: str) -> Parser:
    """One of a fixed set of values, written as its Chinese label, a common variant or code."""
    table = {folded(label): value for label, value in labels.items()}
    seen: dict[str, Any] = {}  # the texts met so far (a column repeats a few labels)

    def parse(value: CellValue) -> Any:
        text = cell_text(value)
        if not text:
            return None
        if text in seen:
            return seen[text]
        key = folded(text)
        if key not in table:
            raise CellProblem(
                _("%(what)s“%(text)s”不在可选范围内：应为 %(allowed)s")
                % {"what": what, "text": text, "allowed": allowed}
            )
        if len(seen) < 1000:
            seen[text] = table[key]
        return table[key]

    return parse


YES_NO = {
    "是": True,
    "否": False,
    "有": True,
    "无": False,
    "y": True,
    "n": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
    "√": True,
    "×": False,
    "true": True,
    "false": False,
}
parse_yes_no = choice_parser(YES_NO, what="", allowed="“是”或“否”")


def parse_phone(value: CellValue) -> str | None:
    """A mobile (11 digits) or landline number with area code; several separated by “/”."""
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    if not text:
        return None
    numbers = [part for part in _PHONE_SEPARATORS.split(text) if part]
    for number in numbers:
        if not (_MOBILE.match(number) or _LANDLINE.match(number)):
            raise CellProblem(
                f"电话号码“{mask_phone(number)}”格式不对：手机为11位数字，固定电话须带区号（如0537-1234567）"
            )
    return "/".join(numbers)


def parse_region_code(value: CellValue) -> str | None:
    """A region code: 6 digits (county, GB/T 2260), 9 (township) or 12 (village, 统计用区划代码)."""
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    if not text:
        return None
    if not text.isdigit() or len(text) not in (6, 9, 12):
        raise CellProblem(f"区划代码“{text}”应为6位（县级）、9位（乡镇）或12位（村、社区）数字")
    return text


def parse_whole_number(value: CellValue) -> int | None:
    """A whole number, written as a number cell or as digits."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    if not text:
        return None
    if not text.isdigit():
        raise CellProblem(_("“%(text)s”应为整数") % {"text": text})
    return int(text)


_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
# Thousands separators only between groups of three digits: 2,600.00 and 12,345,678 are amounts,
# 2,6 or 2600,50 (a decimal comma?) are not guessed at.
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_amount(value: CellValue) -> Decimal | None:
    """An amount of money in 元: a number cell, or text with thousands separators, a `元` or
    `￥`/`¥` (2,600.00元, 2,600.00 元, ２６００元 → 2600.00). Money stays Decimal; more than
    two decimals is refused."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellProblem(_("应为金额（元）"))
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        written = cell_text(value)
        text = re.sub(r"\s", "", unicodedata.normalize("NFKC", written))
        text = text.removesuffix("元").removeprefix("人民币").lstrip("¥￥")
        if not text:
            return None
        if "," in text:
            if not _GROUPED.match(text):
                raise CellProblem(
                    _(
                        "无法识别的金额“%(text)s”：千位分隔符“,”应每三位一个，"
                        "请写成 2600.00 或 2,600.00元（小数点用“.”）"
                    )
                    % {"text": written}
                )
            text = text.replace(",", "")
        if not _AMOUNT.match(text):
            raise CellProblem(
                _("无法识别的金额“%(text)s”：请写成 2600.00 或 2,600.00元") % {"text": written}
            )
        amount = Decimal(text)
    if amount < 0:
        raise CellProblem(_("金额“%(text)s”不能为负数") % {"text": cell_text(value)})
    try:
        cents = amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than Decimal's context holds
        raise CellProblem(_("金额“%(text)s”过大") % {"text": cell_text(value)}) from None
    if amount != cents:
        raise CellProblem(
            _("金额“%(text)s”最多两位小数（元、角、分）") % {"text": cell_text(value)}
        )
    return cents


def amount_parser(below: Decimal) -> Parser:
    """An amount (parse_amount) smaller than `below` (what the database column can hold)."""

    def parse(value: CellValue) -> Decimal | None:
        amount = parse_amount(value)
        if amount is not None and amount >= below:
            raise CellProblem(
                _("金额“%(text)s”过大（应小于 %(below)s）")
                % {"text": cell_text(value), "below": below}
            )
        return amount

    return parse


_MONTH_ITEM = re.compile(r"^(\d{1,2})月?(?:[-~至到](\d{1,2})月?)?$")
# Dashes people type between two months (NFKC leaves these as they are).
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))


def parse_month_list(value: CellValue) -> frozenset[int] | None:
    """Months of a year written as `1-12`, `1-6,9,10-12`, `1月-12月`, `3、5` (full-width too):
    the set of month numbers; None for an empty cell."""
    if isinstance(value, date | datetime):
        raise CellProblem(
            _(
                "读到的是日期“%(text)s”：Excel把月份（如 1-12）当成了日期；"
                "请把这一列设为“文本”格式后重新填写，如 1-12 或 1月-12月"
            )
            % {"text": cell_text(value)}
        )
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "").translate(_DASHES)
    if not text:
        return None
    months: set[int] = set()
    for item in re.split(r"[,，、;；]", text):
        if not item:
            continue
        match = _MONTH_ITEM.match(item)
        if match is None:
            raise CellProblem(
                _("无法识别的月份“%(text)s”：请写成 1-12、1-6,9,10-12 或 1月-12月") % {"text": item}
            )
        first = int(match[1])
        last = int(match[2] or match[1])
        if not 1 <= first <= last <= 12:
            raise CellProblem(_("月份“%(text)s”不在1–12月之内或起止颠倒") % {"text": item})
        months.update(range(first, last + 1))
    return frozenset(months)
