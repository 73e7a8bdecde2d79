"""Holding recruitment events (专场招聘): staff of a county or city record an event for a region
of their area — when, on site (the place and its accessibility) or online (the platform and the
link) — with the employers taking part and the open postings they bring. Audited, every problem
named at once by field, edits on the version the form was opened with (409 otherwise)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import FieldsInvalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.versioning import advance_version
from ablework.matching.event_audit_actions import EventAction
from ablework.matching.models import (
    EventEmployer,
    EventMode,
    EventPosting,
    JobPosting,
    RecruitmentEvent,
    VenueAccess,
)
from ablework.matching.selectors.events import (
    MANAGE,
    employers_to_offer,
    event_regions,
    postings_to_offer,
)

AUDITED_FIELDS = (
    "name",
    "organiser",
    "region_code",
    "held_on",
    "starts_at",
    "ends_at",
    "mode",
    "place",
    "platform",
    "link",
)


@dataclass(frozen=True, kw_only=True)
class EventDetails:
    """What an event says, as the form and the demo give it."""

    name: str
    organiser: str
    region_code: str
    held_on: date | None
    starts_at: time | None
    ends_at: time | None
    mode: str
    place: str = ""
    platform: str = ""
    link: str = ""
    access: tuple[str, ...] = ()
    description: str = ""
    employer_ids: tuple[int, ...] = ()
    posting_ids: tuple[int, ...] = ()


def access_in_words(codes: Iterable[str]) -> str:
    """The venue's accessibility as people read it, in the list's order."""
    chosen = set(codes)
    return "、".join(str(item.label) for item in VenueAccess if item.value in chosen)


def check_event(
    actor: User, details: EventDetails, *, on: date, event: RecruitmentEvent | None = None
) -> None:
    """Every problem of the details at once, by field (FieldsInvalid). The postings an event
    already holds stay valid choices when they have ended since."""
    if event is not None:
        held = set(EventPosting.objects.filter(event=event).values_list("posting_id", flat=True))
        details = replace(
            details, posting_ids=tuple(pk for pk in details.posting_ids if pk not in held)
        )
    problems: dict[str, list[str]] = {}

    def add(where: str, message: str) -> None:
        problems.setdefault(where, []).append(message)

    if not details.name.strip():
        add("name", _("请填写活动名称，例如“2026年助残就业专场招聘会”。"))
    if not details.organiser.strip():
        add("organiser", _("请填写主办单位，例如“任城区残疾人联合会”。"))
    if not event_regions(actor).filter(code=details.region_code).exists():
        add("region_code", _("举办地区应当是您辖区内的一个市或县（市、区）。"))
    if details.held_on is None:
        add("held_on", _("请填写举办日期。"))
    if details.starts_at is None:
        add("starts_at", _("请填写开始时间。"))
    if details.ends_at is None:
        add("ends_at", _("请填写结束时间。"))
    elif details.starts_at is not None and details.ends_at <= details.starts_at:
        add("ends_at", _("结束时间应当晚于开始时间。"))
    if details.mode not in EventMode.values:
        add("mode", _("请选择现场招聘或网络招聘。"))
    if details.mode == EventMode.ON_SITE and not details.place.strip():
        add("place", _("现场招聘请填写举办地点，例如“任城区残疾人综合服务中心一楼大厅”。"))
    if details.mode == EventMode.ONLINE and not (details.platform.strip() or details.link):
        add("platform", _("网络招聘请填写网络平台或参加网址。"))
    unknown = set(details.access) - set(VenueAccess.values)
    if unknown:
        add("access", _("没有这项无障碍服务：%(codes)s") % {"codes": "、".join(sorted(unknown))})
    _check_participants(actor, details, on=on, add=add)
    if problems:
        raise FieldsInvalid(problems)


def _check_participants(actor: User, details: EventDetails, *, on: date, add: Any) -> None:
    employers = set(
        employers_to_offer(actor).filter(pk__in=details.employer_ids).values_list("pk", flat=True)
    )
    if set(details.employer_ids) - employers:
        add("employers", _("参会单位应当是您辖区内已登记的用人单位。"))
    postings = postings_to_offer(actor, on=on).filter(pk__in=details.posting_ids)
    if len(set(postings.values_list("pk", flat=True))) != len(set(details.posting_ids)):
        add("postings", _("只能选择您辖区内用人单位正在招聘的岗位（已结束、已招满或草稿的不行）。"))


def _record(event: RecruitmentEvent) -> dict[str, Any]:
    values = snapshot(event, AUDITED_FIELDS)
    values["access"] = access_in_words(event.access or [])
    values["description"] = event.description
    employers = EventEmployer.objects.filter(event=event).select_related("employer")
    values["event_employers"] = "、".join(sorted(str(row.employer.name) for row in employers))
    postings = EventPosting.objects.filter(event=event).select_related("posting__employer")
    values["event_postings"] = "、".join(
        sorted(f"{row.posting.employer.name}：{row.posting.title}" for row in postings)
    )
    return values


def _apply(event: RecruitmentEvent, details: EventDetails) -> None:
    event.name = details.name.strip()
    event.organiser = details.organiser.strip()
    event.region_code = details.region_code
    assert details.held_on is not None
    assert details.starts_at is not None
    assert details.ends_at is not None
    event.held_on = details.held_on
    event.starts_at = details.starts_at
    event.ends_at = details.ends_at
    event.mode = details.mode
    on_site = details.mode == EventMode.ON_SITE
    event.place = details.place.strip() if on_site else ""
    event.platform = "" if on_site else details.platform.strip()
    event.link = "" if on_site else details.link
    event.access = [item.value for item in VenueAccess if item.value in set(details.access)]
    event.description = details.description.strip()


def _set_participants(event: RecruitmentEvent, details: EventDetails) -> None:
    """The event's postings as chosen (postings already at the event stay when they have ended
    since), and its employers: those chosen and those whose postings it holds."""
    kept = set(EventPosting.objects.filter(event=event).values_list("posting_id", flat=True))
    chosen = set(details.posting_ids)
    EventPosting.objects.filter(event=event).exclude(posting_id__in=chosen).delete()
    EventPosting.objects.bulk_create(
        EventPosting(event=event, posting_id=pk) for pk in sorted(chosen - kept)
    )
    employer_ids = set(details.employer_ids) | set(
        JobPosting.objects.filter(pk__in=chosen).values_list("employer_id", flat=True)
    )
    EventEmployer.objects.filter(event=event).exclude(employer_id__in=employer_ids).delete()
    present = set(EventEmployer.objects.filter(event=event).values_list("employer_id", flat=True))
    EventEmployer.objects.bulk_create(
        EventEmployer(event=event, employer_id=pk) for pk in sorted(employer_ids - present)
    )


def create_event(*, actor: User, details: EventDetails, on: date) -> RecruitmentEvent:
    """Record an event for a county or city of the actor's area (`on`: today, for which
    postings are open)."""
    require_permission(actor, MANAGE)
    check_event(actor, details, on=on)
    event = RecruitmentEvent(created_by=actor if actor.pk else None)
    _apply(event, details)
    with transaction.atomic():
        event.save()
        _set_participants(event, details)
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=EventAction.EVENT_CREATE,
            target=event,
            changes=diff({}, _record(event), texts=("description",)),
        )
    return event


def update_event(
    *,
    actor: User,
    event: RecruitmentEvent,
    details: EventDetails,
    on: date,
    seen_version: int | None = None,
) -> RecruitmentEvent:
    """Change an event held inside the actor's area, on the version the form was opened with
    (StaleRecord when it moved on since; nothing written)."""
    require_permission(actor, MANAGE)
    if not scope_of(actor).covers(event):
        raise NotFound(_("没有找到该招聘活动。"))
    check_event(actor, details, on=on, event=event)
    before = _record(event)
    with transaction.atomic():
        advance_version(event, seen=event.version if seen_version is None else seen_version)
        _apply(event, details)
        event.save()
        _set_participants(event, details)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EventAction.EVENT_UPDATE,
            target=event,
            changes=diff(before, _record(event), texts=("description",)),
        )
    return event


def event_place_in_words(event: RecruitmentEvent) -> str:
    """Where the event is, as people read it."""
    if event.mode == EventMode.ONLINE:
        return "，".join(part for part in (event.platform, event.link) if part) or _("网络")
    return f"{region_name(event.region_code)} {event.place}".strip()
