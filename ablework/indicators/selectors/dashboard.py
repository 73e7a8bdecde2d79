"""A region's dashboard (issue 14): for each indicator offered, its figure for the period, the
approved target whose plan years cover the period with the progress in words, a trend by month
or quarter, and the child regions ranked for the 通报."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ablework.core.measure_parts import Measure, Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import Target, TargetStatus
from ablework.indicators.periods import (
    MONTH,
    QUARTER,
    Period,
    months_of,
    quarters_of,
    year_period,
    years_period,
)
from ablework.indicators.selectors.figures import (
    Figure,
    Part,
    child_regions,
    empty_tally,
    figure_of,
)
from ablework.indicators.selectors.locks import LockBook, LockNote
from ablework.indicators.selectors.source import Source, tallies_of
from ablework.indicators.selectors.targets import Progress, child_targets, progress_of


def value_of(measure: Measure, tally: Tally) -> int | Decimal | None:
    """What a tally shows: a count, or a rate in per cent (None without a denominator)."""
    return tally.percent() if measure.is_rate else tally.numerator


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    value: int | Decimal | None
    partial: bool  # the period runs on: read up to today
    chosen: bool  # the period the dashboard shows


@dataclass(frozen=True)
class Ranked:
    """A child region's figure with its place in the ranking (None: no figure to rank), and its
    own target's progress over the same plan years when it has one."""

    part: Part
    value: int | Decimal | None
    rank: int | None
    tied: bool
    progress: Progress | None


@dataclass(frozen=True)
class Plan:
    """The approved target covering the period, the figure over its years and the progress."""

    target: Target
    period: Period
    tally: Tally
    progress: Progress


@dataclass(frozen=True)
class Row:
    figure: Figure
    value: int | Decimal | None
    plan: Plan | None
    trend: list[TrendPoint]
    ranking: list[Ranked]
    # The period lock (selectors/locks.py): the figure shown is the locked one, or includes
    # locked regions below; and where live data now differs.
    lock: LockNote | None = None


def trend_periods(period: Period) -> list[Period]:
    """The points of a period's trend: a plan's years by quarter; a year, a quarter's or a
    month's year by month."""
    if period.start.year != period.end.year:
        years = range(period.start.year, period.end.year + 1)
        return [quarter for year in years for quarter in quarters_of(year)]
    if QUARTER.fullmatch(period.code) or MONTH.fullmatch(period.code):
        return months_of(year_period(period.start.year))
    return months_of(period)


def total_of(measure: Measure, region: Region, period: Period, source: Source) -> Tally:
    """The region's figure over the period, read up to today (empty before it starts)."""
    until = period.read_until(source.today)
    tally = empty_tally(measure)
    if until < period.start:
        return tally
    stored = source.total(measure, region.scope_prefix, period.start, until)
    if stored is not None:
        return tally + stored
    for part in tallies_of(
        measure, region.scope_prefix, period.start, until, source=source
    ).values():
        tally = tally + part
    return tally


def trend_of(
    measure: Measure, region: Region, period: Period, source: Source, locks: LockBook | None = None
) -> list[TrendPoint]:
    """The region's figure for each point of the period's trend that has started (a locked
    quarter's as locked)."""
    points = []
    for point in trend_periods(period):
        if not point.has_started(source.today):
            continue
        tally = total_of(measure, region, point, source)
        if locks is not None:
            tally = locks.at(point).total(measure, tally)
        points.append(
            TrendPoint(
                point,
                value_of(measure, tally),
                partial=point.read_until(source.today) < point.end,
                chosen=point.code == period.code,
            )
        )
    return points


def ranked(measure: Measure, parts: list[Part], progress: dict[str, Progress]) -> list[Ranked]:
    """The children, highest figure first; equal figures share a place (并列)."""
    values = [(part, value_of(measure, part.tally)) for part in parts]
    ordered = sorted(values, key=lambda pair: (pair[1] is None, -(pair[1] or 0), pair[0].code))
    rows: list[Ranked] = []
    counts: dict[int | Decimal, int] = {}
    for _part, value in ordered:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    rank = 0
    previous: int | Decimal | None = None
    for index, (part, value) in enumerate(ordered, start=1):
        if value is None:
            rows.append(Ranked(part, None, None, False, progress.get(part.code)))
            continue
        if value != previous:
            rank, previous = index, value
        rows.append(Ranked(part, value, rank, counts[value] > 1, progress.get(part.code)))
    return rows


def covering_targets(region: Region, period: Period) -> dict[str, Target]:
    """The region's approved targets whose plan years cover the period, by indicator (the
    shortest plan when two do)."""
    rows = Target.objects.filter(
        region_code=region.code,
        status=TargetStatus.APPROVED,
        first_year__lte=period.start.year,
        last_year__gte=period.end.year,
    ).order_by("indicator", "-first_year", "last_year")
    found: dict[str, Target] = {}
    for row in rows:
        found.setdefault(row.indicator, row)
    return found


def plan_of(
    measure: Measure,
    region: Region,
    target: Target,
    children: list[Region],
    figure: Figure,
    period: Period,
    source: Source,
) -> tuple[Plan, dict[str, Progress]]:
    """The target's progress, and each child's against its own target of the same years."""
    years = years_period(target.first_year, target.last_year)
    plan_figure = figure
    if years.code != period.code:
        until = years.read_until(source.today)
        plan_figure = figure_of(
            measure, region, years.start, max(until, years.start), children, source=source
        )
    own = progress_of(measure, plan_figure.total, target, years)
    theirs = child_targets(children, first_year=target.first_year, last_year=target.last_year)
    progress = {
        part.code: progress_of(measure, part.tally, child, years)
        for part in plan_figure.parts
        if (child := theirs.get((part.code, measure.code))) is not None
        and child.status == TargetStatus.APPROVED
    }
    return Plan(target, years, plan_figure.total, own), progress


def dashboard_of(region: Region, period: Period, source: Source | None = None) -> list[Row]:
    """Every indicator offered, for the region over the period, the period lock applied; from
    the rollup while it is fresh (`source`, which then says when it was refreshed)."""
    source = source if source is not None else Source()
    children = child_regions(region)
    targets = covering_targets(region, period)
    plans = {years_period(t.first_year, t.last_year) for t in targets.values()}
    trend = trend_periods(period)
    source.preload(catalogue(), region.scope_prefix, [period, *plans], totals=trend)
    locks = LockBook(region, [period, *trend], source=source)
    locked = locks.at(period)
    until = period.read_until(source.today)
    rows = []
    for measure in catalogue():
        if until < period.start:
            figure = Figure(
                measure,
                empty_tally(measure),
                [Part(c.code, c.name, empty_tally(measure)) for c in children],
            )
        else:
            figure = figure_of(measure, region, period.start, until, children, source=source)
        figure, lock = locked.apply(figure)
        plan: Plan | None = None
        progress: dict[str, Progress] = {}
        if (target := targets.get(measure.code)) is not None:
            plan, progress = plan_of(measure, region, target, children, figure, period, source)
        rows.append(
            Row(
                figure=figure,
                value=value_of(measure, figure.total),
                plan=plan,
                trend=trend_of(measure, region, period, source, locks),
                ranking=ranked(measure, figure.parts, progress),
                lock=lock,
            )
        )
    return rows
