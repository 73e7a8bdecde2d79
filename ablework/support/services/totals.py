"""The completion totals (support.models.CompletionTotal): the in-scope rows of CycleCase counted
per cycle, township and counsellor, so that the supervisors' page sums O(townships) rows
whatever the population.

They are written with the rows they count, inside the same transaction: `refresh_cases` (after
every record, plan or escalation) recounts the townships its persons were and are in;
`refresh_region` (daily, `ablework support refresh`) recounts every township of each county.
A recount is one GROUP BY over the township's rows (the `case_completion` index), then the
township's totals are replaced. The county's region row is locked first (SELECT … FOR UPDATE
on PostgreSQL; SQLite has one writer at a time), so two writes in one county cannot both count
without seeing each other and leave the totals double or short.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils import timezone

from ablework.core.models import Region
from ablework.support.models import CompletionTotal, CycleCase
from ablework.support.selectors.completion import COUNTED, count_groups


def lock_counties(counties: Iterable[str]) -> None:
    """Serialise the recounts of these counties' totals (in code order: no deadlock)."""
    list(Region.objects.select_for_update().filter(code__in=sorted(set(counties))).order_by("code"))


def recount(*, year: int, county: str, townships: Collection[str] | None = None) -> int:
    """Replace the totals of the county's townships (all, when None) in `year` by a count of
    their in-scope rows; how many total rows were written. The caller holds the county's lock
    (`lock_counties`) inside its transaction."""
    rows = CycleCase.objects.filter(year=year, county_code=county, in_scope=True)
    stale = CompletionTotal.objects.filter(year=year, county_code=county)
    if townships is not None:
        rows = rows.filter(township_code__in=sorted(townships))
        stale = stale.filter(township_code__in=sorted(townships))
    grouped = count_groups(rows, ("township_code", "owner_id"))
    now = timezone.now()
    fresh = [
        CompletionTotal(
            year=year,
            county_code=county,
            township_code=group["township_code"],
            owner_id=group["owner_id"],
            refreshed_at=now,
            **{name: group[name] for name in COUNTED},
        )
        for group in grouped
    ]
    stale.delete()
    CompletionTotal.objects.bulk_create(fresh)
    return len(fresh)


def places_of(person_ids: Collection[int]) -> set[tuple[int, str, str]]:
    """The (year, county, township) of every cycle row of these persons."""
    rows = CycleCase.objects.filter(person_id__in=sorted(person_ids))
    return set(rows.values_list("year", "county_code", "township_code").distinct().order_by())


def recount_places(places: Iterable[tuple[int, str, str]]) -> None:
    """Recount the totals of these (year, county, township) places."""
    by_county: dict[tuple[int, str], set[str]] = {}
    for year, county, township in places:
        by_county.setdefault((year, county), set()).add(township)
    if not by_county:
        return
    lock_counties(county for _, county in by_county)
    for (year, county), townships in sorted(by_county.items()):
        recount(year=year, county=county, townships=townships)
