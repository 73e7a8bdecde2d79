"""Submissions racing each other for real (threads with their own connections, PostgreSQL): the
same employer twice, and two employers declaring the same person."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from ablework.core.errors import Conflict
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, LineMonth
from ablework.quota.services import submit_declaration
from ablework.registry.services.certificates import add_certificate_event
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory
from tests.registry.test_concurrent_writes import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
    ),
]
TODAY = date(2024, 6, 1)


def submit(payload):
    return lambda: submit_declaration(
        actor=None, declaration=read_declaration(payload), today=TODAY
    )[0]


def test_two_submissions_of_one_employer_and_year_store_one(national_regions) -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    outcomes = at_once(submit(payload), submit(payload))
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Declaration"], outcomes
    assert any(isinstance(o, Conflict) for o in outcomes)
    assert Declaration.objects.count() == 1


def test_two_employers_submitting_one_person_at_once_count_each_month_once(
    national_regions,
) -> None:
    first, second = EmployerFactory(), EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    outcomes = at_once(
        *(
            submit(declaration(e.uscc, [line(person.certificate_number, "王一")]))
            for e in (first, second)
        )
    )
    assert all(isinstance(o, Declaration) for o in outcomes), outcomes
    counted = LineMonth.objects.filter(counted=True)
    # January–June counted by whichever came first, and by nobody else
    assert sorted(counted.values_list("month", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert counted.values("roster_line__declaration").distinct().count() == 1
    later = LineMonth.objects.filter(counted=False)
    assert all(m.problem_codes == ["counted_elsewhere"] for m in later)
    assert later.count() == 6


def test_two_employers_under_the_old_and_the_new_number_at_once_count_each_month_once(
    national_regions,
) -> None:
    first, second = EmployerFactory(), EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    old_number = person.certificate_number
    add_certificate_event(
        person=person, kind="reassessed", on=date(2023, 7, 15), source="staff", grade=2
    )
    person.refresh_from_db()
    outcomes = at_once(
        submit(declaration(first.uscc, [line(old_number, "王一")])),
        submit(declaration(second.uscc, [line(person.certificate_number, "王一")])),
    )
    assert all(isinstance(o, Declaration) for o in outcomes), outcomes
    counted = LineMonth.objects.filter(counted=True)
    # one person, whichever number each roster carries: January–June counted once
    assert sorted(counted.values_list("month", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert counted.values("roster_line__declaration").distinct().count() == 1
    assert LineMonth.objects.filter(counted=False, problem_codes=["counted_elsewhere"]).count() == 6
