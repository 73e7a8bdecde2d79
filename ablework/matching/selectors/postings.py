"""Reads of postings for the pages: the list's filters, the county menu, the fill rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from ablework.accounts.models import User
from ablework.core.models import Region, RegionLevel
from ablework.core.selectors import place_menus, regions_inside
from ablework.matching.models import JobPosting, PostingKind, PostingStatus


@dataclass(frozen=True)
class PostingFilters:
    kind: str = ""
    status: str = ""
    county: str = ""
    employer: int | None = None


def search_postings(
    *, postings: QuerySet[JobPosting], filters: PostingFilters
) -> QuerySet[JobPosting]:
    """Narrow a scoped queryset by kind, status and county (unknown values are ignored)."""
    if filters.kind in PostingKind.values:
        postings = postings.filter(kind=filters.kind)
    if filters.status in PostingStatus.values:
        postings = postings.filter(status=filters.status)
    if filters.county.isdigit() and len(filters.county) == 6:
        postings = postings.filter(county_code=filters.county)
    if filters.employer is not None:
        postings = postings.filter(employer_id=filters.employer)
    return postings


def posting_place_menus(actor: User) -> dict[str, Any]:
    """The county and township menus of a posting's form: staff's area; for an employer's
    account, the counties of its own city (where its work usually is)."""
    if actor.employer_id is None or actor.employer is None:
        return place_menus(actor)
    city = actor.employer.county_code[:4]
    counties = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=city).only(
        "code", "name"
    )
    townships = Region.objects.filter(
        level=RegionLevel.TOWNSHIP, parent_id__in=[county.code for county in counties]
    ).only("code", "name")
    return {"counties": counties, "townships": townships, "township_fixed": False}


def county_menu(actor: User) -> QuerySet[Region]:
    """The counties the list's county filter offers (none for an employer's account)."""
    if actor.employer_id is not None:
        return Region.objects.none()
    return regions_inside(actor).only("code", "name")


@dataclass(frozen=True)
class FillRate:
    county_code: str
    kind: str
    postings: int
    openings: int
    filled: int

    @property
    def kind_label(self) -> str:
        return str(PostingKind(self.kind).label)

    @property
    def rate(self) -> Decimal | None:
        """Hires as a percentage of openings, to one decimal."""
        if not self.openings:
            return None
        return (Decimal(100) * self.filled / self.openings).quantize(Decimal("0.1"))


def fill_rates(postings: QuerySet[JobPosting], *, year: int | None = None) -> list[FillRate]:
    """Openings and hires of the published postings (drafts left out) by county and kind, in one
    query; `year` keeps the postings whose validity began that year."""
    published = postings.exclude(status=PostingStatus.DRAFT)
    if year is not None:
        published = published.filter(valid_from__year=year)
    rows = (
        published.order_by()
        .values("county_code", "kind")
        .annotate(postings=Count("pk"), openings=Sum("openings"), filled=Sum("openings_filled"))
        .order_by("county_code", "kind")
    )
    return [
        FillRate(
            county_code=row["county_code"],
            kind=row["kind"],
            postings=row["postings"],
            openings=row["openings"] or 0,
            filled=row["filled"] or 0,
        )
        for row in rows
    ]


def fill_totals(rates: list[FillRate]) -> FillRate | None:
    """The sum of the rows (kind left blank), or None when there are none."""
    if not rates:
        return None
    return FillRate(
        county_code="",
        kind=PostingKind.TARGETED,
        postings=sum(r.postings for r in rates),
        openings=sum(r.openings for r in rates),
        filled=sum(r.filled for r in rates),
    )


# How far ahead the employer's page warns that an open posting is about to expire: a design
# setting of the page (two weeks leave time to extend it), not a legal figure.
EXPIRING_WITHIN = timedelta(days=14)
SHOWN_OPEN = 5


@dataclass(frozen=True)
class EmployerPostings:
    """An employer's postings at a glance: how many in each status, and its open ones that
    expire first."""

    counts: list[tuple[str, int]]
    open_soonest: list[JobPosting]
    open_total: int
    expiring: set[int]


def employer_postings(
    postings: QuerySet[JobPosting], *, employer_id: int, on: date
) -> EmployerPostings:
    """The employer's postings among `postings` (already scoped): counts by status in one query,
    and its open postings, the one expiring first first."""
    own = postings.filter(employer_id=employer_id)
    by_status = dict(own.order_by().values_list("status").annotate(n=Count("pk")))
    counts = [
        (str(label), by_status[value])
        for value, label in PostingStatus.choices
        if by_status.get(value)
    ]
    opened = list(own.filter(status=PostingStatus.OPEN).order_by("valid_until", "pk")[:SHOWN_OPEN])
    return EmployerPostings(
        counts=counts,
        open_soonest=opened,
        open_total=by_status.get(PostingStatus.OPEN, 0),
        expiring={p.pk for p in opened if p.valid_until <= on + EXPIRING_WITHIN},
    )
