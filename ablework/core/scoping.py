"""How a model says where its rows belong, so one primitive (`accounts.scope`) can scope it.

A model declares, once, a class attribute `scoped_by = ScopedBy(...)`: which columns hold its
region codes and how fine each is, and which column names the employer or person a row belongs
to. Nothing here knows about users or roles; it only turns a region code into a filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Model, Q

NOTHING = Q(pk__in=[])  # Django answers this without asking the database


def code_range(prefix: str) -> tuple[str, str]:
    """Bounds `[low, high)` such that a code starts with `prefix` iff low <= code < high.

    Range filters use ordinary B-tree indexes on SQLite and PostgreSQL alike, unlike LIKE.
    """
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def code_prefix_q(prefix: str, *, field: str) -> Q:
    """Rows whose code of any length (6, 9 or 12 digits) starts with `prefix`.

    Measured on SQLite with 1,000,000 audit rows newest first (docs/benchmarks.md, "Audit
    region"): down to a county, LIKE lets the planner walk the time index and stop after one
    page (0.2 ms; a range made it sort all the county's rows: 150 ms); for a township's or
    community's few rows, a range on the (code, time) index finds them at once (0.5 ms; LIKE
    walked the time index for 47 ms).
    """
    if len(prefix) > 6:
        low, high = code_range(prefix)
        return Q(**{f"{field}__gte": low, f"{field}__lt": high})
    return Q(**{f"{field}__startswith": prefix})


def inside_region_q(prefix: str, *, field: str = "county_code") -> Q:
    """Rows whose 6-digit county code lies inside the region with this code prefix.

    A county's own code is matched exactly, so a (county_code, id) index serves its pages in
    order. A city's or province's prefix is matched with LIKE, which neither database serves
    from that index: both planners then walk the primary key in page order and stop after one
    page, instead of collecting and sorting every row of the city (a range on county_code made
    SQLite do that: seconds with 1,000,000 persons; see docs/benchmarks.md, Registry search).
    """
    if len(prefix) >= 6:
        return Q(**{field: prefix[:6]})
    return Q(**{f"{field}__startswith": prefix})


@dataclass(frozen=True)
class RegionFields:
    """Where a model keeps its region, and how fine it is.

    Either split columns, coarse to fine — `county` (6 digits, always set), `township`
    (9 digits, blank when unknown), `community` (12 digits, blank when unknown) — or one
    `code` column holding a code of any length (6, 9 or 12 digits). Paths may cross a foreign
    key (`person__township_code`).
    """

    county: str = ""
    township: str = ""
    community: str = ""
    code: str = ""

    def inside(self, prefix: str) -> Q:
        """Rows inside the region with this code prefix (2, 4, 6, 9 or 12 digits).

        A row whose region is coarser than the prefix (a county-only row, for a township) is
        outside: nobody can tell which township it belongs to.
        """
        if not prefix:
            return NOTHING
        if self.code:
            return code_prefix_q(prefix, field=self.code)
        condition = inside_region_q(prefix, field=self.county)
        for digits, field in ((9, self.township), (12, self.community)):
            if len(prefix) >= digits:
                if not field:
                    return NOTHING
                condition &= Q(**{field: prefix[:digits]})
        return condition

    def finest(self, instance: Model) -> str:
        """The finest region code known for a row (`370811001` when its township is set)."""
        if self.code:
            return str(_value(instance, self.code) or "")
        found = str(_value(instance, self.county) or "")
        for field in (self.township, self.community):
            finer = str(_value(instance, field) or "") if field else ""
            if not (finer and finer.startswith(found)):
                break
            found = finer
        return found


@dataclass(frozen=True)
class AnyRegion:
    """Rows inside a region by any of several paths, each a `RegionFields` (an account: the
    region it is bound to, or its employer's, or its person's)."""

    paths: tuple[RegionFields, ...]

    def inside(self, prefix: str) -> Q:
        """Rows inside the region by at least one path."""
        conditions = [path.inside(prefix) for path in self.paths]
        return reduce(or_, conditions) if conditions else NOTHING

    def finest(self, instance: Model) -> str:
        """The finest region code the first path that knows one gives."""
        return next((code for path in self.paths if (code := path.finest(instance))), "")


@dataclass(frozen=True)
class ScopedBy:
    """What scopes a model's rows: its region columns, and the columns naming the employer and
    the person a row belongs to (`"pk"` on Employer and Person themselves). A binding the model
    does not declare reaches none of its rows."""

    region: RegionFields | AnyRegion | None = None
    employer: str = ""
    person: str = ""


def scoped_by(model: type[Model]) -> ScopedBy:
    """A model's declaration; a model without one cannot be scoped (a programming error)."""
    declared = getattr(model, "scoped_by", None)
    if not isinstance(declared, ScopedBy):
        raise TypeError(f"{model._meta.label} declares no `scoped_by = ScopedBy(...)`.")
    return declared


def region_of(instance: Model) -> str:
    """The finest region code known for an instance, from its model's declaration ("" when it
    declares no region)."""
    declared = getattr(type(instance), "scoped_by", None)
    if isinstance(declared, ScopedBy) and declared.region is not None:
        return declared.region.finest(instance)
    return ""


def _value(instance: Any, path: str) -> Any:
    for name in path.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, name, None)
    return instance
