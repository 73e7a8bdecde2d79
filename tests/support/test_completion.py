"""The supervisors' completion of the "四个一": by county, township and counsellor, against the
targets, the missing persons one click away, the .xlsx; and the daily refresh command."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ablework.support.models import CycleCase
from ablework.support.services.cases import refresh_cases, refresh_region
from tests.helpers import signed_in
from tests.support.conftest import TODAY, check

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(demo_data, today, person):
    refresh_region(on=TODAY)
    one = person(name="甲已核对", township_code="370811001", employment_status="not_seeking")
    check(one, date(2026, 3, 1), wants_work=False, recorded_by=demo_data["rencheng_township"])
    refresh_cases(person_ids=[one.pk], on=TODAY)
    return one


def figures(html: str) -> str:
    return html[html.index("<caption>按县（市、区）") :]


def test_an_auditor_sees_completion_by_county_with_the_missing_one_click_away(demo_data, served):
    html = signed_in(demo_data["jining_auditor"]).get("/support/completion/").content.decode()
    table = figures(html)
    assert "任城区" in table
    assert "微山县" in table
    assert "100.0%" in html  # the target
    assert "/support/queue/?region=370811&amp;pillar=check" in table


def test_a_check_recorded_raises_the_townships_figure_by_one(demo_data, served, person):
    client = signed_in(demo_data["rencheng_admin"])
    rows = CycleCase.objects.filter(year=2026, township_code="370811001", in_scope=True)
    before = rows.filter(check_on__isnull=False).count()
    html = client.get("/support/completion/").content.decode()
    assert f"{before} / {rows.count()}" in html
    other = person(name="乙新核对", township_code="370811001", employment_status="not_seeking")
    refresh_cases(person_ids=[other.pk], on=TODAY)
    check(other, TODAY, wants_work=False, recorded_by=demo_data["rencheng_township"])
    refresh_cases(person_ids=[other.pk], on=TODAY)
    html = client.get("/support/completion/").content.decode()
    assert f"{before + 1} / {rows.count()}" in html
    assert "古槐街道就业服务专员" in html or "rencheng_township" in html  # by counsellor


def test_a_county_admin_sees_only_their_county(demo_data, served):
    html = signed_in(demo_data["rencheng_admin"]).get("/support/completion/").content.decode()
    assert "微山县" not in figures(html)


def test_the_tables_download_as_xlsx(demo_data, served):
    response = signed_in(demo_data["rencheng_admin"]).get("/support/completion/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert sheet.cell(1, 1).value == "县（市、区）"
    assert sheet.cell(2, 1).value == "任城区"
    assert "按乡镇（街道）" in book.sheetnames


def test_counsellors_without_the_supervise_right_get_404(demo_data, served):
    client = signed_in(demo_data["rencheng_counsellor"])
    assert client.get("/support/completion/").status_code == 404


def test_completion_costs_a_fixed_number_of_queries(
    demo_data, served, django_assert_max_num_queries
):
    from ablework.core.region_names import region_names

    region_names()
    client = signed_in(demo_data["jining_admin"])
    client.get("/support/completion/?region=370811")
    with django_assert_max_num_queries(12):
        client.get("/support/completion/?region=370811")


def test_the_daily_refresh_command(demo_data, person):
    one = person(name="丙命令")
    out = io.StringIO()
    call_command("support", "refresh", "--region", "370811", "--on", "2026-06-15", stdout=out)
    assert "已更新" in out.getvalue()
    assert CycleCase.objects.get(person=one, year=2026).next_due == "check"
