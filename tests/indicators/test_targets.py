"""Targets: entered by a region's staff, distributed to its children with the sum checked,
approved by a second person, edited on the version seen, scoped, every step audited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ablework.accounts.models import User
from ablework.core.errors import Invalid, NotFound
from ablework.core.measure_parts import Tally
from ablework.core.models import AuditRecord, Region
from ablework.core.versioning import StaleRecord
from ablework.indicators.catalogue import measure_named
from ablework.indicators.models import TargetSource, TargetStatus
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.targets import distribution_of, progress_of
from ablework.indicators.services.targets import (
    TargetFigures,
    approve_target,
    change_target,
    propose_target,
    reject_target,
)

PLAN = TargetFigures(
    value="8000",
    source=TargetSource.PLAN,
    document="济宁市促进残疾人就业三年行动实施方案（2023—2025年）",
    section="一、工作目标",
)


def staff_split(value: str) -> TargetFigures:
    return TargetFigures(value=value, source=TargetSource.STAFF, document="济宁市目标分解表")


def jining_target(users: dict[str, User], *, value: str = "8000"):
    return propose_target(
        actor=users["jining_admin"],
        region_code="370800",
        indicator="new_employment",
        first_year=2023,
        last_year=2025,
        figures=TargetFigures(
            value=value, source=PLAN.source, document=PLAN.document, section=PLAN.section
        ),
    )


def county_part(users: dict[str, User], county: str, value: str):
    return propose_target(
        actor=users["jining_admin"],
        region_code=county,
        indicator="new_employment",
        first_year=2023,
        last_year=2025,
        figures=staff_split(value),
    )


def test_a_city_distributes_its_target_and_the_sum_is_checked(demo_data: dict[str, User]) -> None:
    # given 济宁市's own plan target
    city = jining_target(demo_data)
    # when it gives 任城区 3,000 and 微山县 2,000
    rencheng = county_part(demo_data, "370811", "3000")
    county_part(demo_data, "370826", "2000")
    # then each part belongs to the city's target, and the page says what is left
    assert rencheng.parent == city
    split = distribution_of(city)
    assert split.total == Decimal(5000)
    assert not split.adds_up
    assert "比本级目标 8,000 人 少 3,000 人，尚未分解完" in split.message
    # and once the rest is given, it adds up
    county_part(demo_data, "370830", "3000")
    assert distribution_of(city).adds_up
    assert "与本级目标一致" in distribution_of(city).message


def test_a_region_without_a_parent_target_cannot_be_given_one_from_above(
    demo_data: dict[str, User],
) -> None:
    with pytest.raises(Invalid, match="上级地区还没有同一指标"):
        county_part(demo_data, "370811", "3000")


def test_approval_is_a_second_persons(demo_data: dict[str, User]) -> None:
    # given a target entered by the city's administrator
    target = jining_target(demo_data)
    assert target.status == TargetStatus.PENDING
    # when the same person tries to approve it, they are refused
    with pytest.raises(Invalid, match="不能审核自己录入"):
        approve_target(actor=demo_data["jining_admin"], target_id=target.pk, version=target.version)
    # and a county administrator cannot even find it
    with pytest.raises(NotFound):
        approve_target(
            actor=demo_data["rencheng_admin"], target_id=target.pk, version=target.version
        )
    # then the province's administrator approves it, and it is recorded
    approved = approve_target(
        actor=demo_data["shandong_admin"], target_id=target.pk, version=target.version
    )
    assert approved.status == TargetStatus.APPROVED
    assert approved.decided_by == demo_data["shandong_admin"]
    actions = list(
        AuditRecord.objects.filter(target_type="indicators.target", target_id=str(target.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["indicators.target.propose", "indicators.target.approve"]


def test_a_return_needs_a_reason(demo_data: dict[str, User]) -> None:
    target = jining_target(demo_data)
    with pytest.raises(Invalid, match="理由"):
        reject_target(actor=demo_data["shandong_admin"], target_id=target.pk, version=1, note=" ")
    returned = reject_target(
        actor=demo_data["shandong_admin"], target_id=target.pk, version=1, note="与省里分解不符"
    )
    assert returned.status == TargetStatus.REJECTED
    # a returned target frees the place for a new one
    assert jining_target(demo_data).pk != target.pk


def test_an_edit_on_an_older_version_is_refused(demo_data: dict[str, User]) -> None:
    target = jining_target(demo_data)
    approve_target(actor=demo_data["shandong_admin"], target_id=target.pk, version=1)
    # when one person changes it on the version they opened
    changed = change_target(
        actor=demo_data["jining_admin"], target_id=target.pk, figures=PLAN, version=2
    )
    # then it waits for approval again
    assert changed.status == TargetStatus.PENDING
    # and a second edit on the same old version is refused
    with pytest.raises(StaleRecord):
        change_target(actor=demo_data["jining_admin"], target_id=target.pk, figures=PLAN, version=2)


def test_a_county_enters_nothing_for_its_city_or_a_neighbour(demo_data: dict[str, User]) -> None:
    jining_target(demo_data)
    for region in ("370800", "370826"):
        with pytest.raises(NotFound):
            propose_target(
                actor=demo_data["rencheng_admin"],
                region_code=region,
                indicator="new_employment",
                first_year=2023,
                last_year=2025,
                figures=staff_split("100"),
            )


def test_figures_must_fit_the_indicator(demo_data: dict[str, User]) -> None:
    with pytest.raises(Invalid, match="正整数"):
        jining_target(demo_data, value="80.5")
    with pytest.raises(Invalid, match="0 到 100"):
        propose_target(
            actor=demo_data["jining_admin"],
            region_code="370800",
            indicator="employment_rate",
            first_year=2023,
            last_year=2025,
            figures=staff_split("160"),
        )


def test_progress_is_said_in_words(demo_data: dict[str, User]) -> None:
    target = jining_target(demo_data)
    ended = parse_period("2023-2025")
    words = progress_of(measure_named("new_employment"), Tally(6000), target, ended).words
    assert words == "已完成目标的 75.0%（6,000 / 8,000 人），期间已结束。"
    Region.objects.get(code="370800")
