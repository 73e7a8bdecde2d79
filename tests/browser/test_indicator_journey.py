"""The indicator dashboard by keyboard alone (issue 14): 济宁市's administrator opens 监测指标
from the navigation, reaches a chart's data table, drills down to 任城区 from the ranking and
then to the persons behind its new-employment figure, and opens one of them; then, from the
city's dashboard, opens this quarter's 季度通报 and downloads it as .xlsx and as PDF. The charts are
drawn from the vendored ECharts with nothing refused by the Content-Security-Policy; every
page has no serious axe violation, at a desktop's width and at a phone's 390 px, where it
also fits without scrolling sideways."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ablework.registry.models import EmploymentPeriod, Person
from tests.browser.keyboard import press_and_wait, sign_in_by_keyboard
from tests.browser.pages import focused, path_of, serious_violations, tab_to, tab_until
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
YEAR = date.today().year
QUARTER = f"{YEAR}Q{(date.today().month + 2) // 3}"


def _overflow(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _newly_employed(demo_site: DemoSite) -> Person:
    """A person of 任城区 out of work until this year's 2 January, then employed."""
    person = Person.objects.filter(county_code="370811", merged_into=None).order_by("pk").last()
    assert person is not None
    EmploymentPeriod.objects.filter(person=person).delete()
    EmploymentPeriod.objects.create(
        person=person,
        status="unemployed",
        kind="",
        employer_name="",
        started_on=date(YEAR - 1, 1, 1),
        ended_on=date(YEAR, 1, 1),
    )
    EmploymentPeriod.objects.create(
        person=person,
        status="employed",
        kind="flexible",
        employer_name="",
        started_on=date(YEAR, 1, 2),
    )
    return person


def test_a_city_administrator_drills_down_to_the_persons_and_downloads_the_report(
    demo_site: DemoSite,
) -> None:
    person = _newly_employed(demo_site)

    def journey(page: Page) -> dict[str, object]:
        refused: list[str] = []
        # what the Content-Security-Policy refused, and any script error
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        page.on("pageerror", lambda error: refused.append(str(error)))
        problems = sign_in_by_keyboard(page, "jining_admin")
        # 监测指标 in the main navigation
        tab_until(page, lambda now: now.href == "/indicators/dashboard/", what="监测指标")
        press_and_wait(page)
        problems += serious_violations(page)
        heading = page.locator("h1").inner_text()
        page.wait_for_selector(".chart:not([hidden]) svg")
        drawn = page.locator(".chart:not([hidden]) svg").count()
        # the first chart's data table: a region the keyboard reaches, named by its caption
        table = tab_until(
            page,
            lambda now: now.tag == "div" and now.text.startswith("城乡新增残疾人就业：趋势数据"),
            what="the trend's data table",
            limit=200,
        )
        # 任城区 in the ranking of counties, then its dashboard
        tab_until(
            page,
            lambda now: now.href == f"?region=370811&period={YEAR}",
            what="任城区 in the ranking",
            limit=200,
        )
        press_and_wait(page)
        problems += serious_violations(page)
        county = page.locator("h1").inner_text()
        # the persons behind its new-employment figure
        tab_until(
            page,
            lambda now: now.text == "查看任城区计入的人员",
            what="the persons behind the figure",
            limit=200,
        )
        press_and_wait(page)
        problems += serious_violations(page)
        listed = page.locator("main table tbody").inner_text()
        persons_path = path_of(page.url)
        tab_until(page, lambda now: now.href == f"/persons/{person.pk}/", what=person.name)
        press_and_wait(page)
        record = page.locator("h1").inner_text()
        # back on the city's dashboard, this quarter's report, then its two downloads
        page.goto(f"/indicators/dashboard/?region=370800&period={YEAR}")
        page.wait_for_load_state("load")
        report_path = f"/indicators/reports/?region=370800&period={QUARTER}"
        tab_until(page, lambda now: now.href == report_path, what="季度通报", limit=60)
        press_and_wait(page)
        problems += serious_violations(page)
        report = page.locator("h1").inner_text()
        tab_to(page, "report-xlsx", limit=60)
        with page.expect_download() as xlsx:
            page.keyboard.press("Enter")
        sheets = zipfile.ZipFile(io.BytesIO(Path(xlsx.value.path()).read_bytes())).namelist()
        tab_to(page, "report-pdf", limit=20)
        with page.expect_download() as pdf:
            page.keyboard.press("Enter")
        pdf_start = Path(pdf.value.path()).read_bytes()[:5]
        # the same pages on a phone
        page.set_viewport_size(PHONE)
        narrow: dict[str, int] = {}
        for path in (
            f"/indicators/dashboard/?region=370800&period={YEAR}",
            persons_path,
            report_path,
        ):
            page.goto(path)
            page.wait_for_load_state("load")
            narrow[path] = _overflow(page)
            problems += serious_violations(page)
        return {
            "problems": problems,
            "heading": heading,
            "drawn": drawn,
            "table": str(table),
            "county": county,
            "listed": listed,
            "record": record,
            "report": report,
            "sheets": sheets,
            "pdf": pdf_start,
            "narrow": narrow,
            "refused": refused,
            "focus": str(focused(page)),
        }

    seen = demo_site.browse(journey)

    assert seen["problems"] == []
    assert seen["heading"] == f"济宁市指标看板：{YEAR}年"
    assert seen["drawn"] >= 2
    assert seen["county"] == f"任城区指标看板：{YEAR}年"
    assert person.name in seen["listed"]
    assert person.resident_id_masked in seen["listed"]
    assert person.name in seen["record"]
    quarter = int(QUARTER[-1])
    assert seen["report"] == f"济宁市{YEAR}年第{quarter}季度残疾人就业工作季度通报"
    assert "xl/workbook.xml" in seen["sheets"]
    assert seen["pdf"] == b"%PDF-"
    assert set(seen["narrow"].values()) == {0}, seen["narrow"]
    assert seen["refused"] == []
