"""The home page's unread messages: an employer user told of a returned declaration reads it
on the home page, which keeps no serious axe violation, and reaches its link by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.core.notifications import notify
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

TEXT = "您单位 2023 年度的按比例就业申报已被退回：请补充劳动合同。请修改后重新提交。"


def test_an_unread_message_on_the_home_page_is_accessible_by_keyboard(demo_site: DemoSite):
    user = demo_site.users["employer_user"]
    notify([user], text=TEXT, link=f"/employers/{user.employer_id}/")

    def check(page: Page) -> list[str]:
        sign_in(page, "employer_user")
        page.goto("/")
        card = page.get_by_role("region", name="未读消息")
        assert card.get_by_role("link").inner_text() == TEXT
        problems = serious_violations(page)
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == TEXT:
                break
        else:
            raise AssertionError("the message's link is not reached by Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/employers/{user.employer_id}/")
        return problems

    problems = demo_site.browse(check)
    assert problems == [], "\n".join(problems)
