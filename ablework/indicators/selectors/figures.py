"""Each indicator's figure for a region and a period, and by its child regions (issue 14).

Every measure is asked once for the whole region (a bounded number of queries each, see
core/measure_parts.py); its places are then added up to the level shown below the region:
cities under a province, counties under a city, townships under a county. Persons of a county
whose township is not recorded appear on one line of their own, so the children add up to the
region.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure, Place, Tally
from ablework.core.models import Region, RegionLevel
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import Period
from ablework.indicators.selectors.source import Source, tallies_of

NO_TOWNSHIP = ""


@dataclass(frozen=True)
class Part:
    """One child region's figure (`code` "" with `name` 未登记乡镇（街道）)."""

    code: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class Figure:
    """One indicator's figure for the region, and its children's."""

    measure: Measure
    total: Tally
    parts: list[Part]

    @property
    def value(self) -> int | float | Decimal | None:
        if self.measure.is_rate:
            percent = self.total.percent()
            return None if percent is None else float(percent)
        return self.total.numerator


def child_regions(region: Region) -> list[Region]:
    """The regions one level below (none below a township)."""
    if region.level in (RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY):
        return []
    level = {
        RegionLevel.PROVINCE: RegionLevel.CITY,
        RegionLevel.CITY: RegionLevel.COUNTY,
        RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    }[RegionLevel(region.level)]
    return list(Region.objects.filter(parent=region, level=level).order_by("code"))


def child_key(region: Region, place: Place) -> str:
    """The code of the child of `region` a place lies in."""
    county, township = place
    if region.level == RegionLevel.PROVINCE:
        return county[:4] + "00"
    if region.level == RegionLevel.CITY:
        return county
    if region.level == RegionLevel.COUNTY:
        return township if township.startswith(county) else NO_TOWNSHIP
    return region.code


def roll_up(
    region: Region, children: Sequence[Region], tallies: Mapping[Place, Tally], *, empty: Tally
) -> tuple[Tally, list[Part]]:
    """The region's total and each child's (children without a figure at `empty`)."""
    sums: dict[str, Tally] = {}
    total = empty
    for place, tally in tallies.items():
        key = child_key(region, place)
        sums[key] = sums.get(key, empty) + tally
        total = total + tally
    parts = [Part(child.code, child.name, sums.pop(child.code, empty)) for child in children]
    for code, tally in sorted(sums.items()):
        if code == region.code:
            continue
        name = _("未登记乡镇（街道）") if code == NO_TOWNSHIP else code
        parts.append(Part(code, name, tally))
    return total, parts


def empty_tally(measure: Measure) -> Tally:
    return Tally(0, 0) if measure.is_rate else Tally(0)


def figure_of(
    measure: Measure,
    region: Region,
    start: date,
    end: date,
    children: Sequence[Region],
    *,
    source: Source | None = None,
) -> Figure:
    """One measure's figure for the region over `start`…`end` (computed live, or from the
    `source` given: a dashboard's reads the rollup, selectors/source.py)."""
    tallies = tallies_of(measure, region.scope_prefix, start, end, live=True, source=source)
    total, parts = roll_up(region, children, tallies, empty=empty_tally(measure))
    return Figure(measure, total, parts)


def figures_for(
    region: Region,
    period: Period,
    *,
    measures: Sequence[Measure] | None = None,
    source: Source | None = None,
) -> list[Figure]:
    """Every indicator's figure for the region over the period (read up to today while it runs),
    computed live unless a `source` is given (a submission stores live figures)."""
    children = child_regions(region)
    until = period.read_until()
    if until < period.start:
        return [
            Figure(m, empty_tally(m), [Part(c.code, c.name, empty_tally(m)) for c in children])
            for m in measures or catalogue()
        ]
    return [
        figure_of(measure, region, period.start, until, children, source=source)
        for measure in (measures or catalogue())
    ]
