"""Reading optional values typed into query strings and forms: anything unreadable is "none"."""

from __future__ import annotations

import re
from datetime import date

# A whole number a database integer column can hold (PostgreSQL's and SQLite's 64-bit signed).
LARGEST_STORED_INT = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def date_or_none(raw: str | None) -> date | None:
    """An ISO date (as `<input type=date>` sends it), or None."""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def int_or_none(raw: str | None) -> int | None:
    """A non-negative whole number a database column can hold, or None (`"²"`, 20 digits…)."""
    if not raw or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= LARGEST_STORED_INT else None
