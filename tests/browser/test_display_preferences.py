"""Larger text and high contrast, once chosen, stay on every page and after signing out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pages import sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

CHOSEN = "text-larger contrast-high"


def what_the_page_looks_like(page: Page) -> tuple[str | None, str, str]:
    """The <html> classes, the root font size, and the page background."""
    return (
        page.locator("html").get_attribute("class"),
        page.evaluate("getComputedStyle(document.documentElement).fontSize"),
        page.evaluate("getComputedStyle(document.body).backgroundColor"),
    )


def test_text_size_and_contrast_persist_across_reloads_pages_and_sign_out(demo_site: DemoSite):
    def journey(page: Page) -> list[tuple[str, tuple[str | None, str, str]]]:
        sign_in(page, "rencheng_counsellor")
        assert what_the_page_looks_like(page) == (
            "text-normal contrast-normal",
            "16px",
            "rgb(255, 255, 255)",
        )

        # the user picks 特大 and 高对比度 in the display form
        page.get_by_label("文字大小", exact=True).select_option(label="特大")
        page.get_by_label("对比度", exact=True).select_option(label="高对比度")
        with page.expect_navigation():
            page.get_by_role("button", name="应用显示设置").click()
        seen = [("after applying", what_the_page_looks_like(page))]

        page.reload()
        seen.append(("after reloading", what_the_page_looks_like(page)))

        with page.expect_navigation():
            page.get_by_role("navigation", name="主导航").get_by_role(
                "link", name="残疾人信息"
            ).click()
        seen.append(("on the person list", what_the_page_looks_like(page)))

        with page.expect_navigation():
            page.get_by_role("button", name="退出登录").click()
        seen.append(("signed out, on the login page", what_the_page_looks_like(page)))
        return seen

    seen = demo_site.browse(journey)

    for where, looks in seen:
        assert looks == (CHOSEN, "24px", "rgb(0, 0, 0)"), where
