"""The demo's 福利企业 and 盲人按摩机构: a year of monthly staff from their certified 2023
declarations, eligible most months, ineligible in some for reasons the list says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ablework.concentrated.models import ConcentratedUnit
from ablework.concentrated.selectors import unit_year
from ablework.exchange.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_the_demo_units_show_eligible_and_ineligible_months(demo_quota):
    welfare = ConcentratedUnit.objects.select_related("employer").get(
        unit_type="ordinary", employer__county_code="370811"
    )
    massage = ConcentratedUnit.objects.select_related("employer").get(unit_type="blind_massage")
    months = unit_year(welfare, 2023).months
    assert [m.eligible for m in months] == [
        True,
        False,
        False,
        True,
        True,
        True,
        False,
        False,
        True,
        True,
        True,
        True,
    ]
    assert "残疾职工少于 10 人" in months[1].reasons
    assert any("工资低于最低工资标准 2 人" in r for r in months[1].reasons)
    assert any("低于 0.25" in r for r in months[6].reasons)
    # 11 × 1,900 × 4; the 62,000 元 paid in January is under it
    assert months[0].refund_limit == Decimal("83600.00")
    assert months[0].refund == Decimal("62000.00")
    assert months[9].refund_limit is None  # October: the minimum wage is unknown
    blind = unit_year(massage, 2023).months
    assert [m.eligible for m in blind] == [True] * 10 + [False] * 2
    assert blind[10].reasons[0] == "残疾职工少于 5 人"
    assert blind[6].disabled == 5
    # the 盲人按摩机构's VAT came from the tax bureau's file (the import kind's sample)
    assert [m.vat_paid for m in blind[:2]] == [Decimal("9800.00"), Decimal("8600.00")]
    assert blind[11].vat_paid == Decimal("15600.00")
    batch = ImportBatch.objects.get(kind="concentrated_vat")
    assert (batch.rows_created, batch.rows_rejected) == (12, 0)
    assert batch.file_name == "集中就业单位已缴增值税示例.csv"
