"""How personal values look in lists, exports, the API and the audit trail to people without the
reveal permission: one function per kind of value, used by every view, so no two views show
complementary parts of one value.

A resident ID is 6 region + 8 birth date + 3 sequence + 1 check digit. Masked views show the
region (lists are by region anyway) and the birth year, never the birth date and never a digit
of the tail: what is left unknown (365 days × 500 sequences of the person's sex) keeps every
masked ID, and the certificate number built on it, among more than 1,000 candidates.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

# How much of a resident ID or certificate number masked views keep: the region code.
KEEP_REGION = 6
# How much of an address masked views keep (usually province and city).
KEEP_ADDRESS = 6


def mask_identifier(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """`13812345678` → `1381***5678` (keep_start=4, keep_end=4): the shape for values that do
    not carry a birth date; personal identifiers use `mask_resident_id`/`mask_certificate`."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    tail = value[len(value) - keep_end :]
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + tail


def mask_resident_id(value: str) -> str:
    """`370811199001011234` → `370811************`: the region only."""
    return mask_identifier(value, keep_start=KEEP_REGION, keep_end=0)


def mask_certificate(value: str) -> str:
    """`37081119900101123442` → `370811**************`: the region only (the resident ID with
    category and grade behind it, so nothing of its tail either)."""
    return mask_identifier(value, keep_start=KEEP_REGION, keep_end=0)


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`."""
    return mask_identifier(value, keep_start=3, keep_end=4)


def mask_address(value: str) -> str:
    """Keep the first six characters (usually province and city), hide the rest."""
    if not value:
        return ""
    return value[:KEEP_ADDRESS] + "…" if len(value) > KEEP_ADDRESS else "…"


def mask_free_text(value: str) -> str:
    """Free text may hold health data: masked views say only that something is written."""
    return _("（已填写，需查看权限）") if value else ""


def mask_birth_date(value: date | str | None) -> str:
    """A birth date (or its ISO text, as the audit trail holds it) as masked views show it: the
    year only (`1990`)."""
    return str(value)[:4] if value else ""


# What looks like a personal identifier inside free text (log lines, messages, reasons): a
# certificate number (a resident ID with category and grade digits behind it, GB/T 26341-2010),
# a resident ID (17 digits and a check digit or X, GB 11643-1999), a mobile number (11 digits
# from 13…19) or a landline with its area code (0xx-xxxxxxxx). Digits on either side mean it is
# part of a longer number, which is left alone.
_CERTIFICATE_IN_TEXT = r"\d{17}[\dXx]\d{2}"
_RESIDENT_ID_IN_TEXT = r"\d{17}[\dXx]"
_MOBILE_IN_TEXT = r"1[3-9]\d{9}"
_LANDLINE_IN_TEXT = r"0\d{2,3}-\d{7,8}"
IDENTIFIER_IN_TEXT = re.compile(
    rf"(?<![\d])(?:(?P<certificate>{_CERTIFICATE_IN_TEXT})|(?P<resident_id>{_RESIDENT_ID_IN_TEXT})"
    rf"|(?P<phone>{_MOBILE_IN_TEXT}|{_LANDLINE_IN_TEXT}))(?![\d])"
)


def _mask_match(match: re.Match[str]) -> str:
    if match.group("certificate"):
        return mask_certificate(match.group("certificate"))
    if match.group("resident_id"):
        return mask_resident_id(match.group("resident_id"))
    return mask_phone(match.group("phone"))


def mask_identifiers_in_text(text: str) -> str:
    """Every resident ID, certificate number or phone number inside `text` masked as the views
    mask it (`查无此人 370811199001011234` → `查无此人 370811************`); the rest unchanged.
    For messages, reasons and log lines that may quote what someone typed."""
    if not text:
        return text
    return IDENTIFIER_IN_TEXT.sub(_mask_match, text)


def mask_name(value: str) -> str:
    """`张三丰` → `张**`; used in public or cross-region views only."""
    return value[:1] + "*" * (len(value) - 1) if value else ""
