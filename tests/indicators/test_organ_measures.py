"""The organs' and institutions' indicators on constructed units whose values are worked out by
hand (2026Q3, read on 30 September): a unit counts once, in its own county and township, as
the mandate page judges it; a unit that moved county counts where it is registered now. The
units behind the compliance rate are listed, each meeting the mandate or short of it, within
the viewer's area and audited."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import count
from typing import Any

import pytest

from ablework.core.measure_parts import Tally
from ablework.core.models import AuditRecord, Region
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.indicators.audit_actions import IndicatorsAction
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.quota.models import Declaration
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory
from tests.helpers import signed_in

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


def _listed(page: Any) -> str:
    assert page.status_code == 200, page.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())


def test_the_units_behind_the_compliance_rate_are_its_denominator_with_their_gaps(
    units: None,
) -> None:
    # given the units of the rate (2 of 3 in 任城区)
    measure = measure_named("organ_mandate_compliance")
    q3 = parse_period("2026Q3")
    short = Employer.objects.get(authorised_posts=50)
    meets = Employer.objects.get(authorised_posts=60)
    moved = Employer.objects.get(authorised_posts=80, administrative_level="prefecture")
    provincial = Employer.objects.get(authorised_posts=67)
    # when the county's units are read: the three covered units, the one short of it by one
    assert measure.units(RENCHENG, q3.start, q3.end) == {short.pk: 1, meets.pk: 0, moved.pk: 0}  # type: ignore[misc]
    # and the city's add 微山县's provincial institution, which has placed nobody
    assert measure.units("3708", q3.start, q3.end)[provincial.pk] == 1  # type: ignore[index, misc]
    # when 任城区's administrator opens the list from the dashboard
    client = signed_in(CountyAdminFactory())
    dashboard = client.get("/indicators/dashboard/", {"period": "2026Q3"}).content.decode()
    assert (
        "/indicators/organ_mandate_compliance/units/?region=370811&amp;period=2026Q3" in dashboard
    )
    # and the rate's figure counts units, the pooled one counties, not persons
    shown = " ".join(re.sub(r"<[^>]+>", " ", dashboard).split())
    assert "66.7% （2 / 3 家）" in shown
    assert "（0 / 1 个县）" in shown
    page = _listed(
        client.get(
            "/indicators/organ_mandate_compliance/units/", {"region": RENCHENG, "period": "2026Q3"}
        )
    )
    # then it says which meet the mandate and what the other still has to place
    assert "共 3 家单位计入本期比率的分母，其中达到要求的 2 家，未达到的 1 家。" in page
    assert f"{short.name} 任城区 未达到（还须安排 1 人）" in page
    assert f"{meets.name} 古槐街道 达到" in page
    assert f"{moved.name} 任城区 达到" in page
    assert Employer.objects.get(authorised_posts=49).name not in page
    # and the page shown is audited
    record = AuditRecord.objects.filter(action=IndicatorsAction.UNITS_VIEW).latest("pk")
    assert record.detail == {"rows": 3, "indicator": "organ_mandate_compliance", "period": "2026Q3"}
    assert record.region_code == RENCHENG
    # and 微山县 is outside the county's area
    outside = client.get(
        "/indicators/organ_mandate_compliance/units/", {"region": WEISHAN, "period": "2026Q3"}
    )
    assert outside.status_code == 404
    # while the city's administrator sees both counties' units
    city = _listed(
        signed_in(CityAdminFactory()).get(
            "/indicators/organ_mandate_compliance/units/", {"region": "370800", "period": "2026Q3"}
        )
    )
    assert "共 4 家单位计入本期比率的分母，其中达到要求的 2 家，未达到的 2 家。" in city
    assert f"{provincial.name} 微山县 未达到（还须安排 1 人）" in city
