"""The employment services' indicators on constructed data whose values are worked out by hand:
the "四个一" completion rates of 2026 in 任城区 (refreshed on 30 June) and the 2026 graduates'
rates read on 30 September, with the edges — a person who moved county, one who retired, one
who died, one who found work; a graduate gone on to further study, one employed after the
period, an offer made after it, a graduate of another year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.registry.models import Person
from ablework.support.models import (
    Assessment,
    Cohort,
    Graduate,
    InformationCheck,
    MonthlyStatus,
    NeedsRegistration,
    Opportunity,
    ServiceRecord,
)
from ablework.support.selectors.graduates import rates
from ablework.support.services.cases import refresh_region
from tests.registry.factories import PersonFactory

RENCHENG, WEISHAN = "370811", "370826"
FOUR = ("four_check", "four_assessment", "four_needs", "four_service")
GRADUATE_RATES = ("graduate_registration_rate", "graduate_service_rate", "graduate_employment_rate")


def read(code: str, period: str, codes: tuple[str, ...]) -> dict[str, Any]:
    region = Region.objects.get(code=code)
    chosen = [m for m in catalogue() if m.code in codes]
    return {f.measure.code: f for f in figures_for(region, parse_period(period), measures=chosen)}


def check(person: Person, on: date, wants_work: bool | None = None) -> None:
    InformationCheck.objects.create(person=person, on=on, channel="phone", wants_work=wants_work)


def assess(person: Person, on: date) -> None:
    Assessment.objects.create(
        person=person, on=on, hours_per_day=Decimal(8), pathway="competitive", summary="可就业"
    )


def register_needs(person: Person, on: date) -> None:
    NeedsRegistration.objects.create(
        person=person, on=on, hours_per_week=40, commute_km=10, wage_floor=Decimal(2000)
    )


def serve(person: Person, on: date) -> None:
    ServiceRecord.objects.create(person=person, on=on, kind="guidance", channel="phone")


@pytest.fixture
def cycle_2026(db: None) -> dict[str, Person]:
    people = {name: PersonFactory() for name in ("p1", "p2", "p4", "p10")}
    people["p3"] = PersonFactory(employment_status="not_seeking")
    people["p5"] = PersonFactory(county_code=WEISHAN)
    people["p6"] = PersonFactory(employment_status="retired")
    people["p7"] = PersonFactory()
    people["p8"] = PersonFactory(employment_status="employed", employment_kind="flexible")
    people["p9"] = PersonFactory(county_code=WEISHAN)
    # p1: all four done; p2: checked only; p3: checked, does not want work; p4 (unemployed):
    # nothing done
    check(people["p1"], date(2026, 2, 1), True)
    assess(people["p1"], date(2026, 3, 1))
    register_needs(people["p1"], date(2026, 4, 1))
    serve(people["p1"], date(2026, 5, 1))
    check(people["p2"], date(2026, 4, 10), True)
    check(people["p3"], date(2026, 5, 5), False)
    # p5: checked in 微山县 on 20 May, then moved to 任城区
    check(people["p5"], date(2026, 5, 20), True)
    Person.objects.filter(pk=people["p5"].pk).update(county_code=RENCHENG)
    # p6 retired, p7 died, p8 found work: none of them is served by the "四个一"
    check(people["p6"], date(2026, 4, 1), True)
    check(people["p7"], date(2026, 4, 1), True)
    Person.objects.filter(pk=people["p7"].pk).update(certificate_status="deceased")
    # p10: checked last year only
    check(people["p10"], date(2025, 11, 1), True)
    refresh_region(region_code="37", on=date(2026, 6, 30))
    return people


def test_four_services_completion_in_the_year(cycle_2026: dict[str, Person]) -> None:
    # when 任城区's 2026Q2 figures are read
    found = read(RENCHENG, "2026Q2", FOUR)
    # then in scope are p1, p2, p3, p4, p5 (moved in) and p10; p1, p2, p3 and p5 were checked
    assert found["four_check"].total == Tally(4, 6)
    assert found["four_check"].total.percent() == Decimal("66.7")
    # and p1, p2, p4, p5 and p10 want work (unemployed), of whom only p1 was assessed,
    # registered and served
    for code in ("four_assessment", "four_needs", "four_service"):
        assert found[code].total == Tally(1, 5), code
    # and 微山县 has p9 only: p5 counts where the refresh placed them
    assert read(WEISHAN, "2026Q2", FOUR)["four_check"].total == Tally(0, 1)


def test_the_city_shows_each_county(cycle_2026: dict[str, Person]) -> None:
    parts = {p.code: p.tally for p in read("370800", "2026", FOUR)["four_check"].parts}
    assert parts[RENCHENG] == Tally(4, 6)
    assert parts[WEISHAN] == Tally(0, 1)


def graduate(cohort: Cohort, name: str, person: Person | None = None, **fields: Any) -> Graduate:
    return Graduate.objects.create(
        cohort=cohort,
        name=name,
        resident_id=name,
        resident_id_hash=f"hash-{name}",
        school="济宁学院",
        graduation_date=date(cohort.year, 6, 30),
        person=person,
        match_problem="" if person else "not_registered",
        county_code=cohort.county_code,
        **fields,
    )


def month(one: Graduate, first_day: date, status: str) -> None:
    MonthlyStatus.objects.create(
        graduate=one, month=first_day, status=status, recorded_on=first_day
    )


def offer(one: Graduate, on: date) -> None:
    Opportunity.objects.create(graduate=one, offered_on=on, kind="posting", employer="某公司")


@pytest.fixture
def cohort_2026(db: None) -> Cohort:
    cohort = Cohort.objects.create(year=2026, county_code=RENCHENG)
    # g1: matched, offered a job on 10 July, employed from August
    g1 = graduate(cohort, "甲", PersonFactory())
    offer(g1, date(2026, 7, 10))
    month(g1, date(2026, 8, 1), "employed")
    # g2: matched, served on 5 July, seeking work
    g2 = graduate(cohort, "乙", PersonFactory())
    ServiceRecord.objects.create(
        person=g2.person, on=date(2026, 7, 5), kind="guidance", channel="phone"
    )
    month(g2, date(2026, 7, 1), "seeking")
    # g3: not in the registry; offered a job only on 5 October, after the period
    g3 = graduate(cohort, "丙")
    offer(g3, date(2026, 10, 5))
    # g4: matched, gone on to further study in September
    g4 = graduate(cohort, "丁", PersonFactory())
    month(g4, date(2026, 9, 1), "further_study")
    # g5: matched, seeking in July, employed only from October
    g5 = graduate(cohort, "戊", PersonFactory())
    month(g5, date(2026, 7, 1), "seeking")
    month(g5, date(2026, 10, 1), "employed")
    # a graduate of 2025, and one of 微山县's 2026 cohort
    graduate(Cohort.objects.create(year=2025, county_code=RENCHENG), "己", PersonFactory())
    graduate(Cohort.objects.create(year=2026, county_code=WEISHAN), "庚")
    return cohort


def test_graduates_rates_read_at_the_periods_end(cohort_2026: Cohort) -> None:
    # when 任城区's 2026Q3 figures are read (30 September)
    found = read(RENCHENG, "2026Q3", GRADUATE_RATES)
    # then of g1–g5, all but g3 are in the registry
    assert found["graduate_registration_rate"].total == Tally(4, 5)
    # and g1 (an offer) and g2 (a service) were served; g3's offer came after the period
    assert found["graduate_service_rate"].total == Tally(2, 5)
    # and of those wishing to work (g1, g2, g3, g5 — g4 went on to study) only g1 is employed
    assert found["graduate_employment_rate"].total == Tally(1, 4)
    assert found["graduate_employment_rate"].total.percent() == Decimal("25.0")
    # and 微山县 has its own graduate, not in the registry
    assert read(WEISHAN, "2026Q3", GRADUATE_RATES)["graduate_registration_rate"].total == Tally(
        0, 1
    )


def test_the_ledger_counts_the_same(cohort_2026: Cohort) -> None:
    # given the cohort's ledger rates on 30 September
    found = {
        rate.key: (rate.count, rate.of)
        for rate in rates(cohort_2026, Graduate.objects.all(), today=date(2026, 9, 30))
    }
    # then they are the indicators' figures
    assert found == {"registration": (4, 5), "service": (2, 5), "employment": (1, 4)}
    # and a year later g5 is employed too
    later = rates(cohort_2026, Graduate.objects.all(), today=date(2027, 1, 31))
    assert (later[2].count, later[2].of) == (2, 4)
