"""Reading optional values typed into query strings and forms: anything unreadable is "none"."""

from __future__ import annotations

from datetime import date


def date_or_none(raw: str | None) -> date | None:
    """An ISO date (as `<input type=date>` sends it), or None."""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def int_or_none(raw: str | None) -> int | None:
    """A non-negative whole number, or None."""
    return int(raw) if raw and raw.isdigit() else None
