"""The rollup tables (汇总表): a refresh stores every indicator's figures by region and period,
the dashboard reads them while fresh and computes live otherwise, and what it reads from the
rollup equals what it would compute, for every indicator, region level and kind of period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.db.models.functions import Length
from django.test import TestCase
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.models import (
    IndicatorRollup,
    RollupPeriod,
    Target,
    TargetSource,
    TargetStatus,
)
from ablework.indicators.periods import (
    Period,
    month_period,
    quarter_period,
    year_period,
    years_period,
)
from ablework.indicators.selectors.dashboard import dashboard_of
from ablework.indicators.selectors.figures import child_regions, figure_of
from ablework.indicators.selectors.source import Source
from ablework.indicators.services.rollup import (
    JOB_KIND,
    provinces_served,
    queue_refresh,
    refresh_rollups,
)
from ablework.jobs.models import Job, JobState
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

# 山东省, 济宁市, 任城区, 微山县 and 任城区's 古槐街道: every level a dashboard shows.
REGIONS = ["370000", "370800", "370811", "370826", "370811001"]


def _periods() -> list[Period]:
    """A month, a quarter, this year and last, and a plan's two years (each kind the rollup
    keeps), all begun."""
    today = timezone.localdate()
    return [
        month_period(today.year, today.month),
        quarter_period(today.year - 1, 4),
        year_period(today.year),
        year_period(today.year - 1),
        years_period(today.year - 1, today.year),
    ]


def test_the_rollup_answers_what_live_computation_does_for_every_indicator_region_and_period(
    demo_levy: object,
    demo_organs: object,
    demo_support: object,
    demo_graduates: object,
    demo_events: object,
    demo_support_records: object,
) -> None:
    # given the demo's data of every domain and a plan's target over last year and this,
    # refreshed into the rollup
    year = timezone.localdate().year
    Target.objects.create(
        region_code="370811",
        indicator="new_employment",
        first_year=year - 1,
        last_year=year,
        value=10,
        source=TargetSource.STAFF,
        document="目标分解表",
        status=TargetStatus.APPROVED,
    )
    refresh_rollups()
    nonzero = 0
    for code in REGIONS:
        region = Region.objects.get(code=code)
        children = child_regions(region)
        for period in _periods():
            until = period.read_until()
            for measure in catalogue():
                # when the figure is read from the rollup and computed live
                source = Source()
                stored = figure_of(measure, region, period.start, until, children, source=source)
                live = figure_of(measure, region, period.start, until, children)
                # then they are the same, the region's and each child's, and the rollup was read
                where = (code, period.code, measure.code)
                assert stored.total == live.total, where
                assert [(p.code, p.tally) for p in stored.parts] == [
                    (p.code, p.tally) for p in live.parts
                ], where
                township_only = len(region.scope_prefix) == 9 and not measure.township_lines
                assert source.computed_live is township_only, where
                nonzero += bool(live.total.numerator)
    # and the demo's figures are not all zero (a test of empty tables proves nothing)
    assert nonzero > 50
    # and a county's dashboard over the plan's years — figures, the target's progress, the
    # trend by quarter and the ranking — reads the same from the rollup as computed live
    county = Region.objects.get(code="370811")
    span = years_period(year - 1, year)
    source = Source()
    assert dashboard_of(county, span, source) == dashboard_of(county, span, Source(live=True))
    assert source.refreshed_at is not None
    assert not source.computed_live


def test_a_refresh_replaces_the_previous_rollup(demo_data: dict[str, User]) -> None:
    refresh_rollups()
    first = set(RollupPeriod.objects.values_list("pk", flat=True))
    lines = IndicatorRollup.objects.count()
    refresh_rollups()
    assert not first & set(RollupPeriod.objects.values_list("pk", flat=True))
    assert IndicatorRollup.objects.count() == lines
    # each indicator over this year's months, quarters and year, and last year's
    assert RollupPeriod.objects.filter(period=str(timezone.localdate().year)).count() == len(
        catalogue()
    )


def test_the_refresh_runs_as_a_job_through_the_queue_with_its_progress(
    demo_data: dict[str, User],
) -> None:
    # given a province administrator queues the refresh
    actor = demo_data["shandong_admin"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = queue_refresh(actor=actor)
    # then the worker ran it to the end, counting each indicator and period
    job.refresh_from_db()
    assert job.kind == JOB_KIND
    assert job.label == "刷新监测指标汇总"
    assert job.state == JobState.SUCCEEDED, job.message
    periods = RollupPeriod.objects.count()
    assert job.total == periods * len(provinces_served()) > 0
    assert job.done == job.total
    assert "已刷新监测指标汇总" in job.message
    # and every rollup names the job that made it
    assert set(RollupPeriod.objects.values_list("job", flat=True)) == {job.pk}
    assert Job.objects.filter(kind=JOB_KIND).count() == 1


def test_the_dashboard_reads_a_fresh_rollup_and_computes_live_when_it_is_stale(
    demo_data: dict[str, User],
) -> None:
    # given a refreshed rollup, and a county's figure in it that now differs from the data (as a
    # later write would make it)
    period = year_period(timezone.localdate().year)
    refresh_rollups()
    line = (
        IndicatorRollup.objects.annotate(digits=Length("prefix"))
        .filter(rollup__period=period.code, digits=9, numerator__gt=0)
        .select_related("rollup")
        .order_by("rollup__indicator", "prefix")
        .first()
    )
    assert line is not None
    measure = measure_named(line.rollup.indicator)
    county = Region.objects.get(code=line.under)
    IndicatorRollup.objects.filter(rollup=line.rollup).update(numerator=F("numerator") + 1000)
    lines = IndicatorRollup.objects.filter(rollup=line.rollup, under=county.code).count()
    live = figure_of(measure, county, period.start, period.read_until(), child_regions(county))
    # when the county's dashboard is read while the rollup is fresh
    source = Source()
    rows = {row.figure.measure.code: row for row in dashboard_of(county, period, source)}
    # then it shows the rollup's figure, and says when it was refreshed
    assert rows[measure.code].figure.total.numerator == live.total.numerator + 1000 * lines
    assert source.refreshed_at == line.rollup.refreshed_at
    # when the rollup is older than INDICATOR_ROLLUP_FRESH_HOURS
    RollupPeriod.objects.update(refreshed_at=timezone.now() - timedelta(hours=37))
    source = Source()
    stale = {row.figure.measure.code: row for row in dashboard_of(county, period, source)}
    # then the figure is computed from the data as it is now
    assert stale[measure.code].figure.total == live.total
    assert source.refreshed_at is None
    assert source.computed_live


def test_the_dashboard_says_whether_its_figures_are_the_rollups_or_computed_now(
    demo_data: dict[str, User],
) -> None:
    client = signed_in(demo_data["jining_admin"])
    # before any refresh the figures are computed as the page is asked for
    page = client.get("/indicators/dashboard/").content.decode()
    assert "数据为实时计算" in page
    assert "数据更新于" not in page
    # after a refresh they are the rollup's, with the time it was made
    refresh_rollups()
    at = timezone.localtime(RollupPeriod.objects.first().refreshed_at)  # type: ignore[union-attr]
    page = client.get("/indicators/dashboard/").content.decode()
    assert f"数据更新于 {at:%Y-%m-%d %H:%M}" in page
    assert "数据为实时计算" not in page
