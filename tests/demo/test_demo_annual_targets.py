"""The demo's annual work targets (ablework/demo/annual_targets.py): staff's own figures for
this year — 济宁市, its counties and 任城区's streets — each decided by a second administrator
but 邹城市's employment rate, which waits; sized to the demo's records so some places are on
track and some behind; the seed plans' own targets untouched."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ablework.core.models import Region
from ablework.demo.annual_targets import annual_document, seed_annual_targets_demo
from ablework.demo.targets import seed_targets_demo
from ablework.indicators.catalogue import measure_named
from ablework.indicators.models import Target, TargetSource, TargetStatus
from ablework.indicators.periods import year_period
from ablework.indicators.selectors.figures import figure_of
from ablework.indicators.selectors.targets import progress_of

pytestmark = pytest.mark.django_db


def test_this_years_targets_are_staffs_some_on_track_some_behind(demo_data) -> None:
    seed_targets_demo(demo_data)
    plans = set(Target.objects.filter(source=TargetSource.PLAN).values_list("pk", "value"))
    rows = seed_annual_targets_demo(demo_data)
    year = timezone.localdate().year
    assert all(
        (t.source, t.first_year, t.last_year, t.document)
        == (TargetSource.STAFF, year, year, annual_document(year))
        for t in rows
    )
    assert all("年度工作目标" in t.note and "文件未规定此数" in t.note for t in rows)
    # the plans' own targets are as they were
    assert set(Target.objects.filter(source=TargetSource.PLAN).values_list("pk", "value")) == plans
    # each decided by a second person; one waits
    waiting = [t for t in rows if t.status == TargetStatus.PENDING]
    assert [(t.region_code, t.indicator) for t in waiting] == [("370883", "employment_rate")]
    for target in rows:
        if target.status == TargetStatus.APPROVED:
            assert target.decided_by_id != target.proposed_by_id
    codes = {t.region_code for t in rows}
    assert "370800" in codes
    assert "370811" in codes
    assert any(len(code) == 9 and code.startswith("370811") for code in codes)
    # some on track, some behind
    period = year_period(year)
    verdicts = set()
    for target in rows:
        measure = measure_named(target.indicator)
        region = Region.objects.get(code=target.region_code)
        tally = figure_of(measure, region, period.start, period.read_until(), []).total
        verdicts.add(progress_of(measure, tally, target, period).on_track)
    assert {True, False} <= verdicts
