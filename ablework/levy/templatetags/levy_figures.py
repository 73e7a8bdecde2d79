"""`{{ amount|money }}`: 元 to the fen with thousands separators (31,752.50); `—` for none."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"
