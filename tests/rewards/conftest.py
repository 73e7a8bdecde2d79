"""Certified declarations whose stored levy result is the rules engine's own: in 长沙市岳麓区
(Hunan pays a reward) or in 任城区 (Shandong has no reward rule)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from ablework.employers.models import Employer
from ablework.quota.models import Declaration
from ablework.rules.calc.service import calculate
from tests.employers.factories import EmployerFactory

YEAR = 2025
YUELU = "430104"
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 13)]


def levy_result(county: str, *, headcount: int = 100, grades: tuple[int, ...] = (3, 2)) -> dict:
    """The engine's levy result with its trace: one disabled employee a year per grade; the
    minimum wage given (2,200 元, as 岳麓区's from 2025-09-01) so the reward can be worked out."""
    result = calculate(
        {
            "rule": "levy",
            "jurisdiction": county,
            "levy_year": YEAR,
            "assessed_on": "2026-12-01",
            "employer_kind": "enterprise",
            "headcount": {"annual_average": str(headcount)},
            "average_wage": "80000",
            "minimum_wage_monthly": "2200",
            # a test figure for the wage cap, which a levy due needs (none is shipped)
            "social_average_wage": "120000",
            "disabled_employees": [
                {"certificate": "disability", "grade": grade, "months": MONTHS} for grade in grades
            ],
        }
    )
    assert isinstance(result, dict)
    assert "error" not in result, result
    return result


def certified(county: str = YUELU, *, employer: Employer | None = None, **levy: Any) -> Declaration:
    return Declaration.objects.create(
        employer=employer or EmployerFactory(county_code=county),
        levy_year=YEAR,
        status="certified",
        headcount_annual_average=Decimal("100"),
        wage_total=Decimal("8000000.00"),
        rules_trace=levy_result(county, **levy),
        submitted_at=timezone.now(),
    )
