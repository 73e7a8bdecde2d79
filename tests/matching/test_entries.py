"""A posting's entry of the contract's `postings` list: minimum wage and place fallbacks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ablework.core.models import Region
from ablework.matching.selectors.entries import posting_entry
from ablework.matching.services.postings import create_posting
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


def test_counties_carry_their_centre_from_the_package() -> None:
    rencheng = Region.objects.get(code="370811")
    assert rencheng.latitude is not None
    assert rencheng.longitude is not None
    assert abs(float(rencheng.latitude) - 35.44) < 0.1
    assert abs(float(rencheng.longitude) - 116.61) < 0.1


def test_the_entry_follows_the_contract_with_the_county_centre(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(
        actor=user,
        employer_id=user.employer_id,
        details=details(valid_from=date(2022, 1, 1), valid_until=date(2023, 3, 31)),
    )
    entry = posting_entry(posting, date(2022, 6, 1))
    rencheng = Region.objects.get(code="370811")
    assert entry == {
        "id": str(posting.pk),
        "status": "open",
        "valid_until": "2023-03-31",
        "openings_left": 2,
        # the township (古槐街道) has no centre: its county's stands in
        "place": {"lat": float(rencheng.latitude), "lon": float(rencheng.longitude)},
        "minimum_wage_monthly": "1900.00",
        "wage_min": "2500.00",
        "wage_max": "3200.00",
        "hours_per_week": 40,
        "demands": {"read_print": "adjustable", "read_screen": "essential", "phone": "essential"},
        "offers": ["screen_reader", "flexible_hours"],
        "title": "电话客服",
        "description": "接听客户来电，使用电脑记录工单。",
        "occupation": "客户服务",
    }


def test_own_coordinates_win_and_an_unknown_minimum_wage_is_null(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(
        actor=user,
        employer_id=user.employer_id,
        details=details(latitude=Decimal("35.401000"), longitude=Decimal("116.600500")),
    )
    entry = posting_entry(posting, date(2026, 6, 1))
    assert entry["place"] == {"lat": 35.401, "lon": 116.6005}
    # 山东's minimum wages from 2023-10-01 were not found (docs/rules.md)
    assert entry["minimum_wage_monthly"] is None
