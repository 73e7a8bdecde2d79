"""Template tags of the registry's pages."""

from __future__ import annotations

from typing import Any

from django import template

from ablework.accounts.roles import Permission

register = template.Library()


@register.simple_tag(takes_context=True)
def registry_permissions(context: dict[str, Any]) -> dict[str, bool]:
    """Which registry pages the signed-in user can use, for the section navigation."""
    user = context["request"].user
    return {
        "edit": user.has_named_permission(Permission.PERSONS_EDIT),
        "supervise": user.has_named_permission(Permission.PERSONS_SUPERVISE),
    }


@register.filter
def lookup(mapping: dict[str, Any], key: str) -> Any:
    """`mapping|lookup:key` — a value of a dictionary by a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def percent(value: float | None) -> str:
    """0.8734 → "87.3%"; None → "—"."""
    return "—" if value is None else f"{value * 100:.1f}%"
