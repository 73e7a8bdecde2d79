"""Region names by code, for every page, export and message people read.

The region tree is small next to the records that point into it (a province's counties,
townships and communities), so each process keeps one mapping code → name, loaded with one
query on first use: a list page then names every row's county and township without a query per
row. Staff adding a township or community forget the mapping when their change commits; another
process learns of it when it meets a code it does not know (at most once a minute).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from ablework.core.models import Region

# How long a process trusts its mapping before a code it does not know makes it reload.
RELOAD_AFTER_MISS_SECONDS = 60.0

_lock = threading.Lock()
_names: dict[str, str] | None = None
_loaded_at = 0.0


def region_names() -> Mapping[str, str]:
    """Every region's name by its code (one query per process, then none)."""
    global _names, _loaded_at
    names = _names
    if names is None:
        with _lock:
            if _names is None:
                _names = dict(Region.objects.values_list("code", "name"))
                _loaded_at = time.monotonic()
            names = _names
    return names


def forget_region_names() -> None:
    """Drop the mapping, so the next lookup reads the region table again."""
    global _names
    _names = None


def region_name(code: str | None) -> str:
    """The region's own name (`任城区`, `南张街道`); the code itself when no region has it."""
    if not code:
        return ""
    name = region_names().get(code)
    if name is None and time.monotonic() - _loaded_at > RELOAD_AFTER_MISS_SECONDS:
        forget_region_names()  # another process may have added it since this one loaded
        name = region_names().get(code)
    return name if name is not None else code


def region_full_name(code: str | None) -> str:
    """The name from the county down (`任城区 南张街道 某社区`), for codes finer than a county."""
    if not code:
        return ""
    parts = [code[:6], code[:9], code][: 1 + (len(code) > 6) + (len(code) > 9)]
    return " ".join(region_name(part) for part in dict.fromkeys(parts))
