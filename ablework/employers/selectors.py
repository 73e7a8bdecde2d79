"""Reads of employers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.core.text_input import readable_text
from ablework.employers.models import Employer

LIST_FIELDS = (
    "id",
    "name",
    "uscc",
    "kind",
    "county_code",
    "township_code",
    "staff_count",
    "industry",
    "administrative_level",
    "authorised_posts",
    "school_type",
    "parent_id",
)


def search_employers(*, employers: QuerySet[Employer], query: str, kind: str) -> QuerySet[Employer]:
    """Filter a scoped queryset by name or exact credit code, and by kind."""
    result = employers.only(*LIST_FIELDS)
    text = readable_text(query, field="q", label=_("搜索内容")).strip().upper()
    if len(text) == 18 and text.isalnum():
        result = result.filter(uscc=text)
    elif text:
        result = result.filter(name__contains=query.strip())
    if readable_text(kind, field="kind", label=_("筛选条件")):
        result = result.filter(kind=kind)
    return result
