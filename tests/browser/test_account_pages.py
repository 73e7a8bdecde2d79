"""The lockout page, the password change page and the administrators' reset pass axe-core and
say what a user needs: when to try again, what a good password is, the temporary password."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.demo.seeding import DEMO_PASSWORD
from tests.browser.pages import LOGIN_PATH, serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def _try(page: Page, username: str, password: str) -> None:
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录", exact=True).click()


def test_the_lockout_page_says_when_to_try_again(demo_site: DemoSite):
    def check(page: Page) -> tuple[str, list[str]]:
        page.goto(LOGIN_PATH)
        for attempt in range(10):  # the tenth failure reaches the limit
            _try(page, "weishan_counsellor", f"guess-{attempt}")
        return page.get_by_role("alert").inner_text(), serious_violations(page)

    alert, problems = demo_site.browse(check)

    assert "已暂停登录" in alert
    assert "30 分钟后再试" in alert
    assert problems == [], "\n".join(problems)


def test_a_user_changes_their_password_from_the_header(demo_site: DemoSite):
    def check(page: Page) -> tuple[str, list[str]]:
        sign_in(page, "person_user")
        page.get_by_role("link", name="修改密码").click()
        problems = serious_violations(page)
        page.get_by_label("旧密码").fill(DEMO_PASSWORD)
        page.get_by_label("新密码", exact=True).fill("short")
        page.get_by_label("新密码确认").fill("short")
        with page.expect_navigation():
            page.get_by_role("button", name="保存新密码").click()
        summary = page.get_by_role("alert").inner_text()
        return summary, problems + serious_violations(page)

    summary, problems = demo_site.browse(check)

    assert "密码太短：至少需要 12 个字符。" in summary
    assert problems == [], "\n".join(problems)


def test_an_administrator_resets_a_password_from_the_accounts_page(demo_site: DemoSite):
    def check(page: Page) -> tuple[str, list[str]]:
        sign_in(page, "rencheng_admin")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="账户管理").click()
        problems = serious_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="重置任城区就业服务专员的密码").click()
        problems += serious_violations(page)
        return page.locator("#temporary-password").inner_text(), problems

    temporary, problems = demo_site.browse(check)

    assert len(temporary) == 19
    assert problems == [], "\n".join(problems)


def test_staff_record_a_consent_from_the_persons_record_by_keyboard(demo_site: DemoSite):
    def check(page: Page) -> tuple[str, str, list[str]]:
        sign_in(page, "rencheng_counsellor")
        page.goto("/persons/")
        page.locator("main table tbody a[href]").first.click()
        page.get_by_role("link", name="登记家属代办授权").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        heading = page.get_by_role("heading", level=1).inner_text()
        problems = serious_violations(page)
        page.get_by_label("家属账户用户名").fill("family_user")
        page.get_by_label("与本人的关系").fill("配偶")
        with page.expect_navigation():
            page.get_by_role("button", name="登记授权").click()
        summary = page.get_by_role("alert").inner_text()
        return heading, summary, problems + serious_violations(page)

    heading, summary, problems = demo_site.browse(check)

    # the page names the person, the failed submit lists the missing evidence, no axe violation
    assert heading.startswith("为 ")
    assert heading.endswith(" 登记家属代办授权")
    assert "授权依据" in summary
    assert problems == [], "\n".join(problems)
