"""Each month's eligibility from the declared roster, decided by the rules engine's
`concentrated-employment` rule (≥ 25% and ≥ 10 persons; ≥ 5 for blind massage), with the
reasons for each ineligible month in plain Chinese and the refund limit of 财税〔2016〕52号."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.concentrated.models import ConcentratedUnit
from ablework.concentrated.selectors import unit_year, unit_years
from tests.concentrated.conftest import YEAR, unit, vat

pytestmark = pytest.mark.django_db


def test_ten_of_forty_is_eligible_with_the_limit_of_the_rule():
    row = unit(staff=40, disabled=10)
    vat(row, {3: "50000.00"})
    march = unit_year(row, YEAR).months[2]
    assert march.eligible is True
    assert march.reasons == ()
    # 10 × 1,900 (任城区 until 2023-09-30) × 4
    assert march.refund_limit == Decimal("76000.00")
    assert march.vat_paid == Decimal("50000.00")
    assert march.refund == Decimal("50000.00")


def test_ten_of_forty_one_is_below_a_quarter():
    march = unit_year(unit(staff=41, disabled=10), YEAR).months[2]
    assert march.eligible is False
    assert march.refund_limit == Decimal("0.00")
    assert any("低于 0.25" in reason for reason in march.reasons)


def test_nine_of_twenty_is_too_few_persons_for_an_ordinary_unit_but_enough_for_blind_massage():
    ordinary = unit_year(unit(staff=20, disabled=9), YEAR).months[0]
    assert ordinary.eligible is False
    assert ordinary.reasons == ("残疾职工少于 10 人",)
    blind = unit_year(unit(staff=20, disabled=5, unit_type="blind_massage"), YEAR).months[0]
    assert blind.eligible is True
    assert blind.refund_limit == Decimal("38000.00")  # 5 × 1,900 × 4


def test_four_blind_massage_workers_are_too_few():
    month = unit_year(unit(staff=16, disabled=4, unit_type="blind_massage"), YEAR).months[0]
    assert month.eligible is False
    assert month.reasons == ("残疾职工少于 5 人",)


def test_a_month_whose_wage_was_below_the_minimum_does_not_count_and_says_why():
    # 10 of 40, but two workers' January–March wages were under the minimum wage: 8 counted.
    row = unit(
        staff=40, disabled=10, not_counted={0: ["wage_below_minimum"], 1: ["wage_below_minimum"]}
    )
    months = unit_year(row, YEAR).months
    assert [m.eligible for m in months[:4]] == [False, False, False, True]
    assert months[0].disabled == 8
    assert "残疾职工少于 10 人" in months[0].reasons
    assert "另有 2 名残疾职工当月未计入（工资低于最低工资标准 2 人）。" in months[0].reasons


def test_an_unknown_minimum_wage_leaves_an_eligible_month_without_a_limit():
    # 任城区's minimum wage is not known from 2023-10-01 (docs/rules.md).
    row = unit(staff=40, disabled=10)
    october = unit_year(row, YEAR).months[9]
    assert october.eligible is True
    assert october.refund_limit is None
    assert "月最低工资标准" in october.notes[0]
    item = unit_year(row, YEAR)
    assert item.total_limit == Decimal("76000.00") * 9
    assert item.limit_unknown_months == 3


def test_months_before_recognition_are_not_eligible():
    months = unit_year(unit(recognised_from=date(YEAR, 4, 15)), YEAR).months
    assert [m.eligible for m in months[:4]] == [False, False, False, True]
    assert "尚未认定" in months[0].reasons[0]


def test_without_a_filed_declaration_nothing_can_be_told():
    row = unit(status="draft")
    months = unit_year(row, YEAR).months
    assert all(m.eligible is None for m in months)
    assert "没有已提交的按比例就业申报" in months[0].reasons[0]


def test_the_monthly_staff_decides_each_month():
    staff = [40] * 6 + [41] * 6
    months = unit_year(unit(staff=staff, disabled=10), YEAR).months
    assert [m.eligible for m in months] == [True] * 6 + [False] * 6


def test_the_refund_is_at_most_the_limit():
    row = unit(staff=40, disabled=10)
    vat(row, {1: "90000.00", 2: "1000.50"})
    months = unit_year(row, YEAR).months
    assert months[0].refund == Decimal("76000.00")
    assert months[1].refund == Decimal("1000.50")
    assert months[2].refund is None  # no VAT entered


def test_many_units_take_a_constant_number_of_queries():
    for _ in range(3):
        unit()
    units = list(ConcentratedUnit.objects.select_related("employer"))
    with CaptureQueriesContext(connection) as queries:
        years = unit_years(units, YEAR)
    assert len(years) == 3
    # declarations, roster months, VAT — and the local parameter values once
    assert len(queries) <= 5
