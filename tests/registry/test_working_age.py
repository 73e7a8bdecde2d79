"""The working-age population comes from the rules (2025 retirement reform), as a SQL filter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ablework.registry.models import Person
from ablework.registry.selectors import working_age_bounds, working_age_q
from ablework.registry.selectors.working_age import age_band_q, category_of
from ablework.registry.services import fill_protected_columns
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.regions import NATIONAL_REGION
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.retirement import month_index, statutory_retirement
from tests.registry.conftest import resident_id

pytestmark = pytest.mark.django_db


def _store(births: list[date], *, sex: str, base_age: int | None) -> list[Person]:
    persons = [
        fill_protected_columns(
            Person(
                name="边界",
                sex=sex,
                birth_date=birth,
                resident_id=resident_id("370811", birth, male=sex == "male"),
                disability_category=4,
                disability_grade=3,
                county_code="370811",
                employment_status="unemployed",
                retirement_base_age=base_age,
            )
        )
        for birth in births
    ]
    return Person.objects.bulk_create(persons)


def _month_start(year: int, month: int, offset: int) -> date:
    index = year * 12 + month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def _engine_says_working_age(person: Person, on: date) -> bool:
    """The single-case answer straight from the rules engine: 16 reached, retirement month not."""
    ctx = Evaluation(parameter_tree(), NATIONAL_REGION, on)
    sex, base_age = category_of(person.sex, person.retirement_base_age)
    retirement = statutory_retirement(ctx, sex, f"{person.birth_date:%Y-%m}", base_age, "f")
    sixteen = person.birth_date.replace(year=person.birth_date.year + 16) <= on
    return sixteen and retirement.month_index > month_index(on.year, on.month)


@pytest.mark.parametrize(
    "on",
    [
        date(2024, 12, 15),  # before the reform: the original ages
        date(2025, 1, 1),  # the reform's first day
        date(2025, 2, 28),  # men born 1965-01 reach 60y1m this month
        date(2026, 11, 23),
        date(2031, 7, 1),
        date(2045, 3, 31),  # every category at its final age
    ],
)
@pytest.mark.parametrize(
    ("sex", "base_age"),
    [("male", None), ("male", 60), ("female", 55), ("female", 50), ("female", None)],
)
def test_working_age_filter_agrees_with_the_retirement_rule_around_the_boundary(on, sex, base_age):
    # given persons born in the months around the first birth month still short of retirement,
    # on the first and the last day of each month
    first = working_age_bounds(on=on).born_from[category_of(sex, base_age)]
    births = []
    for offset in (-2, -1, 0, 1, 2):
        start = _month_start(first.year, first.month, offset)
        births += [start, _month_start(start.year, start.month, 1) - timedelta(days=1)]
    persons = _store(births, sex=sex, base_age=base_age)

    # when the registry filters them for working age on `on`
    found = set(
        Person.objects.filter(pk__in=[p.pk for p in persons])
        .filter(working_age_q(working_age_bounds(on=on)))
        .values_list("pk", flat=True)
    )

    # then exactly those the rules engine calls working-age are kept, and the boundary is real
    expected = {p.pk for p in persons if _engine_says_working_age(p, on)}
    assert found == expected
    assert 0 < len(found) < len(persons)


def test_the_retirement_month_itself_is_not_working_age():
    # given a man born in January 1965, who reaches 60 years and 1 month in February 2025
    (person,) = _store([date(1965, 1, 20)], sex="male", base_age=None)
    in_bounds = Person.objects.filter(pk=person.pk)

    # then he is of working age on the last day of January 2025 and not from 1 February
    assert in_bounds.filter(working_age_q(working_age_bounds(on=date(2025, 1, 31)))).exists()
    assert not in_bounds.filter(working_age_q(working_age_bounds(on=date(2025, 2, 1)))).exists()


def test_working_age_begins_on_the_sixteenth_birthday():
    # given two people born a day apart, sixteen years before the day asked about
    on = date(2026, 3, 10)
    old_enough, too_young = _store(
        [date(2010, 3, 10), date(2010, 3, 11)], sex="female", base_age=50
    )
    kept = Person.objects.filter(working_age_q(working_age_bounds(on=on)))

    assert kept.filter(pk=old_enough.pk).exists()
    assert not kept.filter(pk=too_young.pk).exists()


def test_age_band_counts_full_years_on_the_day():
    # given people who turn 25 the day before, on and after 2026-06-15
    on = date(2026, 6, 15)
    day_before, on_day, day_after = _store(
        [date(2001, 6, 14), date(2001, 6, 15), date(2001, 6, 16)], sex="male", base_age=None
    )
    band = Person.objects.filter(age_band_q(on=on, youngest=25, oldest=34))

    assert set(band.values_list("pk", flat=True)) == {day_before.pk, on_day.pk}
    younger = Person.objects.filter(age_band_q(on=on, youngest=16, oldest=24))
    assert set(younger.values_list("pk", flat=True)) == {day_after.pk}
