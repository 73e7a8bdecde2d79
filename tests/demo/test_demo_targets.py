"""The demo's targets: the seed plans' own figures, approved, each with its document and
section, and 济宁市's 8000 split by staff to four counties, 1,500 short, one part waiting for a
second administrator."""

from __future__ import annotations

import pytest

from ablework.core.errors import Invalid
from ablework.demo.targets import JILIN, JINING, seed_targets_demo
from ablework.indicators.models import Target, TargetSource, TargetStatus
from ablework.indicators.selectors.targets import distribution_of
from ablework.indicators.services.targets import approve_target

pytestmark = pytest.mark.django_db


def test_the_plans_figures_are_approved_targets_with_their_document(demo_data) -> None:
    seed_targets_demo(demo_data)
    plans = Target.objects.filter(source=TargetSource.PLAN)
    assert all(row.status == TargetStatus.APPROVED for row in plans)
    assert all(row.decided_by != row.proposed_by for row in plans)
    jining = plans.get(region_code="370800", indicator="new_employment")
    assert (jining.value, jining.first_year, jining.last_year) == (8000, 2023, 2025)
    assert (jining.document, jining.section) == (JINING, "一、工作目标")
    assert "8000人以上" in jining.note
    jilin = plans.get(region_code="220000", indicator="new_urban_employment")
    assert (jilin.value, jilin.first_year, jilin.last_year, jilin.document) == (
        35000,
        2016,
        2020,
        JILIN,
    )
    figures = {(row.region_code, row.indicator): int(row.value) for row in plans}
    assert figures[("210000", "new_employment")] == 30000
    assert figures[("500116", "new_employment")] == 1500
    assert figures[("330500", "new_employment")] == 3000
    assert figures[("330700", "new_employment")] == 5000
    assert figures[("430000", "new_employment")] == 49000
    assert figures[("220000", "training_attendances")] == 100000
    assert figures[("370800", "employment_rate")] == 60


def test_jinings_split_is_short_and_one_part_waits_for_a_second_person(demo_data) -> None:
    seed_targets_demo(demo_data)
    city = Target.objects.get(region_code="370800", indicator="new_employment")
    split = distribution_of(city)
    assert "比本级目标 8,000 人 少 1,500 人，尚未分解完" in split.message
    assert all(part.source == TargetSource.STAFF for part in split.parts)
    waiting = Target.objects.get(status=TargetStatus.PENDING)
    assert waiting.region_code == "370883"
    with pytest.raises(Invalid, match="不能审核自己录入"):
        approve_target(actor=demo_data["jining_admin"], target_id=waiting.pk, version=1)
    approved = approve_target(actor=demo_data["shandong_admin"], target_id=waiting.pk, version=1)
    assert approved.status == TargetStatus.APPROVED
