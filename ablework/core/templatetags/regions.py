"""Template filters naming regions: `{{ person.county_code|region_name }}`."""

from __future__ import annotations

from django import template

from ablework.core import region_names

register = template.Library()


@register.filter
def region_name(code: str | None) -> str:
    """`370811` → `任城区`; `370811002` → `南张街道` (the code when no region has it)."""
    return region_names.region_name(code)


@register.filter
def region_full_name(code: str | None) -> str:
    """`370811002001` → `任城区 南张街道 某社区`: the county and what lies between."""
    return region_names.region_full_name(code)
