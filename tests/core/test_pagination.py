"""Keyset pagination on a composite key (`keyset_page_by`): a field, then the id, ascending or
— with `descending` — both highest first, every row once across the pages."""

from __future__ import annotations

import pytest

from ablework.core.models import Region
from ablework.core.pagination import keyset_page_by

pytestmark = pytest.mark.django_db


def _all_pages(queryset, *, descending: bool) -> list[list[str]]:
    pages, after = [], None
    while True:
        page = keyset_page_by(queryset, field="name", after=after, size=2, descending=descending)
        pages.append([row.code for row in page.items])
        if page.next_after is None:
            return pages
        after = page.next_after


def test_descending_pages_go_highest_first_and_ties_by_id_then_each_row_once() -> None:
    codes = ["990101", "990102", "990103", "990104", "990105"]
    for code, name in zip(codes, ["乙", "甲", "乙", "丙", "乙"], strict=True):
        Region.objects.create(code=code, name=name, level="county")
    rows = Region.objects.filter(code__startswith="9901")
    pages = _all_pages(rows, descending=True)
    shown = [code for page in pages for code in page]
    expected = [r.code for r in sorted(rows, key=lambda r: (r.name, r.code), reverse=True)]
    assert shown == expected
    assert [len(page) for page in pages] == [2, 2, 1]
    ascending = [code for page in _all_pages(rows, descending=False) for code in page]
    assert ascending == list(reversed(expected))
