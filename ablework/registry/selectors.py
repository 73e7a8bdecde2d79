"""Reads of the registry: search, filters and lists, always on an already-scoped queryset."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.core.regions import code_range
from ablework.registry.models import Person

_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_CERTIFICATE_PATTERN = re.compile(r"^\d{17}[\dX][1-7][1-4]")

LIST_FIELDS = (
    "id",
    "name",
    "sex",
    "birth_date",
    "resident_id_masked",
    "certificate_masked",
    "disability_category",
    "disability_grade",
    "county_code",
    "township_code",
    "employment_status",
)


def is_identifier_query(text: str) -> bool:
    """Whether a search text is a resident ID or certificate number (searched exactly)."""
    normalized = normalize_identifier(text.strip())
    return bool(_ID_PATTERN.match(normalized) or _CERTIFICATE_PATTERN.match(normalized))


@dataclass(frozen=True)
class PersonFilters:
    query: str = ""
    region_prefix: str = ""
    disability_category: int | None = None
    disability_grade: int | None = None
    employment_status: str = ""


def search_persons(*, persons: QuerySet[Person], filters: PersonFilters) -> QuerySet[Person]:
    """Filter a scoped queryset: exact ID/certificate (via the HMAC column) or name, plus facets."""
    result = persons.only(*LIST_FIELDS)
    text = normalize_identifier(filters.query.strip())
    if text:
        if _ID_PATTERN.match(text):
            result = result.filter(resident_id_hash=lookup_hash(text))
        elif _CERTIFICATE_PATTERN.match(text):
            result = result.filter(certificate_hash=lookup_hash(text))
        else:
            result = result.filter(name__startswith=filters.query.strip())
    if filters.region_prefix:
        low, high = code_range(filters.region_prefix)
        result = result.filter(county_code__gte=low, county_code__lt=high)
    if filters.disability_category:
        result = result.filter(disability_category=filters.disability_category)
    if filters.disability_grade:
        result = result.filter(disability_grade=filters.disability_grade)
    if filters.employment_status:
        result = result.filter(employment_status=filters.employment_status)
    return result
