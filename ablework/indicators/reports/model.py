"""A region's quarterly or annual report (季度通报, 年度报告) as the seed plans ask for
it: 一、工作成效 (each indicator against its target, with progress and
projection), 二、各地进展（通报排名） (the regions below ranked on each key
indicator, with their progress against their own targets), 三、存在问题
(generated from the figures, `narrative.py`), and 四、经验做法 and
五、下一步工作, which staff write themselves (`ReportNote`).

Every figure comes from the dashboard (`selectors/dashboard.py` `dashboard_of`), so a report
says what the dashboard says for the same region and period, a locked period included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.errors import Invalid
from ablework.core.measure_parts import Measure
from ablework.core.models import Region, RegionLevel
from ablework.indicators.charts import chart_data, ranking_words, shown, trend_words
from ablework.indicators.models import ReportNote, Target, TargetStatus
from ablework.indicators.periods import QUARTER, YEAR, Period, parse_period, quarters_of
from ablework.indicators.selectors.dashboard import Ranked, Row, TrendPoint, dashboard_of
from ablework.indicators.selectors.targets import Progress


def report_period(raw: str) -> Period:
    """A quarter (`2026Q3`) or a year (`2026`): the periods reports are made for."""
    period = parse_period(raw)
    if not (QUARTER.fullmatch(period.code) or YEAR.fullmatch(period.code)):
        raise Invalid(
            _("报告按季度或年度出具：期间请写成 2026Q3（季度）或 2026（年度）。"), field="period"
        )
    return period


def is_quarter(period: Period) -> bool:
    return QUARTER.fullmatch(period.code) is not None


def report_kind(period: Period) -> str:
    return _("季度通报") if is_quarter(period) else _("年度报告")


def report_title(region: Region, period: Period) -> str:
    """`济宁市2026年第3季度残疾人就业工作季度通报`, `济宁市2026年残疾人就业工作年度报告`."""
    return _("%(place)s%(when)s残疾人就业工作%(kind)s") % {
        "place": region.name,
        "when": period.label,
        "kind": report_kind(period),
    }


def report_choices(year: int, today: date | None = None) -> list[Period]:
    """The reports of a year that can be read: its quarters begun, then the year."""
    today = today or timezone.localdate()
    quarters = [quarter for quarter in quarters_of(year) if quarter.has_started(today)]
    return [*quarters, parse_period(str(year))]


def target_shown(measure: Measure, row: Row) -> str:
    """`8,000 人（2023—2025年）`, `60.0%（2023—2025年）`, or 未设目标."""
    if row.plan is None:
        return _("未设目标")
    value = row.plan.target.value
    figure = f"{value:.1f}%" if measure.is_rate else f"{int(value):,} {measure.unit}"
    return _("%(figure)s（%(years)s）") % {"figure": figure, "years": row.plan.period.label}


def status_words(progress: Progress | None) -> str:
    if progress is None or progress.on_track is None:
        return ""
    return _("进度正常") if progress.on_track else _("进度落后")


def elapsed_percent(period: Period) -> Decimal:
    """The share of a plan's time gone, in whole per cent, as the progress words print it."""
    return (Decimal(str(period.share_elapsed())) * 100).quantize(Decimal("1"))


def gap_of(
    measure: Measure, progress: Progress | None, elapsed: Decimal, target: Decimal | None
) -> Decimal | None:
    """How far a figure is from where its target wants it now, in percentage points: a count's
    share done less the share of time gone (both as printed); a rate less its target."""
    if progress is None or progress.share is None:
        return None
    if measure.is_rate:
        return None if target is None else (progress.share - target).quantize(Decimal("0.1"))
    return (progress.share - elapsed).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Line:
    """One indicator in 一、工作成效."""

    row: Row
    measure: Measure
    shown: str
    target: str
    progress: str
    status: str
    on_track: bool | None
    gap: Decimal | None


@dataclass(frozen=True)
class Standing:
    """A region below in 二、各地进展: its place, figure and progress against its own target."""

    ranked: Ranked
    place: str
    shown: str
    progress: str
    status: str
    gap: Decimal | None


@dataclass(frozen=True)
class Ranking:
    measure: Measure
    line: Line
    words: str
    trend_words: str
    trend: list[tuple[TrendPoint, str]]
    standings: list[Standing]
    with_targets: bool


@dataclass(frozen=True)
class Report:
    region: Region
    period: Period
    kind: str
    title: str
    read_on: date
    lines: list[Line]
    rankings: list[Ranking]
    summary: list[str]
    problems: list[str]
    note: ReportNote | None
    charts: dict[str, Any]

    @property
    def has_children(self) -> bool:
        return any(ranking.standings for ranking in self.rankings)


