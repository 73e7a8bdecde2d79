"""The staff's pages: units of their region only, registering a unit, the VAT of each month on
the version seen (a stale form is refused with 409), and the tax bureau's list as CSV and .xlsx
with the reasons of each ineligible month."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ablework.concentrated.models import ConcentratedUnit, MonthlyVat
from ablework.core.models import AuditRecord
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.concentrated.conftest import YEAR, unit, vat
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_the_county_sees_its_units_with_the_year():
    row = unit(staff=40, disabled=10)
    response = signed_in(CountyAdminFactory()).get(reverse("concentrated:units"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode()
    assert row.employer.name in text
    assert "684000.00 元" in text  # 9 months × 76,000 元


def test_another_countys_unit_is_not_found():
    row = unit(county="370826")
    client = signed_in(CountyAdminFactory())  # 任城区
    assert client.get(reverse("concentrated:unit", args=[row.pk])).status_code == 404
    listed = client.get(reverse("concentrated:units"), {"year": YEAR}).content.decode()
    assert row.employer.name not in listed


def test_an_employer_sees_none_of_it_not_even_its_own_unit():
    row = unit()
    client = signed_in(EmployerUserFactory(employer=row.employer))
    assert client.get(reverse("concentrated:unit", args=[row.pk])).status_code == 404
    assert client.get(reverse("concentrated:units")).status_code == 404
    assert client.get(reverse("concentrated:tax_list")).status_code == 404
    assert client.get(reverse("concentrated:unit_new")).status_code == 404


def test_the_unit_page_says_why_each_month_is_not_eligible():
    row = unit(staff=40, disabled=10, not_counted={0: ["social_insurance_missing"]})
    page = signed_in(CountyAdminFactory()).get(
        reverse("concentrated:unit", args=[row.pk]), {"year": YEAR}
    )
    text = page.content.decode()
    assert "残疾职工少于 10 人" in text
    assert "另有 1 名残疾职工当月未计入（未足额缴纳社保 1 人）。" in text


def test_staff_register_an_employer_of_their_county():
    employer = EmployerFactory(county_code="370811")
    client = signed_in(CountyAdminFactory())
    response = client.post(
        reverse("concentrated:unit_new"),
        {
            "uscc": employer.uscc,
            "unit_type": "blind_massage",
            "recognised_from": "2023-02-01",
            "recognition_reference": "任残联〔2023〕5号",
        },
    )
    assert response.status_code == 302
    row = ConcentratedUnit.objects.get(employer=employer)
    assert row.unit_type == "blind_massage"
    assert AuditRecord.objects.filter(action="concentrated.unit.register").count() == 1


def test_an_employer_of_another_county_cannot_be_registered():
    employer = EmployerFactory(county_code="370826")
    response = signed_in(CountyAdminFactory()).post(
        reverse("concentrated:unit_new"),
        {"uscc": employer.uscc, "unit_type": "ordinary", "recognised_from": "2023-02-01"},
    )
    assert response.status_code == 200
    assert "本辖区没有统一社会信用代码为" in response.content.decode()
    assert not ConcentratedUnit.objects.exists()


def test_vat_is_saved_and_a_stale_form_is_refused_with_what_changed():
    row = unit()
    url = reverse("concentrated:vat", args=[row.pk, YEAR])
    first, second = signed_in(CountyAdminFactory()), signed_in(CountyAdminFactory())
    seen = row.version
    saved = first.post(url, {"version": seen, "month_1": "12000.50", "month_2": ""})
    assert saved.status_code == 302
    assert MonthlyVat.objects.get(unit=row, month=1).vat_paid == pytest.approx(12000.50)
    stale = second.post(url, {"version": seen, "month_1": "99.00"})
    assert stale.status_code == 409
    assert "2023年1月已缴增值税" in stale.content.decode()
    assert str(MonthlyVat.objects.get(unit=row, month=1).vat_paid) == "12000.50"


def test_unit_edit_changes_the_recognition_date():
    row = unit()
    response = signed_in(CountyAdminFactory()).post(
        reverse("concentrated:unit_edit", args=[row.pk]),
        {"version": row.version, "unit_type": "ordinary", "recognised_from": "2023-07-01"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.recognised_from == date(2023, 7, 1)


EXPECTED_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "所属县级区划",
    "集中就业单位类型",
    "年度",
    "月份",
    "在职职工人数",
    "残疾职工人数",
    "残疾职工占比（%）",
    "是否符合条件",
    "不符合条件的原因",
    "说明",
    "退税限额（元）",
    "已缴增值税（元）",
    "应退增值税（元）",
]


def test_the_tax_list_as_csv_has_each_month_with_reasons_and_figures():
    eligible = unit(staff=40, disabled=10)
    vat(eligible, {1: "50000.00"})
    short = unit(staff=41, disabled=10)
    unit(county="370826")  # not 任城区's
    response = signed_in(CountyAdminFactory()).post(
        reverse("concentrated:tax_list_export", args=["csv"]), {"year": YEAR}
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == EXPECTED_HEADER
    assert len(rows) == 1 + 24
    january = rows[1]
    assert january[:2] == [eligible.employer.name, eligible.employer.uscc]
    assert january[4:10] == ["2023", "1", "40", "10", "25.00", "符合"]
    assert january[12:] == ["76000.00", "50000.00", "50000.00"]
    other = next(r for r in rows if r[1] == short.employer.uscc and r[5] == "1")
    assert other[9] == "不符合"
    assert "低于 0.25" in other[10]
    assert other[12] == "0.00"
    assert AuditRecord.objects.filter(action="concentrated.list.export").count() == 1


def test_the_tax_list_as_xlsx_has_the_same_columns():
    unit(staff=40, disabled=10)
    response = signed_in(CountyAdminFactory()).post(
        reverse("concentrated:tax_list_export", args=["xlsx"]), {"year": YEAR}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == EXPECTED_HEADER
    assert values[1][9] == "符合"
    assert values[10][11].startswith("系统中没有")  # October: the minimum wage is unknown


def test_the_tax_list_page_shows_every_unit_of_the_region():
    row = unit()
    page = signed_in(CountyAdminFactory()).get(reverse("concentrated:tax_list"), {"year": YEAR})
    assert page.status_code == 200
    assert row.employer.uscc in page.content.decode()
