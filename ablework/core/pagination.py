"""Keyset pagination: constant-time pages at any depth, unlike OFFSET."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_after: int | None
    is_first: bool


def keyset_page(
    queryset: QuerySet[M], *, after: int | None, size: int = 50, newest_first: bool = False
) -> Page[M]:
    """One page of rows past the cursor `after`, in id order (or reversed), and the next cursor."""
    if after is not None:
        queryset = queryset.filter(pk__lt=after) if newest_first else queryset.filter(pk__gt=after)
    rows = list(queryset.order_by("-pk" if newest_first else "pk")[: size + 1])
    items = rows[:size]
    next_after = items[-1].pk if len(rows) > size else None
    return Page(items=items, next_after=next_after, is_first=after is None)


def keyset_page_by(
    queryset: QuerySet[M],
    *,
    field: str,
    after: int | None,
    size: int = 50,
    descending: bool = False,
) -> Page[M]:
    """One page of rows in `field` order (then id) — or both reversed, highest first, with
    `descending` — past the row whose id is the cursor `after` (the same cursor as
    `keyset_page`'s): the composite key (`field`, id). `field` may be an annotation of the
    queryset. A cursor no longer among the rows starts again."""
    if after is not None:
        value = queryset.filter(pk=after).values_list(field, flat=True).first()
        if value is not None:
            further, from_here = ("lt", "lte") if descending else ("gt", "gte")
            # The bound on `field` alone is redundant with the OR, but it is what lets a
            # database start an index scan at the cursor rather than filter every row past it.
            queryset = queryset.filter(
                Q(**{f"{field}__{from_here}": value}),
                Q(**{f"{field}__{further}": value}) | Q(**{field: value, f"pk__{further}": after}),
            )
    order = (f"-{field}", "-pk") if descending else (field, "pk")
    rows = list(queryset.order_by(*order)[: size + 1])
    items = rows[:size]
    next_after = items[-1].pk if len(rows) > size else None
    return Page(items=items, next_after=next_after, is_first=after is None)


def keyset_page_checked(
    candidates: QuerySet[M],
    *,
    check: Callable[[QuerySet[M]], QuerySet[M]],
    field: str,
    after: int | None,
    size: int = 50,
    reach: int = 4,
) -> Page[M]:
    """`keyset_page_by` (ascending) for rows that must also pass a `check` on other tables:
    the next candidates are read in `field`, id order on their own columns (an index walk
    that stops after `reach` pages' worth), and only those are checked. A planner that
    misjudges how many rows the joined check keeps would otherwise check every row past the
    cursor and sort them; here the work is a few pages of rows at any depth. When the check
    drops most of a window, the next window is read, so no row that passes is ever skipped."""
    cursor: tuple[Any, int] | None = None
    if after is not None:
        value = candidates.filter(pk=after).values_list(field, flat=True).first()
        if value is not None:
            cursor = (value, after)
    window_size = (size + 1) * reach
    items: list[M] = []
    while True:
        window = candidates
        if cursor is not None:
            value, last = cursor
            window = window.filter(
                Q(**{f"{field}__gte": value}),  # lets the index walk start at the cursor
                Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gt": last}),
            )
        keys = list(window.order_by(field, "pk").values_list(field, "pk")[:window_size])
        if not keys:
            break
        checked = check(candidates.filter(pk__in=[pk for _, pk in keys]))
        items += list(checked.order_by(field, "pk")[: size + 1 - len(items)])
        if len(items) > size or len(keys) < window_size:
            break
        cursor = keys[-1]
    shown = items[:size]
    next_after = shown[-1].pk if len(items) > size else None
    return Page(items=shown, next_after=next_after, is_first=after is None)


def keyset_page_in(
    rows: Sequence[T], *, key: Callable[[T], int], after: int | None, size: int = 50
) -> Page[T]:
    """One page of rows already worked out and ordered in memory (a rule's result for every
    unit, the frozen rows of a published notice), past the row whose `key` is the cursor `after`
    — the same cursor and `Page` as `keyset_page_by`'s, so the pager partial serves both. A
    cursor no longer among the rows starts again."""
    start = 0
    if after is not None:
        start = next((n + 1 for n, row in enumerate(rows) if key(row) == after), 0)
    items = list(rows[start : start + size])
    more = start + size < len(rows)
    return Page(items=items, next_after=key(items[-1]) if more else None, is_first=start == 0)


def parse_cursor(raw: str | None) -> int | None:
    """A cursor from the query string; anything that is not a positive integer means "start"."""
    if raw and raw.isdigit():
        return int(raw)
    return None
