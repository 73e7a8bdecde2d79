"""The indicators' open data (docs/open-data.md): for a province, city or county and a year or
a quarter, every indicator's figure for the region and for each of its children, read through
`figures_for`, with small figures withheld (`indicators/suppression.py`) so no person can be
identified.

A region's figure appears in two tables — its own (as the total) and its parent's (as a part) —
so what is withheld must agree: the tables of the regions above are worked out first, top down
from the province, and a region withheld in its parent's table is withheld in its own (and all
its parts with it). The threshold is the rules parameter in force today at the province, one for
every table of a province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.utils import timezone

from ablework.core.measure_parts import Measure, Tally
from ablework.core.models import Region, RegionLevel
from ablework.indicators.periods import Period
from ablework.indicators.selectors.figures import Figure, figures_for
from ablework.indicators.selectors.source import Source
from ablework.indicators.suppression import Withheld, withhold
from ablework.registry.rulebook import rules_evaluation

THRESHOLD = "open_data.small_count_threshold"
# The regions open data is offered for (a township's persons are too few to publish alone).
OPEN_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
# The columns, in order (docs/open-data.md and the Table Schema, `open_data_schema`).
COLUMNS = (
    "area_code",
    "area_name",
    "area_level",
    "row",
    "region_code",
    "period",
    "period_label",
    "period_start",
    "period_end",
    "read_until",
    "complete",
    "indicator",
    "indicator_name",
    "unit",
    "kind",
    "about",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "suppression",
)


@dataclass(frozen=True)
class OpenFigure:
    """One published (or withheld) figure of an area."""

    code: str
    name: str
    level: str
    is_total: bool
    measure: Measure
    tally: Tally
    withheld: Withheld | None


def threshold_for(region: Region, on: date | None = None) -> int:
    """The small-count threshold in force at the region's province."""
    ctx = rules_evaluation(jurisdiction=region.code[:2] + "0000", on=on or timezone.localdate())
    return ctx.integer(THRESHOLD)


def withholds_persons(measure: Measure) -> bool:
    """Whether the measure's small figures are withheld: counts and rates of persons are;
    amounts of money and counts of units are not."""
    return not (measure.is_amount or measure.about_units)


def _path(region: Region) -> list[Region]:
    """The region and the regions above it, the province first."""
    path = [region]
    while path[0].parent is not None and path[0].parent.level in OPEN_LEVELS:
        path.insert(0, path[0].parent)
    return path


def _table(figure: Figure, threshold: int, above: Withheld | None) -> tuple[Any, dict[str, Any]]:
    if not withholds_persons(figure.measure):
        return None, {}
    parts = [(part.code, part.tally) for part in figure.parts]
    return withhold(
        figure.total, parts, threshold, rate=figure.measure.is_rate, total_withheld=above
    )


def open_figures(region: Region, period: Period) -> tuple[list[OpenFigure], int]:
    """Every indicator's figure for the region and its children over the period, each with its
    reason when withheld; and the threshold used."""
    threshold = threshold_for(region)
    path = _path(region)
    source = Source()  # the rollup while fresh (selectors/source.py)
    above: dict[str, Withheld | None] = {}
    for ancestor, below in pairwise(path):
        for figure in figures_for(ancestor, period, source=source):
            _total, parts = _table(figure, threshold, above.get(figure.measure.code))
            above[figure.measure.code] = parts.get(below.code)
    child_level = {
        RegionLevel.PROVINCE: RegionLevel.CITY,
        RegionLevel.CITY: RegionLevel.COUNTY,
        RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    }[RegionLevel(region.level)]
    rows: list[OpenFigure] = []
    for figure in figures_for(region, period, source=source):
        total, parts = _table(figure, threshold, above.get(figure.measure.code))
        m = figure.measure
        rows.append(
            OpenFigure(region.code, region.name, region.level, True, m, figure.total, total)
        )
        rows.extend(
            OpenFigure(
                part.code, part.name, child_level, False, m, part.tally, parts.get(part.code)
            )
            for part in figure.parts
        )
    return rows, threshold


def _value(figure: OpenFigure) -> str | int | None:
    measure = figure.measure
    if measure.is_rate:
        percent = figure.tally.percent()
        return None if percent is None else str(percent)
    if measure.is_amount:
        return str(Decimal(figure.tally.numerator).quantize(Decimal("0.01")))
    return int(figure.tally.numerator)


def open_rows(region: Region, period: Period, figures: list[OpenFigure]) -> list[dict[str, Any]]:
    """The figures as the open data's rows (COLUMNS), withheld ones without their numbers."""
    until = period.read_until()
    rows = []
    for figure in figures:
        measure = figure.measure
        hidden = figure.withheld is not None
        rows.append(
            {
                "area_code": figure.code,
                "area_name": figure.name,
                "area_level": figure.level,
                "row": "total" if figure.is_total else "part",
                "region_code": region.code,
                "period": period.code,
                "period_label": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "read_until": until.isoformat(),
                "complete": until >= period.end,
                "indicator": measure.code,
                "indicator_name": str(measure.name),
                "unit": str(measure.unit),
                "kind": str(measure.kind),
                "about": "units" if (measure.about_units or measure.is_amount) else "persons",
                "value": None if hidden else _value(figure),
                "numerator": None if hidden or not measure.is_rate else int(figure.tally.numerator),
                "denominator": None if hidden or not measure.is_rate else figure.tally.denominator,
                "suppressed": hidden,
                "suppression": str(figure.withheld) if hidden else None,
            }
        )
    return rows
