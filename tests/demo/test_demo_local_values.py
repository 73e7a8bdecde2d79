"""The demo's local parameter values: entered by one staff member, approved by a second, each
with its reference; with them a 2025 levy of a 济宁 employer can be worked out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ablework.demo.local_values import seed_local_values
from ablework.parameters.models import LocalValueStatus
from ablework.rules.calc.service import calculate

pytestmark = pytest.mark.django_db


def rencheng_levy_2025() -> dict:
    return calculate(
        {
            "rule": "levy",
            "jurisdiction": "370811",
            "levy_year": 2025,
            "assessed_on": "2026-12-01",
            "employer_kind": "enterprise",
            "headcount": {"annual_average": "200"},
            "average_wage": "200000",
            "disabled_employees": [],
        }
    )


def test_without_the_demo_values_a_2025_rencheng_levy_lacks_the_social_average_wage(demo_data):
    result = rencheng_levy_2025()
    assert result["error"]["code"] == "missing_parameter"
    assert "wages.social_average_wage" in result["error"]["message"]


def test_the_shandong_average_wage_was_entered_and_approved_by_two_people(demo_data):
    average, pending = seed_local_values(demo_data)
    assert average.status == LocalValueStatus.APPROVED
    assert average.proposed_by.username == "shandong_admin"
    assert average.decided_by.username == "shandong_checker"
    assert "鲁人社字〔2026〕75号" in average.reference
    assert "91,452" in average.reference
    assert pending.status == LocalValueStatus.PENDING
    assert pending.decided_by is None
    assert "[S]" in pending.reference


def test_with_the_demo_values_the_levy_is_capped_at_twice_the_shandong_average(demo_data):
    seed_local_values(demo_data)
    result = rencheng_levy_2025()
    assert "error" not in result
    # W = min(200,000, 2 × 91,452 = 182,904); (200 × 1.5% − 0) × 182,904 × 0.9 (D/N < 1%)
    assert Decimal(result["wage_cap"]) == Decimal("182904")
    assert Decimal(result["assessed_wage"]) == Decimal("182904")
    assert Decimal(result["levy_due"]) == Decimal("493840.80")
