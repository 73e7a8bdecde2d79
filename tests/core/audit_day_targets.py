"""The demo-like day's targets (issue 14): one entered, distributed, changed, returned and
approved, each by the services staff use."""

from __future__ import annotations

from ablework.accounts.models import User
from ablework.indicators.models import TargetSource
from ablework.indicators.services.targets import (
    TargetFigures,
    approve_target,
    change_target,
    propose_target,
    reject_target,
)


def targets_day(demo_data: dict[str, User]) -> None:
    city, province = demo_data["jining_admin"], demo_data["shandong_admin"]
    plan = TargetFigures(
        value="8000",
        source=TargetSource.PLAN,
        document="济宁市促进残疾人就业三年行动实施方案（2023—2025年）",
        section="一、工作目标",
    )
    target = propose_target(
        actor=city,
        region_code="370800",
        indicator="new_employment",
        first_year=2023,
        last_year=2025,
        figures=plan,
    )
    approve_target(actor=province, target_id=target.pk, version=target.version)
    part = propose_target(
        actor=city,
        region_code="370811",
        indicator="new_employment",
        first_year=2023,
        last_year=2025,
        figures=TargetFigures(value="3000", source=TargetSource.STAFF, document="济宁市目标分解表"),
    )
    part = change_target(
        actor=city,
        target_id=part.pk,
        figures=TargetFigures(value="2800", source=TargetSource.STAFF, document="济宁市目标分解表"),
        version=part.version,
    )
    reject_target(actor=province, target_id=part.pk, version=part.version, note="与分解表不符")
