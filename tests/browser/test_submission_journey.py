"""The period lock by keyboard alone (issue 14): 任城区's administrator opens 报送情况 from the
home page, asks for this quarter and submits it; 济宁市's administrator finds it waiting in the
city's 报送情况 and returns it with a reason; the county reads the reason and submits again; the
city approves the second submission and the quarter is locked. Every page on the way has no
serious axe violation at a desktop's width and at a phone's 390 px, where it also fits without
scrolling sideways."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from ablework.indicators.models import Submission, SubmissionStatus
from tests.browser.keyboard import (
    button,
    check_radio,
    follow,
    link_to,
    press_and_wait,
    sign_in_by_keyboard,
)
from tests.browser.pages import at_both_widths, tab_to, tab_until
from tests.browser.session import DemoSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RENCHENG = "370811"
YEAR = date.today().year
QUARTER_NUMBER = (date.today().month + 2) // 3
QUARTER = f"{YEAR}Q{QUARTER_NUMBER}"
REASON = "古槐街道有三人的就业记录尚未录入，请补录后重新报送"
STATUS_PATH = "/indicators/submissions/"


def _status_of_this_quarter(page: Page, username: str) -> list[str]:
    """Sign in, open 报送情况 from the home page and ask for this quarter by typing it."""
    problems = sign_in_by_keyboard(page, username)
    problems += follow(page, STATUS_PATH)
    problems += at_both_widths(page)
    tab_to(page, "s-period", limit=80)
    page.keyboard.press("Control+A")
    page.keyboard.type(QUARTER)
    press_and_wait(page)
    assert f"period={QUARTER}" in page.url, page.url
    return problems + at_both_widths(page)


def _confirm_submission(page: Page) -> list[str]:
    """On 报送数据: read what will be stored, then 确认报送."""
    problems = at_both_widths(page)
    tab_until(page, button("确认报送"), what="确认报送", limit=120)
    press_and_wait(page)
    return problems + at_both_widths(page)


def _open_rencheng_submission(page: Page) -> list[str]:
    """From the city's 报送情况 of this quarter, 任城区's row leads to its latest submission."""
    tab_until(
        page,
        lambda now: now.tag == "a" and now.text == "任城区" and "/submissions/" in now.href,
        what="任城区's submission",
        limit=120,
    )
    press_and_wait(page)
    return at_both_widths(page)


def _approve(page: Page) -> list[str]:
    """审核结果 审核通过 (the first choice, by Space), then submit."""
    check_radio(page, "id_decision_0", limit=120)
    tab_until(page, button("提交审核结果"), what="提交审核结果", limit=10)
    press_and_wait(page)
    return at_both_widths(page)


def test_a_county_submits_its_quarter_the_city_returns_it_then_approves_it(
    demo_site: DemoSite,
) -> None:
    def county_submits(page: Page) -> dict[str, object]:
        problems = _status_of_this_quarter(page, "rencheng_admin")
        before = page.locator("main table tbody").inner_text()
        tab_until(page, link_to("/indicators/submissions/new/"), what="报送", limit=80)
        press_and_wait(page)
        heading = page.locator("h1").inner_text()
        problems += _confirm_submission(page)
        return {
            "problems": problems,
            "before": before,
            "heading": heading,
            "message": page.locator("main").inner_text(),
        }

    def city_returns(page: Page) -> dict[str, object]:
        problems = _status_of_this_quarter(page, "jining_admin")
        waiting = page.locator("main table tbody").inner_text()
        problems += _open_rencheng_submission(page)
        # 退回 without a reason first: the error summary takes focus and its link leads to the field
        check_radio(page, "id_decision_0", down=1, limit=120)
        tab_until(page, button("提交审核结果"), what="提交审核结果", limit=10)
        press_and_wait(page)
        problems += at_both_widths(page)
        page.wait_for_function("document.activeElement.id === 'error-summary'")
        summary = page.locator("#error-summary").inner_text()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        on_field = page.evaluate("document.activeElement.id")
        page.keyboard.type(REASON)
        tab_until(page, button("提交审核结果"), what="提交审核结果", limit=10)
        press_and_wait(page)
        problems += at_both_widths(page)
        return {
            "problems": problems,
            "waiting": waiting,
            "summary": summary,
            "on_field": on_field,
            "after": page.locator("main").inner_text(),
        }

    def county_submits_again(page: Page) -> dict[str, object]:
        problems = _status_of_this_quarter(page, "rencheng_admin")
        returned = page.locator("main table tbody").inner_text()
        problems += _open_rencheng_submission(page)
        reason = page.locator("dl.record").inner_text()
        tab_to(page, "submission-again", limit=80)
        press_and_wait(page)
        problems += _confirm_submission(page)
        return {"problems": problems, "returned": returned, "reason": reason}

    def city_approves(page: Page) -> dict[str, object]:
        problems = _status_of_this_quarter(page, "jining_admin")
        problems += _open_rencheng_submission(page)
        problems += _approve(page)
        after = page.locator("main").inner_text()
        tab_until(page, link_to(STATUS_PATH), what="返回报送情况", limit=80)
        press_and_wait(page)
        problems += at_both_widths(page)
        return {"problems": problems, "after": after, "status": page.locator("main").inner_text()}

    submitted = demo_site.browse(county_submits)
    first = Submission.objects.get(region_code=RENCHENG, period=QUARTER)
    returned = demo_site.browse(city_returns)
    first.refresh_from_db()
    again = demo_site.browse(county_submits_again)
    approved = demo_site.browse(city_approves)

    assert submitted["problems"] == []
    assert "未报送" in str(submitted["before"])
    assert submitted["heading"] == "报送数据：任城区"
    assert "待上级审核" in str(submitted["message"])
    assert returned["problems"] == []
    assert "已报送待审核" in str(returned["waiting"])
    assert "退回理由：请写明退回的理由。" in str(returned["summary"])
    assert returned["on_field"] == "id_decision_note"
    assert "已退回" in str(returned["after"])
    assert first.status == SubmissionStatus.RETURNED
    assert first.decision_note == REASON
    assert again["problems"] == []
    assert REASON in str(again["returned"])
    assert REASON in str(again["reason"])
    assert approved["problems"] == []
    assert "本期数据已锁定" in str(approved["after"])
    latest = Submission.objects.filter(region_code=RENCHENG, period=QUARTER).latest("created_at")
    assert latest.pk != first.pk
    assert latest.status == SubmissionStatus.LOCKED
    assert latest.decided_by == demo_site.users["jining_admin"]
    assert "已审核锁定" in str(approved["status"])
