"""The work queue of the "四个一": the persons of an area due for a service this cycle, from the
precomputed rows (support.models.CycleCase), longest waiting first (overdue rows are the
longest waiting), re-checked live against the registry for the rows shown so that a person who
died, found work, retired, turned out of scope or moved today leaves the queue today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.scoping import inside_region_q
from ablework.support.models import CycleCase, Pillar
from ablework.support.selectors.due import in_scope_q

FLAG_FILTERS = ("graduate", "zero_employment", "difficulty")


@dataclass(frozen=True)
class QueueFilters:
    """What the queue is narrowed to: a county and township, one service due, flags."""

    county: str = ""
    township: str = ""
    pillar: str = ""
    graduate: bool = False
    zero_employment: bool = False
    difficulty: bool = False

    def flags(self) -> dict[str, bool]:
        return {name: True for name in FLAG_FILTERS if getattr(self, name)}


def cases_visible_to(actor: User, *, permission: Permission) -> QuerySet[CycleCase]:
    """The cycle rows of the persons of the actor's area (by the person's place, as copied at
    the last refresh; the queue re-checks it live)."""
    return visible(actor, CycleCase, permission=permission)


def due_candidates(
    cases: QuerySet[CycleCase], *, year: int, filters: QueueFilters
) -> QuerySet[CycleCase]:
    """The precomputed rows with something due in the cycle, filtered on their own columns
    only: what the queue's index holds in its order."""
    rows = cases.filter(year=year).exclude(next_due="")
    if filters.township:
        rows = rows.filter(township_code=filters.township)
    elif filters.county:
        rows = rows.filter(inside_region_q(filters.county))
    if filters.pillar in Pillar.values:
        rows = rows.filter(**{f"due_{filters.pillar}": True})
    return rows.filter(**filters.flags())


def still_due(rows: QuerySet[CycleCase], *, on: date, filters: QueueFilters) -> QuerySet[CycleCase]:
    """The rows whose person is still in scope on `on` in the registry and still in the
    county the row was computed for (the live check of the rows shown)."""
    live = in_scope_q(on=on, jurisdiction=filters.county, prefix="person__")
    return rows.filter(live, person__county_code=F("county_code")).select_related("person")


def due_cases(
    cases: QuerySet[CycleCase], *, year: int, on: date, filters: QueueFilters
) -> QuerySet[CycleCase]:
    """The rows with something due in the cycle, filtered, still in scope on `on` in the
    registry and still in the county the row was computed for."""
    return still_due(due_candidates(cases, year=year, filters=filters), on=on, filters=filters)


def queue_columns(rows: QuerySet[CycleCase]) -> QuerySet[CycleCase]:
    """Only what the page shows: no encrypted column is read (nothing is decrypted)."""
    return rows.only(
        *(field.name for field in CycleCase._meta.concrete_fields if field.name != "owner"),
        "person__id",
        "person__name",
        "person__resident_id_masked",
        "person__employment_status",
        "person__county_code",
        "person__township_code",
    )
