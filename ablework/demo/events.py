"""The demo's recruitment events (招聘活动, docs/matching.md "Recruitment events"), recorded
through the services as the staff who would: after the demo postings,

- 任城区's on-site job fair held twelve days ago (`rencheng_counsellor`), in a hall with step-free
  access, an accessible toilet, a sign-language interpreter and large print, with four postings
  of four employers and one more employer without a posting. Six persons of 任城区 registered,
  asking for a sign-language interpreter, wheelchair access (one with a companion) or large
  print; five came (one's needs not all met), four were interviewed, one was hired as 社区公益保洁员
  — through the referral pipeline, so the registry says 已就业 and the posting counts the hire —
  and three were not, each with the reason recorded; one did not come.
- 济宁市's online job fair in ten days (`jining_admin`), open for registration, with one person
  of 任城区 registered so far (a sign-language interpreter asked for).

Persons are taken in id order from the seeded registry, so the same seed gives the same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.employers.models import Employer
from ablework.matching.models import JobPosting, PostingStatus, RecruitmentEvent
from ablework.matching.services.event_registrations import Outcome, record_outcome, register_person
from ablework.matching.services.events import EventDetails, create_event
from ablework.registry.models import EmploymentStatus, Person

RENCHENG, JINING = "370811", "370800"
PAST_NAME = "任城区助残就业专场招聘会"
UPCOMING_NAME = "济宁市残疾人网络招聘会"
HIRED_AS = "社区公益保洁员"
PAST_POSTINGS = ("电话客服专员", HIRED_AS, "公交站报刊亭经营", "手工编织（辅助性就业）")
UPCOMING_POSTINGS = ("景区电商客服（居家）", "电话客服专员")


@dataclass(frozen=True)
class DemoEvents:
    past: RecruitmentEvent
    upcoming: RecruitmentEvent


@dataclass(frozen=True)
class DemoDay:
    """One registration of the past event: what the person asked for and what happened."""

    needs: tuple[str, ...]
    attended: bool
    needs_met: bool | None = None
    interviewed: tuple[str, ...] = ()  # posting titles
    hired: str | None = None
    not_hired_reason: str = ""


# The first person is out of work (the one hired); the others are the next in id order.
PAST_DAYS = (
    DemoDay(("sign_language",), True, True, (HIRED_AS,), hired=HIRED_AS),
    DemoDay(("wheelchair",), True, True, ("电话客服专员",), not_hired_reason="conditions"),
    DemoDay(
        ("wheelchair", "companion"),
        True,
        False,
        ("公交站报刊亭经营",),
        not_hired_reason="pay_hours",
    ),
    DemoDay((), True, None, (HIRED_AS, "手工编织（辅助性就业）"), not_hired_reason="skills"),
    DemoDay(("large_print",), False),
    DemoDay((), True),
)


def _postings(titles: tuple[str, ...]) -> dict[str, JobPosting]:
    found = {
        posting.title: posting
        for posting in JobPosting.objects.filter(title__in=titles, status=PostingStatus.OPEN)
    }
    missing = set(titles) - set(found)
    assert not missing, f"demo postings missing: {missing}"
    return found


def _persons(accounts: dict[str, User], count: int) -> list[Person]:
    """An out-of-work person of 任城区 first, then the next ones in id order (not the demo
    person's own record, whose pages other demo states describe)."""
    living = Person.objects.filter(county_code=RENCHENG, merged_into__isnull=True)
    own = accounts["person_user"].person_id
    if own is not None:
        living = living.exclude(pk=own)
    # The small test registry may hold no one else out of work: then someone not seeking work.
    first = None
    for status in (EmploymentStatus.UNEMPLOYED, EmploymentStatus.NOT_SEEKING):
        first = first or living.filter(employment_status=status).order_by("pk").first()
    assert first is not None
    return [first, *living.exclude(pk=first.pk).order_by("pk")[: count - 1]]


def _past_event(accounts: dict[str, User], today: date) -> RecruitmentEvent:
    counsellor = accounts["rencheng_counsellor"]
    postings = _postings(PAST_POSTINGS)
    held = {posting.employer_id for posting in postings.values()}
    other = Employer.objects.filter(county_code=RENCHENG).exclude(pk__in=held).order_by("pk")
    details = EventDetails(
        name=PAST_NAME,
        organiser="任城区残疾人就业服务中心",
        region_code=RENCHENG,
        held_on=today - timedelta(days=12),
        starts_at=time(9, 0),
        ends_at=time(11, 30),
        mode="on_site",
        place="任城区残疾人综合服务中心一楼大厅",
        access=("step_free", "accessible_toilet", "sign_language", "large_print"),
        description="面向任城区有就业意愿的持证残疾人，现场有手语翻译和大字版岗位资料。",
        employer_ids=tuple(other.values_list("pk", flat=True)[:1]),
        posting_ids=tuple(posting.pk for posting in postings.values()),
    )
    event = create_event(actor=counsellor, details=details, on=today)
    assert event.held_on is not None
    for person, day in zip(_persons(accounts, len(PAST_DAYS)), PAST_DAYS, strict=True):
        registration = register_person(
            actor=counsellor, event=event, person_id=person.pk, needs=day.needs
        )
        record_outcome(
            actor=counsellor,
            registration=registration,
            outcome=Outcome(
                attended=day.attended,
                needs_met=day.needs_met,
                interviewed=tuple(postings[title].pk for title in day.interviewed),
                hired=postings[day.hired].pk if day.hired else None,
                started_on=event.held_on + timedelta(days=3) if day.hired else None,
                not_hired_reason=day.not_hired_reason,
            ),
            on=today,
            seen_version=registration.version,
        )
    return event


def _upcoming_event(accounts: dict[str, User], today: date) -> RecruitmentEvent:
    postings = _postings(UPCOMING_POSTINGS)
    details = EventDetails(
        name=UPCOMING_NAME,
        organiser="济宁市残疾人就业服务中心",
        region_code=JINING,
        held_on=today + timedelta(days=10),
        starts_at=time(14, 0),
        ends_at=time(16, 30),
        mode="online",
        platform="中国残疾人就业创业网络服务平台",
        access=("sign_language", "captioning"),
        description="线上视频面试，全程手语翻译和文字字幕；报名后由所在县（市、区）残联通知参加方式。",
        posting_ids=tuple(posting.pk for posting in postings.values()),
    )
    event = create_event(actor=accounts["jining_admin"], details=details, on=today)
    person = _persons(accounts, len(PAST_DAYS) + 1)[-1]
    register_person(
        actor=accounts["rencheng_counsellor"],
        event=event,
        person_id=person.pk,
        needs=("sign_language",),
    )
    return event


def seed_events_demo(accounts: dict[str, User]) -> DemoEvents:
    """The demo's two recruitment events (after the demo postings)."""
    today = timezone.localdate()
    with transaction.atomic():
        return DemoEvents(
            past=_past_event(accounts, today), upcoming=_upcoming_event(accounts, today)
        )
