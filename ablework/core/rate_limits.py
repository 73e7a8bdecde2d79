"""Per-actor limits on how often a costly operation runs: a fixed window counted in the cache."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.translation import gettext as _

from ablework.core.errors import TooManyRequests


def count_request(*, key: str, limit: int, window_seconds: int) -> None:
    """Count one request under `key` in the current window; TooManyRequests beyond `limit`.

    A fixed window is enough here (a burst of twice the limit across a boundary is harmless);
    with the default per-process cache each web process counts on its own.
    """
    window = int(time.time() // window_seconds)
    cache_key = f"rate:{key}:{window}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window's entry expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    if count > limit:
        raise TooManyRequests(
            _("请求过于频繁：每 %(seconds)d 秒最多 %(limit)d 次，请稍后再试。")
            % {"seconds": window_seconds, "limit": limit}
        )