def children_title(region: Region) -> str:
    titles = {
        RegionLevel.PROVINCE: _("各市"),
        RegionLevel.CITY: _("各县（市、区）"),
        RegionLevel.COUNTY: _("各乡镇（街道）"),
    }
    return titles.get(RegionLevel(region.level), _("下级地区"))


def place_of(ranked: Ranked) -> str:
    if ranked.rank is None:
        return "—"
    if ranked.tied:
        return _("并列第 %(n)s") % {"n": ranked.rank}
    return _("第 %(n)s") % {"n": ranked.rank}


def _line(row: Row) -> Line:
    measure = row.figure.measure
    progress = row.plan.progress if row.plan else None
    gap = None
    if row.plan is not None:
        gap = gap_of(measure, progress, elapsed_percent(row.plan.period), row.plan.target.value)
    return Line(
        row=row,
        measure=measure,
        shown=shown(measure, row.value),
        target=target_shown(measure, row),
        progress=progress.words if progress else "—",
        status=status_words(progress),
        on_track=progress.on_track if progress else None,
        gap=gap,
    )


def _standing(
    line: Line, ranked: Ranked, elapsed: Decimal | None, target: Target | None
) -> Standing:
    measure, progress = line.measure, ranked.progress
    gap = None
    if progress is not None and elapsed is not None:
        gap = gap_of(measure, progress, elapsed, target.value if target else None)
    return Standing(
        ranked=ranked,
        place=place_of(ranked),
        shown=shown(measure, ranked.value),
        progress=progress.words if progress else _("未设目标"),
        status=status_words(progress),
        gap=gap,
    )


def _child_targets(line: Line) -> dict[str, Target]:
    """The approved targets of the regions below, of the same indicator and plan years."""
    plan = line.row.plan
    if plan is None:
        return {}
    rows = Target.objects.filter(
        region_code__in=[ranked.part.code for ranked in line.row.ranking if ranked.part.code],
        indicator=line.measure.code,
        first_year=plan.target.first_year,
        last_year=plan.target.last_year,
        status=TargetStatus.APPROVED,
    )
    return {row.region_code: row for row in rows}


# Without any target here, how many indicators with data the 通报 ranks (catalogue order).
RANKED_WITHOUT_TARGETS = 6


def has_data(line: Line) -> bool:
    """A rate has data when it has a denominator (0.0% is a figure); a count, when not zero."""
    if line.measure.is_rate:
        return line.row.value is not None
    return line.row.value not in (None, 0)


def key_lines(lines: list[Line]) -> list[Line]:
    """The indicators the 通报 ranks: those with a target here; without any, the first few
    with data."""
    with_target = [line for line in lines if line.row.plan is not None]
    if with_target:
        return with_target
    return [line for line in lines if has_data(line)][:RANKED_WITHOUT_TARGETS]


def build_report(region: Region, period: Period) -> Report:
    """The report of a region for a quarter or a year, in the active language."""
    from ablework.indicators.reports.narrative import problems_of, summary_of

    rows = dashboard_of(region, period)
    lines = [_line(row) for row in rows]
    rankings = []
    for line in key_lines(lines):
        plan = line.row.plan
        elapsed = elapsed_percent(plan.period) if plan else None
        theirs = _child_targets(line)
        standings = [
            _standing(line, ranked, elapsed, theirs.get(ranked.part.code))
            for ranked in line.row.ranking
        ]
        rankings.append(
            Ranking(
                measure=line.measure,
                line=line,
                words=ranking_words(line.measure, line.row.ranking),
                trend_words=trend_words(line.measure, line.row.trend),
                trend=[(point, shown(line.measure, point.value)) for point in line.row.trend],
                standings=standings,
                with_targets=plan is not None,
            )
        )
    note = ReportNote.objects.filter(region_code=region.code, period_code=period.code).first()
    return Report(
        region=region,
        period=period,
        kind=report_kind(period),
        title=report_title(region, period),
        read_on=period.read_until(),
        lines=lines,
        rankings=rankings,
        summary=summary_of(region, period, lines),
        problems=problems_of(region, lines, rankings),
        note=note,
        charts=chart_data([ranking.line.row for ranking in rankings]),
    )


def report_links(period: Period) -> list[dict[str, str]]:
    """The reports a dashboard of `period` offers: its year's quarters begun and the year (a
    plan's years offer its last year begun)."""
    year = min(period.end.year, timezone.localdate().year)
    return [
        {"code": choice.code, "label": choice.label, "kind": report_kind(choice)}
        for choice in report_choices(year)
    ]
