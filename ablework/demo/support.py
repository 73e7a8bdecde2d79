"""The demo's "四个一" queue (employment services): 任城区's and 微山县's persons in scope this
cycle, some served in full, some half way (checked and assessed, or checked and registered),
some checked only recently (waiting, not yet overdue) and the rest not yet reached, so the
queue shows overdue rows first and the supervisors' completion shows figures below target.

The records here are dated this cycle and recorded through the records' services by the
county's counsellor or 古槐街道's worker (`support_records.py` adds a caseload of its own). The
queue's rows are then refreshed for the whole city, as the daily `ablework support refresh` would.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.models import CycleCase
from ablework.support.selectors.due import in_scope_q
from ablework.support.services.cases import refresh_region
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)

DEMO_CITY = "3708"
COUNTIES = {"370811": "rencheng_counsellor", "370826": "weishan_counsellor"}


def _day(today: date, days_ago: int) -> date:
    """A day this cycle, `days_ago` before today (not before 1 January)."""
    return max(today - timedelta(days=days_ago), date(today.year, 1, 1))


def seed_support_demo(accounts: dict[str, User]) -> dict[str, list[Person]]:
    """Records for the first persons in scope of each county, then the city's refresh; the
    persons by what was recorded for them."""
    today = timezone.localdate()
    made: dict[str, list[Person]] = {"full": [], "half": [], "recent": []}
    with transaction.atomic():
        for county, username in COUNTIES.items():
            persons = list(
                Person.objects.filter(in_scope_q(on=today, jurisdiction=county), county_code=county)
                .order_by("pk")
                .only("pk", "township_code")[:12]
            )
            township_worker = accounts.get("rencheng_township")
            for index, person in enumerate(persons[:8]):
                worker = accounts[username]
                if person.township_code == "370811001" and township_worker is not None:
                    worker = township_worker
                kind = ("full", "full", "half", "half", "half", "recent", "recent", "full")[index]
                _record(person, worker, kind, today)
                made[kind].append(person)
        refresh_region(region_code=DEMO_CITY, on=today)
    return made


def _record(person: Person, worker: User, kind: str, today: date) -> None:
    given_by = worker.get_full_name() or worker.username
    actor, person_id = worker, person.pk
    if kind == "recent":
        check = CheckInput(
            on=_day(today, 10),
            channel="phone",
            verified=("contact",),
            wants_work=True,
            given_by=given_by,
        )
        record_check(actor=actor, person_id=person_id, check=check)
        return
    check = CheckInput(
        on=_day(today, 200),
        channel="home_visit",
        verified=("identity", "certificate", "contact", "employment", "wishes"),
        wants_work=True,
        given_by=given_by,
    )
    record_check(actor=actor, person_id=person_id, check=check)
    assessment = AssessmentInput(
        on=_day(today, 180),
        abilities={},
        hours_per_day=Decimal("6.0"),
        needs=(),
        pathway="competitive",
        methods=("interview",),
        summary="可以从事久坐的文职、手工工作，需要无障碍通道。",
        given_by=given_by,
    )
    record_assessment(actor=actor, person_id=person_id, assessment=assessment)
    if kind == "half":
        return
    needs = NeedsInput(
        on=_day(today, 170),
        occupations=("客服", "电子商务"),
        skills="",
        hours_per_week=40,
        places="",
        commute_km=10,
        wage_floor=Decimal("2000.00"),
        accepts_remote=True,
        needs=(),
        training_wishes="",
        given_by=given_by,
    )
    record_needs(actor=actor, person_id=person_id, needs=needs)
    served_on = _day(today, 150)
    service = ServiceInput(
        on=served_on,
        kind="referral",
        channel="on_site",
        result="not_hired",
        outcome="推荐到本区一家电商企业客服岗位面试，未录用。",
        next_step="继续推荐客服岗位",
        next_due=served_on + timedelta(days=30),
        given_by=given_by,
    )
    record_service(actor=actor, person_id=person_id, service=service)


def queue_of(county: str) -> int:
    """How many persons of the county the demo's queue lists this cycle."""
    return (
        CycleCase.objects.filter(county_code=county, year=timezone.localdate().year)
        .exclude(next_due="")
        .count()
    )
