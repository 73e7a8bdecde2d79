"""Reads of the job seekers' pages (`/matching/jobs/`): the open postings a seeker may browse,
their search and filters, one posting in plain words, and the postings a person saved.

Who browses what: a person the postings of their own city; a family member those of the cities
of the persons whose consent they hold; staff those of their area (the one scope). A posting is
browsable on a day when it is open and valid that day (`valid_from ≤ day ≤ valid_until`). A
posting a person saved or was referred to stays readable to them after it closes, so their lists
can say so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import require_permission, visible
from ablework.core.errors import NotFound
from ablework.core.models import Region, RegionLevel
from ablework.core.scoping import NOTHING
from ablework.core.selectors import regions_inside
from ablework.matching.models import (
    POSTING_PLACE,
    JobPosting,
    PostingStatus,
    Referral,
    SavedPosting,
)
from ablework.matching.selectors.postings import PostingFilters, search_postings
from ablework.registry.models import Person
from ablework.support.vocabulary import Accommodation, Demand

BROWSE = Permission.JOBS_BROWSE
# The roles that browse for themselves (or for the person who consented) and save postings.
SEEKER_ROLES = (Role.PERSON, Role.FAMILY)
# At most this many words of a search are used (each must be found somewhere in the posting).
MAX_WORDS = 5


def is_seeker(actor: User) -> bool:
    """Whether the actor looks for work for themselves or for a person who consented."""
    return actor.role in SEEKER_ROLES


def seeker_persons(actor: User) -> QuerySet[Person]:
    """The persons a seeker speaks for: themselves, or the persons whose consent a family
    member holds (none for staff)."""
    if not is_seeker(actor):
        return Person.objects.none()
    return visible(actor, Person, permission=None).order_by("name", "pk")


def seeker_cities(actor: User) -> list[str]:
    """The 4-digit codes of the cities a seeker's persons live in."""
    counties = seeker_persons(actor).values_list("county_code", flat=True)
    return sorted({county[:4] for county in counties})


def _in_cities(cities: Sequence[str]) -> Q:
    if not cities:
        return NOTHING
    return reduce(or_, (POSTING_PLACE.inside(city) for city in cities))


def open_on(postings: QuerySet[JobPosting], on: date) -> QuerySet[JobPosting]:
    """The postings open and valid on the day."""
    return postings.filter(status=PostingStatus.OPEN, valid_from__lte=on, valid_until__gte=on)


def postings_a_seeker_reaches(actor: User) -> QuerySet[JobPosting]:
    """Every posting of the seeker's cities (a person, a family member) or of the staff's area,
    whatever its status; NotFound without the browse permission."""
    require_permission(actor, BROWSE)
    rows = JobPosting.objects.select_related("employer")
    if is_seeker(actor):
        return rows.filter(_in_cities(seeker_cities(actor)))
    return visible(actor, rows, permission=BROWSE)


def browsable_postings(actor: User, *, on: date) -> QuerySet[JobPosting]:
    """The postings the actor may browse on the day: open and valid, where they look."""
    return open_on(postings_a_seeker_reaches(actor), on)


@dataclass(frozen=True)
class SeekerFilters:
    """What a job seeker searches for; empty values do not narrow."""

    words: str = ""
    county: str = ""
    kind: str = ""
    remote: bool = False
    max_hours: int | None = None
    min_wage: Decimal | None = None
    offers: tuple[str, ...] = field(default_factory=tuple)


def _has_offer(code: str) -> Q:
    # `offers` is a JSON list of codes; a code in quotes matches that element only (no code is
    # part of another one with its quotes), on SQLite's text and PostgreSQL's jsonb alike.
    return Q(offers__icontains=f'"{code}"')


def search_browsable(
    postings: QuerySet[JobPosting], filters: SeekerFilters
) -> QuerySet[JobPosting]:
    """Narrow the browsable postings: every word in the title, occupation, tasks or employer's
    name; the county and kind; remote work offered; at most the hours; a wage range starting at
    the amount or above; every accommodation asked for offered."""
    postings = search_postings(
        postings=postings, filters=PostingFilters(kind=filters.kind, county=filters.county)
    )
    for word in filters.words.split()[:MAX_WORDS]:
        postings = postings.filter(
            Q(title__icontains=word)
            | Q(occupation__icontains=word)
            | Q(tasks__icontains=word)
            | Q(employer__name__icontains=word)
        )
    if filters.remote:
        postings = postings.filter(_has_offer(Accommodation.REMOTE_WORK))
    if filters.max_hours is not None:
        postings = postings.filter(hours_per_week__lte=filters.max_hours)
    if filters.min_wage is not None:
        postings = postings.filter(wage_min__gte=filters.min_wage)
    for code in filters.offers:
        if code in Accommodation.values:
            postings = postings.filter(_has_offer(code))
    return postings


