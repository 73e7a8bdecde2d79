"""Finding persons by name or exact identifier, and by filters, on an already-scoped queryset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.core.scoping import code_range
from ablework.core.text_input import readable_text
from ablework.registry.models import Person, PersonFlag
from ablework.registry.selectors.working_age import age_band_q, working_age_bounds, working_age_q

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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
    "certificate_status",
    "last_verified_on",
)

# Age bands of the registry's reports, in full years: (key, label, youngest, oldest or None).
AGE_BANDS: tuple[tuple[str, StrPromise, int, int | None], ...] = (
    ("0-15", _("16岁以下"), 0, 15),
    ("16-24", _("16–24岁"), 16, 24),
    ("25-34", _("25–34岁"), 25, 34),
    ("35-44", _("35–44岁"), 35, 44),
    ("45-54", _("45–54岁"), 45, 54),
    ("55-59", _("55–59岁"), 55, 59),
    ("60-", _("60岁及以上"), 60, None),
)
_AGE_BAND_LIMITS = {key: (youngest, oldest) for key, _label, youngest, oldest in AGE_BANDS}


def is_identifier_query(text: str) -> bool:
    """Whether a search text is a resident ID or certificate number (searched exactly)."""
    normalized = normalize_identifier(text.strip())
    return bool(_ID_PATTERN.match(normalized) or _CERTIFICATE_PATTERN.match(normalized))


@dataclass(frozen=True)
class PersonFilters:
    """What to look for. `on` is the day ages and working age are computed for (today if None);
    `jurisdiction` the region code whose rules apply (the national rules when empty)."""

    query: str = ""
    region_prefix: str = ""
    disability_category: int | None = None
    disability_grade: int | None = None
    employment_status: str = ""
    township_code: str = ""
    age_band: str = ""
    open_flag: str = ""
    certificate_status: str = ""
    urban_rural: str = ""
    working_age: bool | None = None
    include_merged: bool = False
    on: date | None = None
    jurisdiction: str = ""


def search_persons(*, persons: QuerySet[Person], filters: PersonFilters) -> QuerySet[Person]:
    """Filter a scoped queryset: exact ID/certificate (via the HMAC column) or name, plus facets.

    Records merged into another are left out unless asked for.
    """
    result = persons.only(*LIST_FIELDS)
    if not filters.include_merged:
        result = result.filter(merged_into__isnull=True)
    result = result.filter(_text_q(filters.query))
    if filters.region_prefix:
        result = result.filter(region_q(filters.region_prefix))
    exact = {
        "township_code": filters.township_code,
        "disability_category": filters.disability_category,
        "disability_grade": filters.disability_grade,
        "employment_status": filters.employment_status,
        "certificate_status": filters.certificate_status,
        "urban_rural": filters.urban_rural,
    }
    result = result.filter(**{field: value for field, value in exact.items() if value})
    return _filter_by_circumstances(result, filters)


def _filter_by_circumstances(result: QuerySet[Person], filters: PersonFilters) -> QuerySet[Person]:
    on = filters.on or timezone.localdate()
    if filters.age_band in _AGE_BAND_LIMITS:
        youngest, oldest = _AGE_BAND_LIMITS[filters.age_band]
        result = result.filter(age_band_q(on=on, youngest=youngest, oldest=oldest))
    if filters.working_age is not None:
        bounds = working_age_bounds(on=on, jurisdiction=filters.jurisdiction)
        condition = working_age_q(bounds)
        result = result.filter(condition if filters.working_age else ~condition)
    if filters.open_flag:
        flagged = PersonFlag.objects.filter(kind=filters.open_flag, ended_on__isnull=True)
        result = result.filter(pk__in=flagged.values("person_id"))
    return result


def _text_q(query: str) -> Q:
    """Exact match on the HMAC column for an identifier; otherwise the start of the name."""
    text = normalize_identifier(readable_text(query, field="q", label=_("搜索内容")).strip())
    if not text:
        return Q()
    if _ID_PATTERN.match(text):
        return Q(resident_id_hash=lookup_hash(text))
    if _CERTIFICATE_PATTERN.match(text):
        return Q(certificate_hash=lookup_hash(text))
    name = query.strip()
    condition = Q(name__startswith=name)
    if connection.vendor == "sqlite":
        # SQLite's LIKE cannot use an index on a case-sensitive column; the same prefix as a
        # code-point range can (SQLite compares text by code point, so the two agree).
        low, high = code_range(name)
        condition &= Q(name__gte=low, name__lt=high)
    return condition


def region_q(prefix: str) -> Q:
    """Persons inside a region, by the region columns `Person` declares (core.scoping)."""
    region = Person.scoped_by.region
    assert region is not None
    return region.inside(prefix)
