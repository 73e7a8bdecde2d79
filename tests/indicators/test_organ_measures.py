"""The organs' and institutions' indicators on constructed units whose values are worked out by
hand (2026Q3, read on 30 September): a unit counts once, in its own county and township, as
the mandate page judges it; a unit that moved county counts where it is registered now."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

import pytest

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.quota.models import Declaration

RENCHENG, WEISHAN, GUHUAI = "370811", "370826", "370811001"
CODES = ("organ_mandate_compliance", "organ_pooled_compliance")
_numbers = count(1)


def unit(kind: str, level: str, posts: int | None, **fields: Any) -> Employer:
    number = next(_numbers)
    county = fields.pop("county_code", RENCHENG)
    return Employer.objects.create(
        name=f"指标测试单位{number}",
        uscc=uscc_with_check(f"{'11' if kind == 'organ' else '12'}{county}8{number:07d}"),
        kind=kind,
        county_code=county,
        staff_count=posts or 10,
        administrative_level=level,
        authorised_posts=posts,
        **fields,
    )


def certified(employer: Employer, counted: str, staff: str) -> None:
    Declaration.objects.create(
        employer=employer,
        levy_year=2025,
        status="certified",
        rules_trace={"counted_disabled": counted, "annual_average_headcount": staff},
    )


def read(code: str) -> dict[str, Any]:
    region = Region.objects.get(code=code)
    chosen = [m for m in catalogue() if m.code in CODES]
    return {f.measure.code: f for f in figures_for(region, parse_period("2026Q3"), measures=chosen)}


@pytest.fixture
def units(db: None) -> None:
    Region.objects.get_or_create(
        code=GUHUAI,
        defaults={"name": "古槐街道", "level": "township", "parent_id": RENCHENG},
    )
    unit("organ", "prefecture", 50)  # must place one, has none: not met
    moved = unit("organ", "prefecture", 80, county_code=WEISHAN)  # placed one: met
    certified(moved, "1", "80")
    Employer.objects.filter(pk=moved.pk).update(county_code=RENCHENG)
    meets = unit("organ", "prefecture", 60, township_code=GUHUAI)  # 2 ≥ 60 × 1.5%: met
    certified(meets, "2", "60")
    unit("organ", "prefecture", 49)  # below the size: not covered
    unit("institution", "prefecture", 300, school_type="primary_secondary")  # a school
    unit("organ", "", 80)  # no level recorded: cannot be judged
    unit("enterprise", "", None)  # not an organ or institution
    # 任城区's county and township units together: 1 counted < 70 posts × 1.5% = 1.05
    unit("organ", "county", 40)
    certified(unit("institution", "township", 30), "1", "30")
    # 微山县: one provincial institution of 67 posts with nobody placed
    unit("institution", "province", 67, county_code=WEISHAN)


def test_mandate_compliance_counts_the_covered_units_that_meet_it(units: None) -> None:
    # when 任城区's figures are read
    found = read(RENCHENG)
    # then three units are covered — the one moved in included — and two of them meet it
    assert found["organ_mandate_compliance"].total == Tally(2, 3)
    assert found["organ_mandate_compliance"].total.percent() == Decimal("66.7")
    # and the one that meets the ratio counts in its township
    parts = {p.code: p.tally for p in found["organ_mandate_compliance"].parts}
    assert parts[GUHUAI] == Tally(1, 1)
    assert parts[""] == Tally(1, 2)
    # and 任城区's pooled county and township units fall short of the ratio
    assert found["organ_pooled_compliance"].total == Tally(0, 1)


def test_the_city_shows_each_county(units: None) -> None:
    found = read("370800")
    parts = {p.code: p.tally for p in found["organ_mandate_compliance"].parts}
    assert parts[RENCHENG] == Tally(2, 3)
    assert parts[WEISHAN] == Tally(0, 1)
    # 微山县 has no county or township unit: no pooled line
    pooled = {p.code: p.tally for p in found["organ_pooled_compliance"].parts}
    assert pooled[RENCHENG] == Tally(0, 1)
    assert pooled[WEISHAN] == Tally(0, 0)
