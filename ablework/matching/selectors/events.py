"""Who sees which recruitment events, and the reads of their pages.

An event is held for a county or a city (or a province). Staff see the events held inside their
area — a city's staff every county's — and those held for the larger regions their area lies in,
since a city's or province's event is open to their persons too (a county's counsellor
registers persons for the city's event). Only staff whose area holds the event's region keep
it (edit it, record its employers and postings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, require_permission, scope_of, visible
from ablework.core.errors import NotFound
from ablework.core.models import Region, RegionLevel
from ablework.employers.access import employers_visible_to
from ablework.employers.models import Employer
from ablework.matching.models import (
    NEED_PROVIDED_BY,
    AccessNeed,
    EventPosting,
    EventRegistration,
    JobPosting,
    PostingStatus,
    RecruitmentEvent,
)

VIEW = Permission.EVENTS_VIEW
MANAGE = Permission.EVENTS_MANAGE
NOT_FOUND = "没有找到该招聘活动。"


def _larger_regions(prefix: str) -> list[str]:
    """The 6-digit codes of the province, city and county a region prefix lies in (not itself
    when it is one of them): `370811` → `370000`, `370800`."""
    codes = []
    if len(prefix) > 2:
        codes.append(f"{prefix[:2]}0000")
    if len(prefix) > 4:
        codes.append(f"{prefix[:4]}00")
    if len(prefix) > 6:
        codes.append(prefix[:6])
    return codes


def events_visible_to(actor: User, *, permission: Permission = VIEW) -> QuerySet[RecruitmentEvent]:
    """The events held inside the actor's area, or for a region their area lies in."""
    require_permission(actor, permission)
    scope = scope_of(actor)
    condition = scope.q(RecruitmentEvent)
    if scope.region_prefix:
        condition |= Q(region_code__in=_larger_regions(scope.region_prefix))
    return RecruitmentEvent.objects.filter(condition)


def access_event(actor: User, event_id: int, *, permission: Permission = VIEW) -> RecruitmentEvent:
    """An event the actor may see, or NotFound alike for "absent" and "not yours"."""
    found = events_visible_to(actor, permission=permission).filter(pk=event_id).first()
    if found is None:
        raise NotFound(_(NOT_FOUND))
    return found


def access_kept_event(actor: User, event_id: int) -> RecruitmentEvent:
    """An event held inside the actor's area, which they may change (NotFound otherwise)."""
    return access_one(
        actor, RecruitmentEvent, event_id, permission=MANAGE, not_found_message=_(NOT_FOUND)
    )


def may_keep(actor: User, event: RecruitmentEvent) -> bool:
    """Whether the actor may change the event (it lies inside their area)."""
    return actor.has_named_permission(MANAGE) and scope_of(actor).covers(event)


def viewer_region(actor: User, event: RecruitmentEvent) -> str:
    """Where the audit row of a view of the event's registrations goes: the finer of the
    event's region and the viewer's, so the staff who saw it (and those above them) find it."""
    code = event.region_code
    prefix = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
    own = str(actor.region_id or "")
    return own if own.startswith(prefix) else code


def event_regions(actor: User) -> QuerySet[Region]:
    """The cities and counties of the actor's area an event may be held for (their own county,
    or their city and its counties …); none for a township's staff."""
    scope = scope_of(actor)
    levels = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
    regions = Region.objects.filter(level__in=levels).order_by("code")
    if scope.everywhere:
        return regions.filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY))
    prefix = scope.region_prefix
    if not prefix or len(prefix) > 6:
        return regions.none()
    return regions.filter(code__startswith=prefix)


def postings_to_offer(actor: User, *, on: date) -> QuerySet[JobPosting]:
    """The open postings of the employers the actor may see, for an event's form."""
    employers = employers_visible_to(actor)
    return (
        JobPosting.objects.filter(
            employer__in=employers, status=PostingStatus.OPEN, valid_until__gte=on
        )
        .select_related("employer")
        .order_by("employer__name", "title", "pk")
    )


