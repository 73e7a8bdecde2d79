"""The demo's levy season shows a run of each year, a list sent, and money outstanding."""

from __future__ import annotations

import pytest

from ablework.demo.levy import DemoLevy
from ablework.levy.models import TaxListExport
from ablework.levy.selectors.fund import fund_figures, totals


@pytest.mark.django_db
def test_the_demo_assessed_both_years_sent_a_list_and_leaves_levy_outstanding(
    demo_levy: DemoLevy,
) -> None:
    older, newer = demo_levy.runs
    assert (older.levy_year, newer.levy_year) == (2024, 2025)
    assert newer.certified >= 1
    assert newer.levy_due_total > 0
    # No deadline is recorded for 济宁, and the run says so rather than deeming anyone.
    assert newer.deadline is None
    assert not newer.deemed_applied
    assert newer.not_assessed > 0
    sent = TaxListExport.objects.get(run=newer)
    assert sent.sent_at is not None
    assert sent.rows >= 1
    year_2025 = totals(fund_figures(region_prefix="3708", levy_year=2025))[0]
    assert year_2025.collected > 0
    assert year_2025.outstanding > 0
    year_2024 = totals(fund_figures(region_prefix="3708", levy_year=2024))[0]
    assert year_2024.employers_assessed >= 1
