"""The demo's zero-employment households (零就业家庭), recorded through the services: in 任城区
two still tracked — one of 古槐街道 with two registered members, tracked for about nine months,
one recognised three months ago — and one resolved when its member's job was entered in the
registry (the daily refresh found it, with the date); in 微山县 one recognised recently."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import EmploymentPeriod, EmploymentStatus, Person
from ablework.registry.services import PersonChanges, update_person
from ablework.support.models import HouseholdMember
from ablework.support.services.households import (
    HouseholdInput,
    record_household,
    resolve_from_registry,
)

RENCHENG, GUHUAI, WEISHAN = "370811", "370811001", "370826"
# The registry's synthetic histories start on this day: no demo date goes before it.
HISTORY_STARTS = date(2026, 1, 2)


def _day(today: date, days_ago: int) -> date:
    return max(today - timedelta(days=days_ago), HISTORY_STARTS)


def _unemployed(county: str, *, township: str = "", since: date, count: int) -> list[Person]:
    """Persons of the place without work since before `since` (the unemployed first), in no
    household."""
    later_job = EmploymentPeriod.objects.filter(
        person=OuterRef("pk"), status=EmploymentStatus.EMPLOYED, started_on__gte=since
    )
    persons = Person.objects.filter(
        county_code=county,
        merged_into__isnull=True,
        certificate_status="valid",
    ).exclude(pk__in=HouseholdMember.objects.values("person_id"))
    # the unemployed first; a member unable to work or retired belongs to the household too
    persons = persons.exclude(employment_status=EmploymentStatus.EMPLOYED)
    wanting = Case(
        When(employment_status=EmploymentStatus.UNEMPLOYED, then=Value(0)), default=Value(1)
    )
    # without work since before `since`: their open period began by then
    newer = EmploymentPeriod.objects.filter(
        person=OuterRef("pk"), ended_on__isnull=True, started_on__gt=since
    )
    persons = persons.exclude(Exists(later_job)).exclude(Exists(newer)).order_by(wanting, "-pk")
    found = list(persons.filter(township_code=township)[:count]) if township else []
    # the township's first, then others of the county (a small demo has few per township)
    found += list(persons.exclude(pk__in=[p.pk for p in found])[: count - len(found)])
    return found


def _record(actor: User, persons: list[Person], on: date, **fields: object) -> None:
    first, *others = persons
    household = HouseholdInput(
        recognised_on=on,
        other_resident_ids="\n".join(p.resident_id for p in others),
        **fields,  # type: ignore[arg-type]
    )
    record_household(actor=actor, person_id=first.pk, household=household)


def seed_households_demo(accounts: dict[str, User]) -> None:
    today = timezone.localdate()
    township_worker = accounts["rencheng_township"]
    counsellor = accounts["rencheng_counsellor"]
    with transaction.atomic():
        long_ago = _day(today, 270)
        pair = _unemployed(RENCHENG, township=GUHUAI, since=long_ago, count=2)
        # 古槐街道's worker records it when both live in her street, else the county's counsellor
        inside = all(p.township_code == GUHUAI for p in pair)
        _record(
            township_worker if inside else counsellor,
            pair,
            long_ago,
            basis="application",
            basis_note="古槐街道就业援助申请（家庭申请）",
            other_members=1,
            notes="家中两名持证残疾人，配偶在家照料，无固定收入。",
        )
        recent = _day(today, 95)
        _record(
            counsellor,
            _unemployed(RENCHENG, since=recent, count=1),
            recent,
            basis="visit",
            other_members=2,
        )
        resolved_since = _day(today, 290)
        resolved = _unemployed(RENCHENG, since=resolved_since, count=1)
        _record(
            counsellor,
            resolved,
            resolved_since,
            basis="hrss_list",
            basis_note="任城区人社局零就业家庭认定名单",
            other_members=0,
        )
        # Her job is entered in the registry; the daily refresh resolves the household from it.
        update_person(
            actor=accounts["rencheng_admin"],
            person=resolved[0],
            changes=PersonChanges(
                employment_status=EmploymentStatus.EMPLOYED,
                employment_kind="public_welfare_post",
                employer_name="任城区某社区公益性岗位（保洁）",
                employment_since=_day(today, 40),
            ),
        )
        _record(
            accounts["weishan_counsellor"],
            _unemployed(WEISHAN, since=_day(today, 20), count=1),
            _day(today, 20),
            basis="visit",
            other_members=1,
        )
        resolve_from_registry(region_code="3708", on=today)
