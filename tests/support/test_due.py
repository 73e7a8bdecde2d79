"""Who is due for what in a cycle of the "四个一", against the working-age and status rules:
persons enter and leave the queue on the day they turn 16, retire (2025 reform), die, find
work or whose certificate ends, and a move takes them to the new county's queue."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.registry.models import Person
from ablework.support.models import CycleCase, InformationCheck, ServiceRecord
from ablework.support.selectors.queue import QueueFilters, due_cases
from ablework.support.services.cases import refresh_cases, refresh_region
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = 2026


def case_on(person: Person, day: date) -> CycleCase:
    refresh_cases(person_ids=[person.pk], on=day)
    return CycleCase.objects.get(person=person, year=day.year)


def due_on(person: Person, day: date) -> list[str]:
    return case_on(person, day).due_pillars()


def update(person: Person, **fields: object) -> None:
    Person.objects.filter(pk=person.pk).update(**fields)


def test_an_unemployed_working_age_person_is_due_all_four():
    person = PersonFactory()
    case = case_on(person, date(YEAR, 3, 1))
    assert case.in_scope
    assert case.wants_work
    assert case.due_pillars() == ["check", "assessment", "needs", "service"]
    assert case.next_due == "check"
    assert case.waiting_since == date(YEAR, 1, 1)


def test_not_seeking_work_is_due_the_information_check_only():
    person = PersonFactory(employment_status="not_seeking")
    assert due_on(person, date(YEAR, 3, 1)) == ["check"]


def test_a_check_saying_they_want_work_makes_the_other_three_due():
    person = PersonFactory(employment_status="not_seeking")
    InformationCheck.objects.create(
        person=person, on=date(YEAR, 3, 2), channel="phone", wants_work=True
    )
    case = case_on(person, date(YEAR, 3, 5))
    assert case.check_on == date(YEAR, 3, 2)
    assert case.due_pillars() == ["assessment", "needs", "service"]
    assert case.waiting_since == date(YEAR, 3, 2)


def test_last_years_records_do_not_count_in_this_cycle():
    person = PersonFactory()
    InformationCheck.objects.create(
        person=person, on=date(YEAR - 1, 12, 30), channel="phone", wants_work=True
    )
    assert due_on(person, date(YEAR, 1, 2))[0] == "check"


def test_served_in_full_nothing_is_due():
    person = PersonFactory()
    for model, extra in ((InformationCheck, {"channel": "phone"}),):
        model.objects.create(person=person, on=date(YEAR, 2, 1), **extra)
    from ablework.support.models import Assessment, NeedsRegistration

    Assessment.objects.create(
        person=person, on=date(YEAR, 2, 2), hours_per_day=6, pathway="competitive", summary="可"
    )
    NeedsRegistration.objects.create(
        person=person, on=date(YEAR, 2, 3), hours_per_week=40, commute_km=10, wage_floor=2000
    )
    ServiceRecord.objects.create(
        person=person, on=date(YEAR, 2, 4), kind="guidance", channel="phone"
    )
    case = case_on(person, date(YEAR, 3, 1))
    assert case.due_pillars() == []
    assert case.next_due == ""
    assert case.service_on == date(YEAR, 2, 4)


def test_turning_16_enters_the_queue_on_the_birthday():
    person = PersonFactory(birth_date=date(YEAR - 16, 5, 10))
    assert not case_on(person, date(YEAR, 5, 9)).in_scope
    case = case_on(person, date(YEAR, 5, 10))
    assert case.in_scope
    assert case.next_due == "check"
    assert case.entered_on == date(YEAR, 5, 10)
    assert case.waiting_since == date(YEAR, 5, 10)


def test_retiring_under_the_2025_reform_leaves_the_queue_in_the_retirement_month():
    # A man born in May 1966 reaches 60 in May 2026; the reform delays his retirement by five
    # months, to October 2026 (the retirement month itself is not working age).
    person = PersonFactory(birth_date=date(1966, 5, 10))
    assert case_on(person, date(YEAR, 6, 15)).in_scope  # past 60, still working age
    assert case_on(person, date(YEAR, 9, 30)).in_scope
    case = case_on(person, date(YEAR, 10, 1))
    assert not case.in_scope
    assert case.due_pillars() == []


def test_a_woman_of_the_50_category_retires_at_her_reformed_age():
    # Born in March 1976 with an original age of 50: retirement in November 2026 (50 and 8
    # months); a woman of the same birth without a recorded original age counts as 55.
    person = PersonFactory(sex="female", birth_date=date(1976, 3, 5), retirement_base_age=50)
    unknown = PersonFactory(sex="female", birth_date=date(1976, 3, 5))
    assert case_on(person, date(YEAR, 10, 31)).in_scope
    assert not case_on(person, date(YEAR, 11, 1)).in_scope
    assert case_on(unknown, date(YEAR, 11, 1)).in_scope


def test_death_leaves_the_queue_that_day():
    person = PersonFactory()
    assert case_on(person, date(YEAR, 4, 1)).in_scope
    update(person, certificate_status="deceased")
    case = case_on(person, date(YEAR, 4, 2))
    assert not case.in_scope
    assert case.next_due == ""


def test_finding_work_leaves_the_queue_and_losing_it_enters_again():
    person = PersonFactory()
    assert case_on(person, date(YEAR, 4, 1)).in_scope
    update(person, employment_status="employed")
    assert not case_on(person, date(YEAR, 5, 1)).in_scope
    update(person, employment_status="unemployed")
    case = case_on(person, date(YEAR, 7, 1))
    assert case.in_scope
    assert case.entered_on == date(YEAR, 7, 1)


def test_certificate_expiry_leaves_the_queue_after_its_last_day():
    person = PersonFactory()
    update(person, certificate_valid_until=date(YEAR, 6, 30))
    assert case_on(person, date(YEAR, 6, 30)).in_scope
    assert not case_on(person, date(YEAR, 7, 1)).in_scope


def test_a_merged_record_is_not_in_scope():
    kept, merged = PersonFactory(), PersonFactory()
    update(merged, merged_into=kept)
    assert not case_on(merged, date(YEAR, 3, 1)).in_scope


def test_moving_county_moves_the_case_to_the_new_countys_queue():
    person = PersonFactory(county_code="370811")
    assert case_on(person, date(YEAR, 3, 1)).county_code == "370811"
    update(person, county_code="370826", township_code="")
    refresh_region(region_code="370826", on=date(YEAR, 3, 2))
    case = CycleCase.objects.get(person=person, year=YEAR)
    assert case.county_code == "370826"
    assert case.in_scope


def test_the_daily_refresh_drops_a_person_who_moved_out_and_left_scope():
    person = PersonFactory(county_code="370811")
    refresh_region(region_code="370811", on=date(YEAR, 3, 1))
    update(person, county_code="370826", employment_status="employed")
    refresh_region(region_code="370811", on=date(YEAR, 3, 2))
    case = CycleCase.objects.get(person=person, year=YEAR)
    assert case.county_code == "370826"
    assert not case.in_scope
    assert case.next_due == ""


def test_waiting_long_is_overdue_and_after_the_deadline_everything_due_is():
    person = PersonFactory()
    assert not case_on(person, date(YEAR, 2, 1)).overdue
    assert case_on(person, date(YEAR, 6, 1)).overdue  # 90 days (our working threshold)


def queue_of(county: str, day: date) -> list[Person]:
    """Who the county's queue lists on `day`, as the page reads it (rows re-checked live)."""
    rows = due_cases(
        CycleCase.objects.all(), year=day.year, on=day, filters=QueueFilters(county=county)
    )
    return [row.person for row in rows]


