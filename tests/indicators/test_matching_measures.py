"""The matching indicators on constructed referrals whose values are worked out by hand (2026Q2):
referrals made by their day, hires by the first day at work, each where the person is
registered now — a person who moved county counts in the new one, a referral of a posting in
another county counts where the person lives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.matching.models import JobPosting, Referral, ReferralStep
from ablework.registry.models import Person
from tests.registry.factories import PersonFactory

RENCHENG, WEISHAN = "370811", "370826"
CODES = ("referrals_made", "referral_hires")


def posting(county: str) -> JobPosting:
    employer = Employer.objects.create(
        name=f"招聘单位{county}",
        uscc=uscc_with_check(f"91{county}MA{JobPosting.objects.count() + 1:06d}"),
        kind="enterprise",
        county_code=county,
        staff_count=50,
    )
    return JobPosting.objects.create(
        employer=employer,
        title="电话客服",
        tasks="接听来电",
        kind="targeted",
        status="open",
        county_code=county,
        wage_min=Decimal(2500),
        wage_max=Decimal(3200),
        hours_per_week=40,
        contract_type="fixed_term",
        openings=5,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )


def referral(
    person: Person, job: JobPosting, state: str, referred_on: date | None, **step: Any
) -> Referral:
    made = Referral.objects.create(
        person=person,
        posting=job,
        state=state,
        source="search" if referred_on else "request",
        consent_how="oral",
        consent_on=referred_on or date(2026, 5, 1),
        referred_on=referred_on,
        state_on=step.get("on", referred_on or date(2026, 5, 1)),
    )
    if state == "hired":
        ReferralStep.objects.create(referral=made, state="hired", **step)
    return made


@pytest.fixture
def referrals(db: None) -> None:
    here, there = posting(RENCHENG), posting(WEISHAN)
    a, b, c, d = (PersonFactory() for _ in range(4))
    # A: referred on 3 April, hired, first day at work 20 April
    referral(a, here, "hired", date(2026, 4, 3), on=date(2026, 4, 15), started_on=date(2026, 4, 20))
    # A again, to 微山县's posting on 1 May, not hired: counts in 任城区, where A lives
    referral(a, there, "not_hired", date(2026, 5, 1))
    # B: referred on 30 June, hired on 2 July: a referral of the quarter, a hire of the next
    referral(b, here, "hired", date(2026, 6, 30), on=date(2026, 7, 1), started_on=date(2026, 7, 2))
    # C: asked to be referred on 1 May, not referred yet
    referral(c, here, "requested", None)
    # D: referred on 31 March, hired from 1 April
    referral(d, here, "hired", date(2026, 3, 31), on=date(2026, 4, 1), started_on=date(2026, 4, 1))
    # E: lived in 微山县, referred there on 10 May and hired from 1 June, then moved to 任城区
    e = PersonFactory(county_code=WEISHAN)
    referral(
        e, there, "hired", date(2026, 5, 10), on=date(2026, 5, 30), started_on=date(2026, 6, 1)
    )
    Person.objects.filter(pk=e.pk).update(county_code=RENCHENG)
    # F: 微山县, referred on 2 June, still at interview
    referral(PersonFactory(county_code=WEISHAN), there, "interview", date(2026, 6, 2))


def read(code: str) -> dict[str, Any]:
    region = Region.objects.get(code=code)
    chosen = [m for m in catalogue() if m.code in CODES]
    return {f.measure.code: f for f in figures_for(region, parse_period("2026Q2"), measures=chosen)}


def test_referrals_and_hires_in_the_quarter(referrals: None) -> None:
    found = read(RENCHENG)
    # then A twice, B and E (moved in) were referred in the quarter; C only asked, D in March
    assert found["referrals_made"].total == Tally(4)
    # and A, D (first day 1 April) and E started work in it; B only in July
    assert found["referral_hires"].total == Tally(3)
    # and 微山县 has F's referral, no hire
    weishan = read(WEISHAN)
    assert (weishan["referrals_made"].total, weishan["referral_hires"].total) == (
        Tally(1),
        Tally(0),
    )


def test_the_city_adds_its_counties(referrals: None) -> None:
    parts = {p.code: p.tally for p in read("370800")["referrals_made"].parts}
    assert (parts[RENCHENG], parts[WEISHAN]) == (Tally(4), Tally(1))
