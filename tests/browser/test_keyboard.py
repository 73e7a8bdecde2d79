"""Ablework works with the keyboard alone, and keyboard focus is always visible."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from ablework.demo.seeding import DEMO_PASSWORD
from tests.browser.pages import LOGIN_PATH, focused, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def focused_id(page: Page) -> str | None:
    element = focused(page)
    return element.id if element else None


def press_and_wait_for_page(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def test_keyboard_only_sign_in_and_switch_to_english(demo_site: DemoSite):
    def journey(page: Page) -> None:
        # given the login page, and only the keyboard from here on
        page.goto(LOGIN_PATH)

        # the first Tab shows the skip link, and following it puts focus on the main content
        page.keyboard.press("Tab")
        skip_link = focused(page)
        assert skip_link is not None
        assert (skip_link.tag, skip_link.text) == ("a", "跳到主要内容")
        assert skip_link.ring_problem is None, skip_link.ring_problem
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.tagName") == "MAIN"

        # the next Tab reaches the login form: type the account and submit with Enter
        page.keyboard.press("Tab")
        assert focused_id(page) == "id_username"
        page.keyboard.type("jining_admin")
        page.keyboard.press("Tab")
        assert focused_id(page) == "id_password"
        page.keyboard.type(DEMO_PASSWORD)
        press_and_wait_for_page(page, "Enter")
        assert urlsplit(page.url).path == "/"
        assert page.get_by_role("heading", level=1).inner_text() == "您好，济宁市残联管理员"

        # choose English in the language form with the arrow keys, and submit it (after the
        # links of the page and the navigation; the focus may start in the page's main part, so
        # Tab may go round once through every entry and card before reaching the form)
        tab_to(page, "language-select", limit=200)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert focused_id(page) == "language-submit"
        press_and_wait_for_page(page, "Enter")

        # then the same page is in English, and the keyboard focus is still visible
        assert urlsplit(page.url).path == "/"
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", level=1).inner_text() == "Hello, 济宁市残联管理员"
        assert page.get_by_role("heading", name="Registered persons with disabilities").is_visible()
        page.keyboard.press("Tab")
        first_stop = focused(page)
        assert first_stop is not None
        assert first_stop.text == "Skip to main content"
        assert first_stop.outline_style != "none"
        assert first_stop.ring_problem is None, first_stop.ring_problem

    demo_site.browse(journey)


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_every_tab_stop_shows_a_visible_focus_outline(demo_site: DemoSite, contrast: str):
    def tab_through(page: Page, path: str) -> list[str]:
        page.goto(path)
        problems: list[str] = []
        seen: list[str] = []
        for _ in range(100):
            page.keyboard.press("Tab")
            element = focused(page)
            if element is None or (seen and str(element) == seen[0]):  # round the page
                break
            seen.append(str(element))
            if element.ring_problem:
                problems.append(f"{path}: {element.ring_problem}")
        assert len(seen) > 10, f"{path}: only {len(seen)} Tab stops: {seen}"
        return problems

    def journey(page: Page) -> list[str]:
        sign_in(page, "rencheng_counsellor")
        return tab_through(page, "/") + tab_through(page, "/persons/")

    problems = demo_site.browse(journey, cookies=[{"name": "ablework_contrast", "value": contrast}])

    assert problems == [], "\n".join(problems)
