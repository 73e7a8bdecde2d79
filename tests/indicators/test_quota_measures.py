"""The quota, levy and reward indicators on constructed data whose values are worked out by
hand (2026Q2 in 任城区 and 微山县): counted per unit (家) or summed in 元, in the unit's county
and township; with the edges — a certification late on 31 March (China's day, not UTC's), a
correction, a unit that moved county after it was assessed, a payment the day after the
quarter, a reward approved but not yet paid."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ablework.accounts.models import User
from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.levy.models import Assessment, AssessmentRun, CollectedPayment
from ablework.quota.models import Declaration, DeclarationEvent
from ablework.rewards.models import RewardApplication

RENCHENG, WEISHAN, GUHUAI = "370811", "370826", "370811001"
CODES = ("declarations_certified", "levy_assessed", "levy_collected", "rewards_paid")
CHINA = ZoneInfo("Asia/Shanghai")
_numbers = count(1)


def employer(county: str, township: str = "") -> Employer:
    number = next(_numbers)
    return Employer.objects.create(
        name=f"指标测试企业{number}",
        uscc=uscc_with_check(f"91{county}MA{number:06d}"),
        kind="enterprise",
        county_code=county,
        township_code=township,
        staff_count=100,
    )


def declaration(unit: Employer, transition: str, at: datetime, status: str) -> Declaration:
    found = Declaration.objects.create(employer=unit, levy_year=2025, status=status)
    DeclarationEvent.objects.create(
        declaration=found,
        transition=transition,
        from_status="submitted",
        to_status=status,
        at=at,
    )
    return found


def assess(run: AssessmentRun, unit: Employer, county: str, due: str | None) -> None:
    Assessment.objects.create(
        run=run,
        employer=unit,
        county_code=county,
        levy_year=run.levy_year,
        basis="certified",
        levy_due=None if due is None else Decimal(due),
    )


def paid(unit: Employer, county: str, amount: str, on: date) -> None:
    CollectedPayment.objects.create(
        employer=unit, county_code=county, levy_year=2025, amount=Decimal(amount), paid_on=on
    )


def reward(found: Declaration, amount: str, status: str, paid_on: date | None = None) -> None:
    staff = User.objects.get_or_create(username="奖励审核人", defaults={"role": "system_admin"})[0]
    RewardApplication.objects.create(
        declaration=found,
        levy_year=2025,
        amount=Decimal(amount),
        basis="超比例 1 人",
        status=status,
        applied_by=staff,
        applied_at=datetime(2026, 4, 1, 9, tzinfo=CHINA),
        paid_on=paid_on,
        paid_amount=Decimal(amount) if paid_on else None,
    )


@pytest.fixture
def season(db: None) -> None:
    Region.objects.get_or_create(
        code=GUHUAI, defaults={"name": "古槐街道", "level": "township", "parent_id": RENCHENG}
    )
    e1, e2 = employer(RENCHENG, GUHUAI), employer(RENCHENG)
    e3, e4 = employer(WEISHAN), employer(WEISHAN)
    # certified on 10 April: counts
    d1 = declaration(e1, "certify", datetime(2026, 4, 10, 10, tzinfo=CHINA), "certified")
    # certified at 23:30 on 31 March in China (15:30 UTC): the first quarter's
    d2 = declaration(e2, "certify", datetime(2026, 3, 31, 23, 30, tzinfo=CHINA), "corrected")
    # its correction on 5 May is not a second certification
    declaration(e2, "correct", datetime(2026, 5, 5, 9, tzinfo=CHINA), "certified")
    del d2
    d3 = declaration(e3, "certify", datetime(2026, 5, 1, 9, tzinfo=CHINA), "certified")
    # e4 certified at 23:30 on 30 June, then moved to 任城区: counts there
    d4 = declaration(e4, "certify", datetime(2026, 6, 30, 23, 30, tzinfo=CHINA), "certified")
    # the levy: assessed on 15 May by the city, a later run for 2024 in July
    may = AssessmentRun.objects.create(
        levy_year=2025, region_code="370800", assessed_on=date(2026, 5, 15)
    )
    assess(may, e1, RENCHENG, "12000.50")
    assess(may, e2, RENCHENG, "0.00")  # a small enterprise, exempt
    assess(may, e3, WEISHAN, "8000.00")
    assess(may, e4, WEISHAN, "3000.00")  # assessed in 微山县, before it moved
    assess(may, employer(RENCHENG), RENCHENG, None)  # no figures: no amount
    july = AssessmentRun.objects.create(
        levy_year=2024, region_code="370800", assessed_on=date(2026, 7, 10)
    )
    assess(july, e1, RENCHENG, "500.00")
    # payments reported by the tax bureau
    paid(e1, RENCHENG, "6000.25", date(2026, 6, 30))
    paid(e1, RENCHENG, "1000.00", date(2026, 7, 1))  # the day after the quarter
    paid(e3, WEISHAN, "8000.00", date(2026, 4, 1))
    paid(e4, WEISHAN, "1500.00", date(2026, 6, 1))
    # rewards: paid on 20 June; approved, not paid; paid in July
    reward(d1, "4500.00", "paid", date(2026, 6, 20))
    reward(d3, "2000.00", "approved")
    reward(d4, "3000.00", "paid", date(2026, 7, 2))
    Employer.objects.filter(pk=e4.pk).update(county_code=RENCHENG)


def read(code: str) -> dict[str, Any]:
    region = Region.objects.get(code=code)
    chosen = [m for m in catalogue() if m.code in CODES]
    return {f.measure.code: f for f in figures_for(region, parse_period("2026Q2"), measures=chosen)}


def test_declarations_certified_in_the_quarter(season: None) -> None:
    # then d1 and e4's (moved in) were certified in 任城区's quarter; d2 on 31 March, China time
    assert read(RENCHENG)["declarations_certified"].total == Tally(2)
    assert read(WEISHAN)["declarations_certified"].total == Tally(1)


def test_levy_assessed_and_collected_in_yuan(season: None) -> None:
    found = read(RENCHENG)
    # then e1's 12,000.50 and e2's exempt 0 were assessed in 任城区; July's run is not the quarter's
    assert found["levy_assessed"].total == Tally(Decimal("12000.50"))
    assert found["levy_collected"].total == Tally(Decimal("6000.25"))
    # and 微山县 keeps e4's levy, assessed and paid there before it moved
    weishan = read(WEISHAN)
    assert weishan["levy_assessed"].total == Tally(Decimal("11000.00"))
    assert weishan["levy_collected"].total == Tally(Decimal("9500.00"))
    # and e1's amounts are in its township
    parts = {p.code: p.tally for p in found["levy_assessed"].parts}
    assert parts[GUHUAI] == Tally(Decimal("12000.50"))


def test_rewards_paid_in_the_quarter(season: None) -> None:
    assert read(RENCHENG)["rewards_paid"].total == Tally(Decimal("4500.00"))
    assert read(WEISHAN)["rewards_paid"].total.numerator == 0


def test_the_city_adds_its_counties(season: None) -> None:
    found = read("370800")
    assert found["levy_assessed"].total == Tally(Decimal("23000.50"))
    assert found["declarations_certified"].total == Tally(3)
    parts = {p.code: p.tally for p in found["levy_collected"].parts}
    assert parts[RENCHENG] == Tally(Decimal("6000.25"))
    assert parts[WEISHAN] == Tally(Decimal("9500.00"))