def seeker_county_menu(actor: User) -> QuerySet[Region]:
    """The counties the search offers: those of the seeker's cities, or the staff's area."""
    counties = Region.objects.filter(level=RegionLevel.COUNTY).only("code", "name")
    if is_seeker(actor):
        cities = seeker_cities(actor)
        if not cities:
            return counties.none()
        return counties.filter(reduce(or_, (Q(code__startswith=city) for city in cities)))
    return regions_inside(actor).only("code", "name")


def saved_posting_ids(persons: Sequence[int], postings: Sequence[int]) -> set[int]:
    """Which of these postings one of these persons saved."""
    if not persons or not postings:
        return set()
    return set(
        SavedPosting.objects.filter(person_id__in=persons, posting_id__in=postings).values_list(
            "posting_id", flat=True
        )
    )


def persons_who_saved(posting_id: int, persons: Sequence[int]) -> set[int]:
    """Which of these persons saved the posting."""
    return set(
        SavedPosting.objects.filter(posting_id=posting_id, person_id__in=persons).values_list(
            "person_id", flat=True
        )
    )


def posting_for_seeker(actor: User, posting_id: int, *, on: date) -> JobPosting:
    """One posting the actor may read as a job seeker: browsable on the day, or (for a seeker)
    one their person saved or was referred to, whatever became of it; NotFound otherwise."""
    reachable = postings_a_seeker_reaches(actor).filter(pk=posting_id)
    found = open_on(reachable, on).first()
    if found is None and is_seeker(actor):
        persons = seeker_persons(actor)
        saved = SavedPosting.objects.filter(posting_id=posting_id, person__in=persons)
        referred = Referral.objects.filter(posting_id=posting_id, person__in=persons)
        found = reachable.filter(
            Q(pk__in=saved.values("posting_id")) | Q(pk__in=referred.values("posting_id"))
        ).first()
    if found is None:
        raise NotFound(_("没有找到该招聘岗位，或者它已经结束招聘。"))
    return found


@dataclass(frozen=True)
class PlainPosting:
    """What a posting's page says, in plain words and by name."""

    essential: list[str]
    adjustable: list[str]
    workplace: list[str]
    provided: list[str]
    remote: bool


# The workplace's own accessibility, apart from the accommodations it provides.
WORKPLACE = frozenset(
    {
        Accommodation.STEP_FREE,
        Accommodation.ACCESSIBLE_TOILET,
        Accommodation.VISUAL_ALARM,
        Accommodation.QUIET_SPACE,
    }
)


def plain_posting(posting: JobPosting) -> PlainPosting:
    """The posting's demands, accessibility and accommodations by name: "长时间站立（可以调整）"."""
    demands = posting.demands or {}
    offers = set(posting.offers or [])
    return PlainPosting(
        essential=[str(d.label) for d in Demand if demands.get(d.value) == "essential"],
        adjustable=[
            _("%(demand)s（可以调整）") % {"demand": d.label}
            for d in Demand
            if demands.get(d.value) == "adjustable"
        ],
        workplace=[str(a.label) for a in Accommodation if a in WORKPLACE and a.value in offers],
        provided=[
            str(a.label)
            for a in Accommodation
            if a not in WORKPLACE and a != Accommodation.REMOTE_WORK and a.value in offers
        ],
        remote=Accommodation.REMOTE_WORK in offers,
    )


def is_browsable(posting: JobPosting, on: date) -> bool:
    """Whether the posting is open and valid on the day."""
    return posting.status == PostingStatus.OPEN and posting.valid_from <= on <= posting.valid_until


@dataclass(frozen=True)
class SavedRow:
    saved: SavedPosting
    note: str  # why it can no longer be applied for, in words; "" while it is open

    @property
    def posting(self) -> JobPosting:
        return self.saved.posting


# How many saved postings the list shows (a person saves a few dozen at most).
SAVED_SHOWN = 200


def ended_note(posting: JobPosting, on: date) -> str:
    """Why a posting can no longer be applied for on the day, in words ("" while it can)."""
    if posting.status == PostingStatus.FILLED:
        return _("已招满，不再招聘")
    if posting.status == PostingStatus.CLOSED:
        if posting.closed_on:
            return _("已于 %(day)s 结束招聘") % {"day": posting.closed_on.isoformat()}
        return _("已结束招聘")
    if posting.status != PostingStatus.OPEN:
        return _("暂未发布")
    if posting.valid_until < on:
        return _("有效期已于 %(day)s 结束") % {"day": posting.valid_until.isoformat()}
    if posting.valid_from > on:
        return _("%(day)s 起开始招聘") % {"day": posting.valid_from.isoformat()}
    return ""


def saved_postings_of(person: Person, *, on: date) -> list[SavedRow]:
    """The person's saved postings, the latest saved first, each with a note once it has closed
    or expired (one query)."""
    saved = (
        SavedPosting.objects.filter(person=person)
        .select_related("posting__employer")
        .order_by("-saved_at", "-pk")[:SAVED_SHOWN]
    )
    return [SavedRow(saved=row, note=ended_note(row.posting, on)) for row in saved]
