"""The 本地参数 page by keyboard, with axe: a county administrator proposes a minimum wage, and
the city administrator approves it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.pages import serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def _open(page: Page, username: str) -> list[str]:
    sign_in(page, username)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="本地参数").click()
    return serious_violations(page)


def test_a_value_is_proposed_and_approved_by_keyboard(demo_site: DemoSite):
    def propose(page: Page) -> tuple[str, list[str]]:
        problems = _open(page, "rencheng_admin")
        page.get_by_label("参数", exact=True).select_option("wages.minimum_wage_monthly")
        page.get_by_label("区划", exact=True).select_option("370811")
        page.get_by_label("起始日期", exact=True).fill("2025-01-01")
        page.get_by_label("数值", exact=True).fill("2,200元")
        page.get_by_label("依据", exact=True).fill("济宁市人社局通知（测试用依据）")
        tab_to(page, "propose-submit", limit=80)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        summary = page.get_by_role("alert").inner_text()
        problems += serious_violations(page)  # the form with its problems
        page.get_by_label("数值", exact=True).fill("2200")
        tab_to(page, "propose-submit", limit=80)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)  # pending, with no button for its maker
        return summary, problems

    summary, problems = demo_site.browse(propose)
    assert "不要带逗号、单位或“元”" in summary
    assert problems == [], "\n".join(problems)

    def approve(page: Page) -> tuple[str, list[str]]:
        problems = _open(page, "jining_admin")  # pending, with approve and send back
        button = page.get_by_role("button", name=re.compile(r"^审核通过\W*当地月最低工资标准$"))
        tab_to(page, button.get_attribute("id") or "", limit=80)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)
        return page.locator("main").inner_text(), problems

    text, problems = demo_site.browse(approve)
    assert "已审核通过，自即日起按该值计算。" in text
    assert "没有待审核的本地参数值。" in text
    assert "济宁市人社局通知（测试用依据）" in text
    assert problems == [], "\n".join(problems)
