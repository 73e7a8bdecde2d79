"""Keyset pagination on a composite key (`keyset_page_by`): a field, then the id, ascending or
— with `descending` — both highest first, every row once across the pages."""

from __future__ import annotations

import pytest

from ablework.core.models import Region
from ablework.core.pagination import keyset_page_by, keyset_page_checked, keyset_page_in

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


def test_checked_pages_skip_no_row_that_passes_even_when_the_check_drops_whole_windows() -> None:
    # twenty regions with tied names, of which only five pass the check, three of them far
    # past the first windows the pager reads (size 2, reach 1: windows of three candidates)
    names = ["甲", "甲", "乙", "乙", "乙", "丙", "丙", "丁", "丁", "丁"] * 2
    for index, name in enumerate(names):
        Region.objects.create(code=f"9902{index:02d}", name=name, level="county")
    candidates = Region.objects.filter(code__startswith="9902")
    passing = {"990201", "990213", "990214", "990217", "990219"}

    def check(rows):
        return rows.filter(code__in=passing)

    pages, after = [], None
    while True:
        page = keyset_page_checked(
            candidates, check=check, field="name", after=after, size=2, reach=1
        )
        pages.append([row.code for row in page.items])
        if page.next_after is None:
            break
        after = page.next_after
    expected = [r.code for r in sorted(check(candidates), key=lambda r: (r.name, r.pk))]
    assert [code for page in pages for code in page] == expected
    assert [len(page) for page in pages] == [2, 2, 1]


def test_rows_worked_out_in_memory_page_on_by_their_key_each_row_once() -> None:
    rows = [(7, "甲"), (3, "乙"), (9, "丙"), (1, "丁"), (5, "戊")]
    pages, after = [], None
    while True:
        page = keyset_page_in(rows, key=lambda row: row[0], after=after, size=2)
        pages.append([name for _key, name in page.items])
        assert page.is_first == (after is None)
        if page.next_after is None:
            break
        after = page.next_after
    assert pages == [["甲", "乙"], ["丙", "丁"], ["戊"]]
    # a cursor no longer among the rows starts again, as a first page
    again = keyset_page_in(rows, key=lambda row: row[0], after=42, size=2)
    assert [name for _key, name in again.items] == ["甲", "乙"]
    assert again.is_first
    assert keyset_page_in(rows, key=lambda row: row[0], after=5, size=2).items == []
