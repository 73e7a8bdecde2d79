"""Template tags of the registry's pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: dict[str, Any], key: str) -> Any:
    """`mapping|lookup:key` — a value of a dictionary by a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def percent(value: float | None) -> str:
    """0.8734 → "87.3%"; None → "—"."""
    return "—" if value is None else f"{value * 100:.1f}%"