def test_turning_16_the_daily_refresh_of_the_county_brings_them_in_on_the_birthday():
    person = PersonFactory(birth_date=date(YEAR - 16, 5, 10))
    refresh_region(region_code="370811", on=date(YEAR, 5, 9))
    assert person not in queue_of("370811", date(YEAR, 5, 9))
    refresh_region(region_code="370811", on=date(YEAR, 5, 10))
    assert person in queue_of("370811", date(YEAR, 5, 10))


# Who the person is, what the registry records, the day the rows were refreshed (the person
# listed) and the day the queue no longer lists them — the day itself when the registry records
# a death, a job or a move that day, before any refresh (the row is stale until then).
LEAVING = {
    "retires under the 2025 reform": (
        {"birth_date": date(1966, 5, 10)},
        {},
        date(YEAR, 9, 30),
        date(YEAR, 10, 1),
    ),
    "certificate ends": (
        {},
        {"certificate_valid_until": date(YEAR, 6, 30)},
        date(YEAR, 6, 30),
        date(YEAR, 7, 1),
    ),
    "dies": ({}, {"certificate_status": "deceased"}, date(YEAR, 4, 1), date(YEAR, 4, 1)),
    "finds work": ({}, {"employment_status": "employed"}, date(YEAR, 4, 1), date(YEAR, 4, 1)),
    "moves county": (
        {},
        {"county_code": "370826", "township_code": ""},
        date(YEAR, 4, 1),
        date(YEAR, 4, 1),
    ),
}


@pytest.mark.parametrize(
    ("born", "change", "listed_on", "gone_on"), LEAVING.values(), ids=LEAVING.keys()
)
def test_a_person_leaves_the_county_queue_on_the_day_before_any_refresh(
    born, change, listed_on, gone_on
):
    person = PersonFactory(**born)
    refresh_region(region_code="370811", on=listed_on)
    assert person in queue_of("370811", listed_on)
    if change:  # else the day itself is the change: the retirement month begins
        update(person, **change)
    assert person not in queue_of("370811", gone_on)
    assert CycleCase.objects.get(person=person, year=YEAR).in_scope  # the row is not refreshed
    refresh_region(region_code="370811", on=gone_on)
    assert person not in queue_of("370811", gone_on)


def test_a_mover_is_in_the_new_countys_queue_from_that_days_refresh_with_their_records():
    person = PersonFactory(county_code="370811")
    InformationCheck.objects.create(
        person=person, on=date(YEAR, 3, 1), channel="phone", wants_work=True
    )
    refresh_region(region_code="370811", on=date(YEAR, 3, 1))
    update(person, county_code="370826", township_code="")
    assert person not in queue_of("370826", date(YEAR, 3, 2))  # not until the refresh
    refresh_region(region_code="370826", on=date(YEAR, 3, 2))
    assert person in queue_of("370826", date(YEAR, 3, 2))
    assert person not in queue_of("370811", date(YEAR, 3, 2))
    # the check done in the old county still counts: the new county owes the other three
    assert due_on(person, date(YEAR, 3, 2)) == ["assessment", "needs", "service"]
