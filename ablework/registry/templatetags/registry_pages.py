"""Template tags of the registry's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext as _

from ablework.core.masking import mask_birth_date
from ablework.registry.models import CertificateEvent

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


@register.simple_tag
def certificate_event_changes(event: CertificateEvent) -> str:
    """What a certificate event set, in words: category, grade, number, valid-until."""
    parts = []
    if event.disability_category:
        parts.append(str(event.get_disability_category_display()))
    if event.disability_grade:
        parts.append(str(event.get_disability_grade_display()))
    if event.certificate_masked:
        parts.append(_("证号 %(number)s") % {"number": event.certificate_masked})
    if event.valid_until:
        parts.append(_("有效期至 %(day)s") % {"day": f"{event.valid_until:%Y-%m-%d}"})
    return "，".join(parts) or "—"
