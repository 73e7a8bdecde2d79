"""Reads of the registry, always on an already-scoped queryset; they return querysets or rows."""

from ablework.registry.selectors.search import (
    AGE_BANDS,
    LIST_FIELDS,
    PersonFilters,
    is_identifier_query,
    region_q,
    search_persons,
)
from ablework.registry.selectors.working_age import (
    WorkingAgeBounds,
    age_band_q,
    working_age_bounds,
    working_age_q,
)

__all__ = [
    "AGE_BANDS",
    "LIST_FIELDS",
    "PersonFilters",
    "WorkingAgeBounds",
    "age_band_q",
    "is_identifier_query",
    "region_q",
    "search_persons",
    "working_age_bounds",
    "working_age_q",
]
