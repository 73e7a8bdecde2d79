"""The demo's records of the "四个一" (seed 003): 任城区's counsellor and 古槐街道's worker
have checked, assessed, registered the needs of and served a dozen persons of 任城区, in the
state a counsellor's caseload is in on an ordinary day — some with the whole cycle done, some
only checked, one who does not want work now, referrals that failed with a next step that is
overdue, one hire — and 微山县's counsellor two persons of 微山县.

Assessments are in the matching contract's vocabulary: a blind person who reads the screen
with a screen reader (and print not at all), a wheelchair user who needs step-free access and
an accessible toilet at any workplace, a deaf person who talks by text and sign language, a
person with an intellectual disability who works with a job coach at a steady pace. Every write
goes through the services (scoped, audited, the registry's changes through its own services).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.demo.support_caseload import (
    CASES,
    CATEGORY_OF,
    COUNSELLOR,
    TOWNSHIP,
    WEISHAN,
    WORKER_NAMES,
    Case,
)
from ablework.registry.models import Person
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    RegistryCorrections,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)


def _persons(accounts: dict[str, User], today: date) -> list[tuple[Case, Person]]:
    """One person per case, in the case's worker's area, never one of the demo accounts' own
    (a case without a fitting person in a small data set is left out)."""
    own = accounts["person_user"].person_id
    used: set[int] = {own} if own else set()
    chosen: list[tuple[Case, Person]] = []
    born_after = date(today.year - 59, today.month, 1)
    born_before = date(today.year - 16, 1, 1)
    for index, case in enumerate(CASES):
        area = {
            WEISHAN: {"county_code": "370826"},
            TOWNSHIP: {"township_code": "370811001"},
        }.get(case.worker, {"county_code": "370811"})
        pool = Person.objects.filter(
            **area,
            merged_into__isnull=True,
            certificate_status="valid",
            birth_date__range=(born_after, born_before),
        ).exclude(pk__in=used)
        category = CATEGORY_OF.get(index)
        # an unemployed person of the case's category first, then any unemployed, then anyone
        person = (
            (
                pool.filter(employment_status="unemployed", disability_category=category).first()
                if category
                else None
            )
            or pool.filter(employment_status="unemployed").order_by("pk").first()
            or pool.order_by("pk").first()
        )
        if person is None:
            continue
        used.add(person.pk)
        chosen.append((case, person))
    return chosen


def seed_support_records_demo(accounts: dict[str, User]) -> dict[str, list[Person]]:
    """Record the CASES through the services; returns the persons served by each worker."""
    today = timezone.localdate()
    served: dict[str, list[Person]] = {COUNSELLOR: [], TOWNSHIP: [], WEISHAN: []}
    with transaction.atomic():
        for case, person in _persons(accounts, today):
            _record_case(accounts[case.worker], person, case, today)
            served[case.worker].append(person)
    return served


def _record_case(actor: User, person: Person, case: Case, today: date) -> None:
    name = WORKER_NAMES[actor.username]
    checked = today - timedelta(days=case.check_days)
    record_check(
        actor=actor,
        person_id=person.pk,
        check=CheckInput(
            on=checked,
            channel="home_visit" if case.check_days > 30 else "phone",
            verified=("identity", "certificate", "contact", "residence", "employment", "wishes"),
            wants_work=case.wants_work,
            given_by=name,
        ),
        corrections=RegistryCorrections(phone=case.new_phone) if case.new_phone else None,
    )
    if case.assessment is not None:
        abilities, needs, pathway, summary = case.assessment
        record_assessment(
            actor=actor,
            person_id=person.pk,
            assessment=AssessmentInput(
                on=checked + timedelta(days=2),
                abilities=abilities,
                hours_per_day=Decimal("4") if pathway == "auxiliary" else Decimal("8"),
                needs=needs,
                pathway=pathway,
                methods=("interview", "observation")
                if pathway != "supported"
                else ("interview", "work_trial"),
                summary=summary,
                given_by=name,
            ),
        )
    if case.needs is not None:
        occupations, skills, hours, commute, wage, remote, accommodations = case.needs
        record_needs(
            actor=actor,
            person_id=person.pk,
            needs=NeedsInput(
                on=checked + timedelta(days=2),
                occupations=occupations,
                skills=skills,
                hours_per_week=hours,
                places="任城区" if actor.username != WEISHAN else "微山县",
                commute_km=commute,
                wage_floor=Decimal(wage),
                accepts_remote=remote,
                needs=accommodations,
                training_wishes="电脑操作" if remote else "",
                given_by=name,
            ),
        )
    for days, kind, channel, result, outcome, step, due_in in case.services:
        served_on = today - timedelta(days=days)
        record_service(
            actor=actor,
            person_id=person.pk,
            service=ServiceInput(
                on=served_on,
                kind=kind,
                channel=channel,
                result=result,
                outcome=outcome,
                next_step=step,
                next_due=served_on + timedelta(days=due_in) if due_in is not None else None,
                given_by=name,
            ),
        )
