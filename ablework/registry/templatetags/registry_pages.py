"""Template tags of the registry's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from ablework.core.masking import mask_birth_date

register = template.Library()


@register.filter
def lookup(mapping: dict[str, Any], key: str) -> Any:
    """`mapping|lookup:key` — a value of a dictionary by a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def percent(value: float | None) -> str:
    """0.8734 → "87.3%"; None → "—"."""
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def birth_year(value: date | None) -> str:
    """A birth date as lists and masked pages show it: the year only."""
    return mask_birth_date(value)
