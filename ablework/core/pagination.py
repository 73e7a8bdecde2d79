"""Keyset pagination: constant-time pages at any depth, unlike OFFSET."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
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
            further, id_further = ("lt", "lt") if descending else ("gt", "gt")
            queryset = queryset.filter(
                Q(**{f"{field}__{further}": value})
                | Q(**{field: value, f"pk__{id_further}": after})
            )
    order = (f"-{field}", "-pk") if descending else (field, "pk")
    rows = list(queryset.order_by(*order)[: size + 1])
    items = rows[:size]
    next_after = items[-1].pk if len(rows) > size else None
    return Page(items=items, next_after=next_after, is_first=after is None)


def parse_cursor(raw: str | None) -> int | None:
    """A cursor from the query string; anything that is not a positive integer means "start"."""
    if raw and raw.isdigit():
        return int(raw)
    return None
