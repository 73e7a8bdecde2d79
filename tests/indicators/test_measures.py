"""Each registry indicator on a constructed data set whose values are worked out by hand
(docs/indicators.md): 2026Q2 in 任城区 (370811), with the edges — a person who moved county
mid-quarter, one who retired, one who died, one registered already employed, a change of
employer, a second entry into work in the same quarter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.registry.models import (
    CertificateEvent,
    CertificateEventKind,
    CertificateEventSource,
    EmploymentPeriod,
    Person,
    TrainingRecord,
)
from tests.registry.factories import PersonFactory

RENCHENG, WEISHAN, GUHUAI, YUEHE = "370811", "370826", "370811001", "370811002"
Q2 = parse_period("2026Q2")


def person(*history: tuple[str, str, date], **fields: Any) -> Person:
    """A person whose employment history is exactly `history`: (status, kind, from), each period
    ending the day before the next begins."""
    created = PersonFactory(**fields)
    EmploymentPeriod.objects.filter(person=created).delete()
    for index, (status, kind, started_on) in enumerate(history):
        following = history[index + 1][2] if index + 1 < len(history) else None
        EmploymentPeriod.objects.create(
            person=created,
            status=status,
            kind=kind,
            employer_name="",
            started_on=started_on,
            ended_on=date.fromordinal(following.toordinal() - 1) if following else None,
        )
    return created


JAN, APR1 = date(2026, 1, 1), date(2026, 4, 1)


@pytest.fixture
def quarter(db: None) -> dict[str, Person]:
    Region.objects.get_or_create(
        code=GUHUAI,
        defaults={
            "name": "古槐街道",
            "level": "township",
            "parent_id": RENCHENG,
            "county_code": RENCHENG,
        },
    )
    Region.objects.get_or_create(
        code=YUEHE,
        defaults={
            "name": "越河街道",
            "level": "township",
            "parent_id": RENCHENG,
            "county_code": RENCHENG,
        },
    )
    people = {
        # A: unemployed, then employed on 10 May; lives in a town; finished a course in May.
        "a": person(
            ("unemployed", "", JAN),
            ("employed", "flexible", date(2026, 5, 10)),
            township_code=GUHUAI,
            urban_rural="urban",
        ),
        # B: registered already employed: never an entry.
        "b": person(("employed", "quota", JAN), employment_status="employed"),
        # C: found work on 15 April in 微山县, moved to 任城区 in June: counts in 任城区.
        "c": person(
            ("unemployed", "", JAN),
            ("employed", "quota", date(2026, 4, 15)),
            county_code=WEISHAN,
            urban_rural="rural",
        ),
        # D: lost the job on 1 April, found another on 1 June: one entry in the quarter.
        "d": person(
            ("employed", "quota", JAN),
            ("unemployed", "", APR1),
            ("employed", "flexible", date(2026, 6, 1)),
            township_code=YUEHE,
        ),
        # E: changed employer on 1 May: employed throughout, no entry.
        "e": person(("employed", "quota", JAN), ("employed", "flexible", date(2026, 5, 1))),
        # F: employed, retired on 1 May; born 1964, past retirement age on 30 June.
        "f": person(
            ("employed", "quota", JAN),
            ("retired", "", date(2026, 5, 1)),
            birth_date=date(1964, 3, 1),
        ),
        # G: found work on 20 April, died on 10 June: the entry counts, not the rate.
        "g": person(("unemployed", "", JAN), ("employed", "concentrated", date(2026, 4, 20))),
        # H: a public-welfare post from 5 May.
        "h": person(("unemployed", "", JAN), ("employed", "public_welfare_post", date(2026, 5, 5))),
        # I: unemployed all along.
        "i": person(("unemployed", "", JAN)),
        # J: 微山县, unemployed, found work on 1 July: after the quarter.
        "j": person(
            ("unemployed", "", JAN), ("employed", "quota", date(2026, 7, 1)), county_code=WEISHAN
        ),
    }
    Person.objects.filter(pk=people["c"].pk).update(county_code=RENCHENG)
    CertificateEvent.objects.create(
        person=people["g"],
        kind=CertificateEventKind.HOLDER_DIED,
        effective_on=date(2026, 6, 10),
        source=CertificateEventSource.STAFF,
    )
    TrainingRecord.objects.create(
        person=people["a"], subject="电子商务", completed_on=date(2026, 5, 30)
    )
    TrainingRecord.objects.create(person=people["a"], subject="直播", completed_on=date(2026, 7, 1))
    TrainingRecord.objects.create(person=people["i"], subject="按摩", completed_on=None)
    return people


def figures(code: str) -> dict[str, Any]:
    region = Region.objects.get(code=code)
    return {figure.measure.code: figure for figure in figures_for(region, Q2)}


def test_new_employment_counts_entries_into_work_once_each(quarter: dict[str, Person]) -> None:
    # given the quarter's histories
    # when the county's figures are read
    found = figures(RENCHENG)
    # then A, C (moved in), D (once), G (died later) and H entered work; B, E, F did not
    assert found["new_employment"].total == Tally(5)
    assert found["new_urban_employment"].total == Tally(1)
    assert found["new_public_welfare_posts"].total == Tally(1)
    # and 微山县 has nobody: C counts where registered now, J found work after the quarter
    assert figures(WEISHAN)["new_employment"].total == Tally(0)


def test_employment_rate_leaves_out_the_retired_and_the_dead(quarter: dict[str, Person]) -> None:
    rate = figures(RENCHENG)["employment_rate"]
    # of A, B, C, D, E, H, I (F retired, G died on 10 June), all but I are employed on 30 June
    assert rate.total == Tally(6, 7)
    assert rate.total.percent() == Decimal("85.7")


def test_training_counts_courses_finished_in_the_period(quarter: dict[str, Person]) -> None:
    assert figures(RENCHENG)["training_attendances"].total == Tally(1)


def test_townships_add_up_to_the_county(quarter: dict[str, Person]) -> None:
    parts = {part.code: part.tally for part in figures(RENCHENG)["new_employment"].parts}
    # A in 古槐街道, D in 越河街道, C, G and H with no township recorded
    assert parts[GUHUAI] == Tally(1)
    assert parts[YUEHE] == Tally(1)
    assert parts[""] == Tally(3)


def test_the_city_shows_each_county(quarter: dict[str, Person]) -> None:
    parts = {part.code: part.tally for part in figures("370800")["new_employment"].parts}
    assert parts[RENCHENG] == Tally(5)
    assert parts[WEISHAN] == Tally(0)
    assert figures("370000")["new_employment"].parts[0].code.startswith("37")


def test_every_indicator_cites_a_seed_plan(db: None) -> None:
    for measure in catalogue():
        assert measure.sources, measure.code
        for source in measure.sources:
            assert source.seed_file.endswith(".txt")
            assert source.quote
    assert measure_named("new_employment").unit == "人"


def test_queries_do_not_grow_with_the_region(quarter: dict[str, Person]) -> None:
    region = Region.objects.get(code="370800")
    figures_for(region, Q2)  # the rules parameters in force are read once, then cached
    with CaptureQueriesContext(connection) as few:
        figures_for(region, Q2)
    PersonFactory.create_batch(5, county_code=WEISHAN)
    with CaptureQueriesContext(connection) as more:
        figures_for(region, Q2)
    assert len(more) == len(few) <= 2 * len(catalogue()) + 1