def employers_to_offer(actor: User) -> QuerySet[Employer]:
    """The employers the actor may invite (their area's)."""
    return employers_visible_to(actor).order_by("name", "pk")


def list_events(
    actor: User, *, upcoming: bool, on: date, limit: int = 100
) -> list[RecruitmentEvent]:
    """The actor's events from `on` on (soonest first), or before it (latest first), with the
    number of employers, postings and of the actor's persons registered."""
    events = events_visible_to(actor)
    if upcoming:
        events = events.filter(held_on__gte=on).order_by("held_on", "starts_at", "pk")
    else:
        events = events.filter(held_on__lt=on).order_by("-held_on", "-starts_at", "-pk")
    chosen: list[RecruitmentEvent] = list(
        events.annotate(
            employer_count=Count("employers", distinct=True),
            posting_count=Count("postings", distinct=True),
        )[:limit]
    )
    registered = registration_counts(actor, [event.pk for event in chosen])
    for event in chosen:
        event.registered_count = registered.get(event.pk, 0)  # type: ignore[attr-defined]
    return chosen


def registrations_visible_to(actor: User) -> QuerySet[EventRegistration]:
    """The registrations of the persons of the actor's area (or their own)."""
    return visible(actor, EventRegistration.objects.select_related("person"), permission=VIEW)


def registration_counts(actor: User, event_ids: list[int]) -> dict[int, int]:
    """How many of the actor's persons are registered for each event."""
    rows = (
        registrations_visible_to(actor)
        .filter(event_id__in=event_ids)
        .order_by()
        .values("event_id")
        .annotate(count=Count("pk"))
    )
    return {row["event_id"]: row["count"] for row in rows}


def event_postings(event: RecruitmentEvent) -> QuerySet[EventPosting]:
    """The postings the event's employers bring, by employer."""
    return (
        EventPosting.objects.filter(event=event)
        .select_related("posting__employer")
        .order_by("posting__employer__name", "posting__title", "pk")
    )


def access_registration(
    actor: User, event: RecruitmentEvent, registration_id: int
) -> EventRegistration:
    """A registration for the event of a person of the actor's area, or NotFound."""
    found = (
        registrations_visible_to(actor)
        .filter(event=event, pk=registration_id)
        .select_related("event", "registered_by")
        .first()
    )
    if found is None:
        raise NotFound(_("没有找到该报名记录。"))
    return found


@dataclass(frozen=True)
class NeedToPrepare:
    """One access need of an event: how many asked for it, who, and whether the venue already
    provides what answers it."""

    code: str
    label: str
    names: list[str]
    provided: bool | None  # None: nothing of the venue's list answers it (prepared by hand)

    @property
    def count(self) -> int:
        return len(self.names)


def needs_to_prepare(
    event: RecruitmentEvent, registrations: list[EventRegistration]
) -> list[NeedToPrepare]:
    """Each access need with the persons who asked for it (the other needs, written out, last)."""
    venue = set(event.access or [])
    found = []
    for need in AccessNeed:
        names = [r.person.name for r in registrations if need.value in (r.needs or [])]
        answered_by = NEED_PROVIDED_BY.get(need.value)
        found.append(
            NeedToPrepare(
                code=need.value,
                label=str(need.label),
                names=names,
                provided=None if answered_by is None else answered_by in venue,
            )
        )
    others = [r.person.name for r in registrations if r.needs_other]
    found.append(NeedToPrepare(code="other", label=_("其他需要"), names=others, provided=None))
    return found


def event_registrations(actor: User, event: RecruitmentEvent) -> list[EventRegistration]:
    """The registrations for the event of the actor's persons, by name, with their interviews."""
    return list(
        registrations_visible_to(actor)
        .filter(event=event)
        .prefetch_related("interviews__posting__employer")
        .order_by("person__name", "pk")
    )
