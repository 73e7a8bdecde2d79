"""The demo's annual work targets: 济宁市's plan ran 2023—2025, and the demo's records begin this
year, so against the plan's own targets every figure would read 0%. A federation distributes its
plan as annual work targets; the demo's are staff's own figures (工作人员录入（文件未规定此数）,
the note says so), entered through the targets services and decided by a second administrator
(audited), for this year's 城乡新增残疾人就业 (济宁市 and the county and street with entries) and
就业年龄段持证残疾人就业率 (济宁市, every county, 任城区's streets):

- 济宁市 and its counties by `jining_admin`, approved by `shandong_checker` — but 邹城市's
  employment rate left waiting (待审核) for a second person;
- 任城区's streets by `rencheng_admin`, approved by `jining_admin`.

They are sized to the demo's own records on the day it is seeded, so that some places are on
track and some behind: a count is the figure so far ÷ the share of the year gone ÷ the place's
pace (0.6 … 1.25), rounded up; a rate is the rate so far, whole, a few points above (behind) or
below (reached). The seed plans' own targets (targets.py) stay as they are."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import Region, RegionLevel
from ablework.indicators.catalogue import measure_named
from ablework.indicators.models import Target, TargetSource
from ablework.indicators.periods import year_period
from ablework.indicators.selectors.figures import Figure, figure_of
from ablework.indicators.services.targets import TargetFigures, approve_target, propose_target

CITY = "370800"
RENCHENG = "370811"
WAITING = "370883"  # 邹城市: its employment-rate target waits for a second administrator
# Counts: the pace each place is set at (above 1 on track, below 1 behind), the city's first.
PACES = (Decimal("0.6"), Decimal("1.1"), Decimal("0.7"), Decimal("1.25"))
# Rates: percentage points above (behind) or below (reached) the rate so far, in turn.
GAPS = (1, -2, 3, -1, 2, -3)
NOTE = (
    "规划只规定了2023—2025年的目标；这是市残联按三年行动方案下达的%(year)s年度工作目标，"
    "由工作人员分解录入（演示数据，文件未规定此数）。"
)


def annual_document(year: int) -> str:
    return f"济宁市残联{year}年度残疾人就业工作目标（按三年行动方案下达，演示数据）"


def _count_target(done: int, elapsed: Decimal, pace: Decimal) -> int:
    """A whole number of persons the place reaches at `pace` by the year's end (at least 1)."""
    wanted = Decimal(max(done, 1)) / elapsed / pace
    return max(1, int(wanted.to_integral_value(rounding=ROUND_CEILING)))


def _rate_target(percent: Decimal | None, gap: int) -> int:
    return max(1, min(99, int((percent or Decimal(50)).to_integral_value()) + gap))


def seed_annual_targets_demo(accounts: dict[str, User]) -> list[Target]:
    """This year's targets of 济宁市, its counties and 任城区's streets; returns them."""
    period = year_period(timezone.localdate().year)
    year = period.start.year
    elapsed = Decimal(str(period.share_elapsed()))
    note = NOTE % {"year": year}
    city = Region.objects.get(code=CITY)
    county = Region.objects.get(code=RENCHENG)

    def enter(actor: str, region: str, indicator: str, value: int, checker: str | None) -> Target:
        target = propose_target(
            actor=accounts[actor],
            region_code=region,
            indicator=indicator,
            first_year=year,
            last_year=year,
            figures=TargetFigures(
                value=str(value),
                source=TargetSource.STAFF,
                document=annual_document(year),
                note=note,
            ),
        )
        if checker is None:
            return target
        return approve_target(actor=accounts[checker], target_id=target.pk, version=target.version)

    def figure(indicator: str, region: Region) -> Figure:
        measure = measure_named(indicator)
        below = list(
            Region.objects.filter(parent=region)
            .exclude(level=RegionLevel.COMMUNITY)
            .order_by("code")
        )
        return figure_of(measure, region, period.start, period.read_until(), below)

    rows: list[Target] = []
    # 城乡新增残疾人就业: the city, then each county and 任城区's street with entries this year.
    entries = figure("new_employment", city)
    rows.append(
        enter(
            "jining_admin",
            CITY,
            "new_employment",
            _count_target(int(entries.total.numerator), elapsed, PACES[0]),
            "shandong_checker",
        )
    )
    turn = 1
    for part in entries.parts:
        if not part.tally.numerator or not part.code:
            continue
        value = _count_target(int(part.tally.numerator), elapsed, PACES[turn % len(PACES)])
        rows.append(enter("jining_admin", part.code, "new_employment", value, "shandong_checker"))
        turn += 1
    parent = next((t for t in rows if t.region_code == RENCHENG), None)
    if parent is not None:
        for part in figure("new_employment", county).parts:
            if part.code and part.tally.numerator:
                value = _count_target(int(part.tally.numerator), elapsed, PACES[turn % len(PACES)])
                value = min(value, int(parent.value))  # a street's part, within 任城区's
                rows.append(
                    enter("rencheng_admin", part.code, "new_employment", value, "jining_admin")
                )
                turn += 1
    # 就业年龄段持证残疾人就业率: the city, every county (邹城市's waiting), 任城区's streets.
    rates = figure("employment_rate", city)
    rows.append(
        enter(
            "jining_admin",
            CITY,
            "employment_rate",
            _rate_target(rates.total.percent(), GAPS[0]),
            "shandong_checker",
        )
    )
    for index, part in enumerate(p for p in rates.parts if p.code and p.tally.denominator):
        value = _rate_target(part.tally.percent(), GAPS[(index + 1) % len(GAPS)])
        checker = None if part.code == WAITING else "shandong_checker"
        rows.append(enter("jining_admin", part.code, "employment_rate", value, checker))
    for index, part in enumerate(
        p for p in figure("employment_rate", county).parts if p.code and p.tally.denominator
    ):
        value = _rate_target(part.tally.percent(), GAPS[(index + 2) % len(GAPS)])
        rows.append(enter("rencheng_admin", part.code, "employment_rate", value, "jining_admin"))
    return rows
