"""Postings details for tests: a valid open posting in 任城区 unless told otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from ablework.matching.services.posting_checks import PostingDetails

DETAILS = PostingDetails(
    title="电话客服",
    occupation="客户服务",
    tasks="接听客户来电，使用电脑记录工单。",
    kind="targeted",
    county_code="370811",
    township_code="370811001",
    address="任城区古槐路88号",
    wage_min=Decimal("2500.00"),
    wage_max=Decimal("3200.00"),
    hours_per_week=40,
    schedule="周一至周五 8:30—17:30",
    contract_type="fixed_term",
    openings=2,
    valid_from=date(2026, 6, 1),
    valid_until=date(2026, 9, 30),
    offers=("screen_reader", "flexible_hours"),
    demands={"read_screen": "essential", "phone": "essential", "read_print": "adjustable"},
)


def details(**changes: Any) -> PostingDetails:
    return replace(DETAILS, **changes)
