"""The quarterly and annual reports on a constructed data set whose values are worked out by
hand: 2025 in 济宁市, a city target of 20 new jobs split as 任城区 10 and 微山县 8 (兖州区 none);
6 entries into work in 任城区, 2 in 微山县, 1 in 兖州区 — so the city has done 9 of 20 (45.0%),
任城区 6 of 10 (60.0%) and 微山县 2 of 8 (25.0%) with the year over: the city's target is behind,
and 微山县 has the largest gap (75.0 points short), then 任城区 (40.0)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_demo_accounts
from ablework.indicators.models import ReportNote, Target, TargetSource, TargetStatus
from ablework.printing.models import IssuedDocument
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.indicators.test_measures import RENCHENG, WEISHAN, person
from tests.printing.conftest import pdf_text

pytestmark = pytest.mark.django_db
CITY, YANZHOU = "370800", "370812"
JAN = date(2025, 1, 1)


@pytest.fixture
def accounts(db: None) -> dict[str, User]:
    # the demo accounts name two persons of 任城区 (unemployed all along: no entry into work)
    for _ in range(2):
        person(("unemployed", "", JAN), county_code=RENCHENG)
    EmployerFactory()
    return {user.username: user for user in create_demo_accounts(password=DEMO_PASSWORD)}


def _target(code: str, value: int, parent: Target | None = None) -> Target:
    return Target.objects.create(
        region_code=code,
        indicator="new_employment",
        first_year=2025,
        last_year=2025,
        value=value,
        parent=parent,
        source=TargetSource.STAFF if parent else TargetSource.PLAN,
        document="济宁市2025年残疾人就业目标（测试）",
        section="一、工作目标",
        status=TargetStatus.APPROVED,
    )


@pytest.fixture
def year(accounts: dict[str, User]) -> None:
    city = _target(CITY, 20)
    _target(RENCHENG, 10, city)
    _target(WEISHAN, 8, city)
    entries = {RENCHENG: 6, WEISHAN: 2, YANZHOU: 1}
    for county, count in entries.items():
        for index in range(count):
            # entries in May (2025Q2) but for 任城区's last two, in October (2025Q4)
            month = 10 if county == RENCHENG and index >= 4 else 5
            person(
                ("unemployed", "", JAN),
                ("employed", "flexible", date(2025, month, 10)),
                county_code=county,
            )


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_report_names_the_target_behind_and_the_area_with_the_largest_gap(
    accounts: dict[str, User], year: None
) -> None:
    page = _text(
        signed_in(accounts["jining_admin"]).get(
            "/indicators/reports/", {"region": CITY, "period": "2025"}
        )
    )
    assert "济宁市2025年残疾人就业工作年度报告" in page
    for heading in ("一、工作成效", "二、各地进展（通报排名）", "三、存在问题", "四、经验做法"):
        assert heading in page
    # the city's target: 9 of 20, behind by 55.0 points with the year over
    assert "已完成目标的 45.0%（9 / 20 人），期间已结束" in page
    assert "城乡新增残疾人就业进度落后，落后时间进度 55.0 个百分点" in page
    # the largest gap is 微山县's (25.0% done: 75.0 points short), then 任城区's (40.0)
    assert (
        "城乡新增残疾人就业：差距最大的是微山县（落后时间进度 75.0 个百分点：已完成目标的 25.0%"
        "（2 / 8 人），期间已结束）；其次是任城区（落后时间进度 40.0 个百分点" in page
    )
    # 兖州区 has no target of its own
    assert "兖州区" in page
    assert "尚无已生效的本地区目标" in page
    # the ranking: 任城区 first with 6, 微山县 second with 2, 兖州区 third with 1
    table = page.split("各县（市、区）排名")[1]
    assert table.index("任城区") < table.index("微山县") < table.index("兖州区")
    assert "第 1 任城区 6 人" in table
    # the staff's part is empty, and says the system does not write it
    assert "系统不代写" in page
    assert AuditRecord.objects.filter(
        action="indicators.report.view", target_label="济宁市2025年残疾人就业工作年度报告"
    ).exists()


def test_the_quarterly_report_counts_the_quarter(accounts: dict[str, User], year: None) -> None:
    page = _text(
        signed_in(accounts["jining_admin"]).get(
            "/indicators/reports/", {"region": CITY, "period": "2025Q2"}
        )
    )
    assert "济宁市2025年第2季度残疾人就业工作季度通报" in page
    # in the quarter 任城区 had 4 entries, the city 7; the year's target progress stays 9 of 20
    assert "本期 7 人" in page
    assert "第 1 任城区 4 人" in page
    assert "已完成目标的 45.0%（9 / 20 人）" in page


def test_a_month_is_not_a_reports_period(accounts: dict[str, User]) -> None:
    page = _text(
        signed_in(accounts["jining_admin"]).get("/indicators/reports/", {"period": "2025-05"})
    )
    assert "报告按季度或年度出具" in page


def test_the_xlsx_has_the_figures_as_numbers(accounts: dict[str, User], year: None) -> None:
    response = signed_in(accounts["jining_admin"]).get(
        "/indicators/reports/xlsx/", {"region": CITY, "period": "2025"}
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [
        "报告",
        "一、工作成效",
        "二、各地进展",
        "趋势",
        "三、存在问题",
        "四、经验做法",
    ]
    results = {row[0]: row for row in workbook["一、工作成效"].iter_rows(values_only=True)}
    line = results["城乡新增残疾人就业"]
    assert line[2] == 9
    assert line[5] == 20
    assert line[8] == 45.0
    assert line[10] == -55.0
    assert line[11] == "进度落后"
    areas = [
        row for row in workbook["二、各地进展"].iter_rows(values_only=True) if row[2] == "微山县"
    ]
    assert areas[0][1] == 2
    assert areas[0][3] == 2
    assert areas[0][4] == 25.0
    assert areas[0][5] == -75.0
    problems = [row[1] for row in workbook["三、存在问题"].iter_rows(min_row=2, values_only=True)]
    assert any("差距最大的是微山县" in text for text in problems)
    assert AuditRecord.objects.filter(
        action="indicators.report.export", target_label__contains="Excel"
    ).exists()


def test_the_pdf_has_the_sections_and_verifies(
    accounts: dict[str, User], year: None, tmp_path: Path
) -> None:
    client = signed_in(accounts["jining_admin"])
    client.post(
        "/indicators/reports/notes/?region=370800&period=2025",
        {"experience": "推行“一人一档”跟踪服务。", "next_steps": "督促微山县加快进度。"},
    )
    response = client.post("/indicators/reports/pdf/?region=370800&period=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    flat = "".join(text.split())
    document = IssuedDocument.objects.get(kind="indicators.report")
    assert document.display_code in text
    assert "济宁市残疾人联合会" in flat
    for heading in ("一、工作成效", "二、各地进展（通报排名）", "三、存在问题", "四、经验做法"):
        assert heading in flat
    assert "差距最大的是微山县" in flat
    assert "推行“一人一档”跟踪服务。" in flat
    assert "由济宁市残联管理员填写" in flat
    verify = client.get(f"/verify/{document.display_code}/")
    assert verify.status_code == 200
    assert "济宁市2025年残疾人就业工作年度报告" in verify.content.decode()
    # issuing it again supersedes the first
    client.post("/indicators/reports/pdf/?region=370800&period=2025")
    document.refresh_from_db()
    assert document.superseded_by is not None
    assert AuditRecord.objects.filter(
        action="indicators.report.export", target_label__contains="PDF"
    ).exists()


def test_the_staff_text_is_versioned_and_audited(accounts: dict[str, User]) -> None:
    client = signed_in(accounts["jining_admin"])
    url = "/indicators/reports/notes/?region=370800&period=2025Q3"
    assert client.get(url).status_code == 200
    first = client.post(url, {"experience": "第一稿", "next_steps": ""})
    assert first.status_code == 302
    note = ReportNote.objects.get(region_code=CITY, period_code="2025Q3")
    assert note.version == 1
    assert note.written_by == accounts["jining_admin"]
    assert (
        client.post(url, {"experience": "第二稿", "next_steps": "", "version": 1}).status_code
        == 302
    )
    note.refresh_from_db()
    assert note.version == 2
    assert note.experience == "第二稿"
    # a save on the first version after the second answers 409 with what was saved
    stale = client.post(url, {"experience": "旧页面", "next_steps": "", "version": 1})
    assert stale.status_code == 409
    note.refresh_from_db()
    assert note.experience == "第二稿"
    saves = AuditRecord.objects.filter(action="indicators.report.note").order_by("pk")
    assert [record.changes["experience"] for record in saves] == [
        ["", "第一稿"],
        ["第一稿", "第二稿"],
    ]
    page = _text(client.get("/indicators/reports/", {"region": CITY, "period": "2025Q3"}))
    assert "第二稿" in page
    assert "由济宁市残联管理员填写" in page


def test_a_county_cannot_open_another_countys_report(accounts: dict[str, User]) -> None:
    client = signed_in(accounts["rencheng_admin"])
    for path in ("/indicators/reports/", "/indicators/reports/xlsx/"):
        assert client.get(path, {"region": WEISHAN, "period": "2025"}).status_code == 404
        assert client.get(path, {"region": CITY, "period": "2025"}).status_code == 404
    assert client.post(f"/indicators/reports/pdf/?region={WEISHAN}&period=2025").status_code == 404
    assert (
        client.post(
            f"/indicators/reports/notes/?region={WEISHAN}&period=2025", {"experience": "x"}
        ).status_code
        == 404
    )
    # its own opens
    assert client.get("/indicators/reports/", {"period": "2025"}).status_code == 200
    # a counsellor reads the report but does not write its staff part
    counsellor = signed_in(accounts["rencheng_counsellor"])
    assert counsellor.get("/indicators/reports/", {"period": "2025"}).status_code == 200
    assert counsellor.get("/indicators/reports/notes/", {"period": "2025"}).status_code in (
        403,
        404,
    )


def test_the_dashboard_links_to_its_reports(accounts: dict[str, User]) -> None:
    body = (
        signed_in(accounts["jining_admin"])
        .get("/indicators/dashboard/", {"period": "2025Q3"})
        .content.decode()
    )
    assert "下载报告" in body
    assert 'href="/indicators/reports/?region=370800&amp;period=2025Q3"' in body
    assert 'href="/indicators/reports/?region=370800&amp;period=2025"' in body
