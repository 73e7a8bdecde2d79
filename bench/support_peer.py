"""The employment-services benchmark's peer (bench/support_queue.py): the same figures the
queue and completion pages show, worked out live from the registry and the four record tables
(EXISTS on each), as a page without the precomputed rows (support.models.CycleCase) would have
to; the completion figures as the page worked them out before the township totals (GROUP BYs
over the cycle rows); and the check that the live and precomputed figures agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.support_data import CITY_PREFIX, TODAY


def live_persons(region: str) -> Any:
    """The persons in scope of a region, each with whether each service was recorded in the
    cycle and whether they want work — what CycleCase holds, from the source tables."""
    from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

    from ablework.registry.models import Person
    from ablework.support.selectors.due import WANTS_WORK_STATUS, cycle_on, in_scope_q
    from ablework.support.services.cases import RECORDS

    cycle = cycle_on(TODAY, jurisdiction=region.ljust(6, "0"))

    def recorded(pillar: str, **more: Any) -> Exists:
        records = RECORDS[pillar]._default_manager.filter(
            person=OuterRef("pk"), on__gte=cycle.start, on__lte=TODAY, **more
        )
        return Exists(records)

    jurisdiction = region.ljust(6, "0")
    persons = Person.objects.filter(
        in_scope_q(on=TODAY, jurisdiction=jurisdiction), county_code__startswith=region
    )
    return persons.annotate(
        has_check=recorded("check"),
        has_assessment=recorded("assessment"),
        has_needs=recorded("needs"),
        has_service=recorded("service"),
        says_wants=recorded("check", wants_work=True),
    ).annotate(
        wants=ExpressionWrapper(
            Q(employment_status=WANTS_WORK_STATUS) | Q(says_wants=True),
            output_field=BooleanField(),
        )
    )


def live_queue(county: str, pillar: str = "") -> Callable[[], int]:
    from django.db.models import Q

    def page() -> int:
        rows = live_persons(county)
        due = {
            "check": Q(has_check=False),
            **{p: Q(wants=True, **{f"has_{p}": False}) for p in ("assessment", "needs", "service")},
        }
        if pillar:
            rows = rows.filter(due[pillar])
        else:
            rows = rows.filter(due["check"] | due["assessment"] | due["needs"] | due["service"])
        return len(list(rows.order_by("pk").values("pk", "name", "resident_id_masked")[:50]))

    return page


def live_completion(region: str, by: str) -> Callable[[], int]:
    from django.db.models import Count, Q

    def figures() -> int:
        grouped = (
            live_persons(region)
            .values(by)
            .annotate(
                in_scope=Count("pk"),
                wants_work=Count("pk", filter=Q(wants=True)),
                checked=Count("pk", filter=Q(has_check=True)),
                assessed=Count("pk", filter=Q(wants=True, has_assessment=True)),
                registered=Count("pk", filter=Q(wants=True, has_needs=True)),
                served=Count("pk", filter=Q(wants=True, has_service=True)),
            )
            .order_by(by)
        )
        return len(list(grouped))

    return figures


def from_rows(county: str = "") -> Callable[[], int]:
    """The completion page's figures as it worked them out before the totals: the same GROUP
    BYs over the city's (and the county's) in-scope cycle rows (CycleCase) instead of summing
    the township totals."""
    from ablework.support.models import CycleCase
    from ablework.support.selectors.completion import completion
    from ablework.support.selectors.due import targets
    from ablework.support.selectors.follow_up import follow_up_figures

    def figures() -> int:
        goals = targets(on=TODAY, jurisdiction=county or CITY_PREFIX.ljust(6, "0"))
        city = CycleCase.objects.filter(in_scope=True, county_code__startswith=CITY_PREFIX)
        groupings = [("county", city)]
        if county:
            groupings += [("township", city.filter(county_code=county))]
            groupings += [("owner", city.filter(county_code=county))]
        n = 0
        for by, rows in groupings:
            n += len(completion(rows, year=TODAY.year, by=by, targets=goals))
            n += len(follow_up_figures(rows, year=TODAY.year, by=by))
        return n

    return figures


def agree() -> str:
    """The live count of the city's persons in scope and checked equals the precomputed one."""
    from django.db.models import Count, Q, Sum

    from ablework.support.models import CompletionTotal, CycleCase

    live = live_persons(CITY_PREFIX).aggregate(
        n=Count("pk"), checked=Count("pk", filter=Q(has_check=True))
    )
    kept = CycleCase.objects.filter(year=TODAY.year, in_scope=True).aggregate(
        n=Count("pk"), checked=Count("pk", filter=Q(check_on__isnull=False))
    )
    if live != kept:
        raise SystemExit(f"the live figures {live} differ from the precomputed {kept}")
    summed = CompletionTotal.objects.filter(year=TODAY.year).aggregate(
        n=Sum("in_scope"), checked=Sum("check_done")
    )
    if summed != kept:
        raise SystemExit(f"the totals {summed} differ from the cycle rows {kept}")
    rows = CompletionTotal.objects.filter(year=TODAY.year).count()
    return (
        f"{kept['n']:,} persons in scope in 济宁市, {kept['checked']:,} checked; "
        f"the same summed from {rows:,} total rows"
    )
