"""Counts for pages that are opened often (the home page): a COUNT over a province's millions of
rows costs a second or more, so each count is kept in the cache for a few minutes, keyed by its
own SQL (which carries the viewer's scope), and shown as approximate ("约") when it is reused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import router
from django.db.models import Model, QuerySet

DEFAULT_TTL_SECONDS = 300


@dataclass(frozen=True)
class Count:
    value: int
    approximate: bool  # reused from an earlier count, so it may be a few minutes old


def count_key(queryset: QuerySet[Model]) -> str | None:
    """The cache key of a queryset's count: a hash of its SQL and parameters (None: empty)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    database = router.db_for_read(queryset.model)
    text = f"{database}\n{sql}\n{params!r}".encode()
    return "ablework:count:" + hashlib.sha256(text).hexdigest()


def cached_count(queryset: QuerySet[Model], *, ttl: int | None = None) -> Count:
    """The number of rows, counted at most once per `ttl` seconds for the same query."""
    key = count_key(queryset)
    if key is None:
        return Count(value=0, approximate=False)
    kept = cache.get(key)
    if kept is not None:
        return Count(value=int(kept), approximate=True)
    value = queryset.count()
    seconds = ttl if ttl is not None else getattr(settings, "HOME_COUNT_TTL", DEFAULT_TTL_SECONDS)
    cache.set(key, value, timeout=seconds)
    return Count(value=value, approximate=False)
