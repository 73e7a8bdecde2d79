"""The rollup refresh (汇总, docs/indicators.md "汇总表"): every indicator over the periods
dashboards ask for, computed set-based and stored for selectors/source.py to read.

Each measure is computed once per period over each province served (INDICATOR_ROLLUP_PROVINCES,
or those where the registry holds persons), a bounded number of queries whatever the size; its
places (county,
township) are then added up in memory to every level at once — the province, its cities, their
counties, their townships, and each county's line of rows without a township of its own — so a
dashboard at any level reads its region's and its children's lines instead of computing them.
The rows of all periods are replaced in one transaction: a reader sees the previous refresh or
this one, never a mixture. Run daily (`ablework indicators refresh`, or its job, `--queue`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.measure_parts import Measure, Place, Tally
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import IndicatorRollup, RollupPeriod, Target, TargetStatus
from ablework.indicators.periods import (
    Period,
    months_of,
    quarters_of,
    year_period,
    years_period,
)
from ablework.indicators.selectors.source import tallies_of
from ablework.jobs.models import Job
from ablework.jobs.progress import Progress, job_progress
from ablework.jobs.running import current_job_id
from ablework.jobs.services import enqueue_job
from ablework.registry.models import Person

JOB_KIND = "indicators.refresh"
# Years whose months are kept: this year and the last (a year's dashboard trends by month).
MONTH_YEARS = 2
LineKey = tuple[str, str, bool]  # (prefix, under, unplaced)


def job_label() -> str:
    return _("刷新监测指标汇总")


def rollup_periods(today: date) -> list[Period]:
    """The periods kept: this year and the last with their quarters and months, and each
    approved target's plan years with their years and quarters (its trend), all begun."""
    periods: dict[str, Period] = {}

    def keep(period: Period) -> None:
        if period.start <= today:
            periods.setdefault(period.code, period)

    for year in range(today.year - MONTH_YEARS + 1, today.year + 1):
        for period in [year_period(year), *quarters_of(year), *months_of(year_period(year))]:
            keep(period)
    spans = (
        Target.objects.filter(status=TargetStatus.APPROVED, first_year__lte=today.year)
        .values_list("first_year", "last_year")
        .distinct()
    )
    for first, last in spans:
        keep(years_period(first, last))
        for year in range(first, min(last, today.year) + 1):
            keep(year_period(year))
            for quarter in quarters_of(year):
                keep(quarter)
    return sorted(periods.values(), key=lambda period: (period.start, period.end))


def provinces_served() -> list[str]:
    """The 2-digit codes of the provinces refreshed."""
    if settings.INDICATOR_ROLLUP_PROVINCES:
        return sorted(settings.INDICATOR_ROLLUP_PROVINCES)
    counties = Person.objects.order_by().values_list("county_code", flat=True).distinct()
    return sorted({county[:2] for county in counties if len(county) == 6})


def keys_of(place: Place) -> list[LineKey]:
    """The lines a place counts in: its province, city and county, and its township (or its
    county's line without a township)."""
    county, township = place
    keys = [(county[:2], "", False), (county[:4], county[:2], False), (county, county[:4], False)]
    if township.startswith(county) and len(township) > len(county):
        keys.append((township, county, False))
    else:
        keys.append((county, county, True))
    return keys


def lines_of(tallies: Mapping[Place, Tally]) -> dict[LineKey, Tally]:
    """The places' tallies added up to every line (places without a county code lie in no
    region a dashboard shows)."""
    sums: dict[LineKey, Tally] = {}
    for place, tally in tallies.items():
        if len(place[0]) != 6:
            continue
        for key in keys_of(place):
            found = sums.get(key)
            sums[key] = tally if found is None else found + tally
    return sums


@dataclass(frozen=True)
class Computed:
    measure: Measure
    period: Period
    read_until: date
    lines: dict[LineKey, Tally]


def _line(rollup: RollupPeriod, key: LineKey, tally: Tally) -> IndicatorRollup:
    prefix, under, unplaced = key
    money = isinstance(tally.numerator, Decimal)
    return IndicatorRollup(
        rollup=rollup,
        prefix=prefix,
        under=under,
        unplaced=unplaced,
        numerator=0 if money else int(tally.numerator),
        amount=tally.numerator if money else None,
        denominator=tally.denominator,
    )


def _store(computed: Iterable[Computed], job_id: int | None) -> int:
    """Replace every stored rollup with these, in one transaction; the lines written."""
    now = timezone.now()
    job = Job.objects.filter(pk=job_id).first() if job_id is not None else None
    computed = list(computed)
    with transaction.atomic():
        IndicatorRollup.objects.all().delete()
        RollupPeriod.objects.all().delete()
        rollups = RollupPeriod.objects.bulk_create(
            [
                RollupPeriod(
                    indicator=each.measure.code,
                    period=each.period.code,
                    start=each.period.start,
                    end=each.period.end,
                    read_until=each.read_until,
                    refreshed_at=now,
                    job=job,
                )
                for each in computed
            ]
        )
        lines = [
            _line(rollup, key, tally)
            for rollup, each in zip(rollups, computed, strict=True)
            for key, tally in each.lines.items()
        ]
        IndicatorRollup.objects.bulk_create(lines, batch_size=2000)
        written = len(lines)
    return written


def refresh_rollups(*, today: date | None = None, progress: Progress | None = None) -> str:
    """Compute every indicator over every period kept and replace the stored rollups; one
    sentence saying what was done (for the job's record and the command)."""
    today = today or timezone.localdate()
    periods = rollup_periods(today)
    measures = catalogue()
    provinces = provinces_served()
    total = len(periods) * len(measures) * len(provinces)
    computed: list[Computed] = []
    done = 0
    for period in periods:
        until = period.read_until(today)
        for measure in measures:
            lines: dict[LineKey, Tally] = {}
            for province in provinces:
                tallies = tallies_of(measure, province, period.start, until, live=True)
                lines.update(lines_of(tallies))
                done += 1
                if progress is not None:
                    progress(done, total)
            computed.append(Computed(measure, period, until, lines))
    written = _store(computed, current_job_id())
    return _(
        "已刷新监测指标汇总：%(measures)s 项指标、%(periods)s 个期间，共 %(lines)s 条汇总数。"
    ) % {
        "measures": len(measures),
        "periods": len(periods),
        "lines": f"{written:,}",
    }


def refresh_job() -> str:
    """The work of the refresh job (jobs.services.enqueue_job), reporting progress."""
    progress = job_progress()
    try:
        return refresh_rollups(progress=progress)
    finally:
        progress.close()


def queue_refresh(*, actor: User | None) -> Job:
    """Queue the refresh for the worker (a province's staff's button, `--queue`)."""
    return enqueue_job(
        actor=actor, kind=JOB_KIND, label=job_label(), work=refresh_job, arguments=[]
    )
