"""Text typed or sent by people, refused before it reaches a query when no database can store it."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ablework.core.errors import Invalid

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _unreadable(character: str) -> bool:
    """Control characters (NUL among them: PostgreSQL refuses it), lone surrogates and Unicode's
    noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF: U+10FFFF has no successor to bound a prefix
    range). Unassigned code points stay allowed: newer CJK extensions carry rare name characters."""
    point = ord(character)
    if 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE:
        return True
    return unicodedata.category(character) in {"Cc", "Cs"}


def readable_text(text: str, *, field: str, label: StrOrPromise) -> str:
    """The text itself, or Invalid (400) for `field` when it holds a character no one types."""
    if any(_unreadable(character) for character in text):
        raise Invalid(
            _("%(label)s中含有无法识别的字符（控制字符或非字符），请删去后重试。")
            % {"label": label},
            field=field,
        )
    return text
