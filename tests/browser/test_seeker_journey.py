"""A job seeker by keyboard alone (Chromium, 390 px wide): person_user signs in, opens 查找岗位
from their home page, searches by a word, filters by an accommodation, opens a posting, saves
it and finds it under 我收藏的岗位. Every page has no serious axe violation and fits 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pages import path_of, serious_violations, sign_in, tab_to, tab_until
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _overflow(page: Page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _check(page: Page, seen: list[tuple[str, int, list[str]]]) -> None:
    seen.append((path_of(page.url), _overflow(page), serious_violations(page)))


def _enter(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_person_finds_saves_and_finds_again_a_posting_by_keyboard(
    demo_site: DemoSite, demo_postings: object
):
    def journey(page: Page) -> tuple[list[tuple[str, int, list[str]]], dict[str, str]]:
        page.set_viewport_size(PHONE)
        seen: list[tuple[str, int, list[str]]] = []
        sign_in(page, "person_user")
        _check(page, seen)
        # from the home page's 找工作 card
        tab_until(page, lambda now: now.href == "/matching/jobs/", what="查找岗位", limit=80)
        _enter(page)
        _check(page, seen)
        # a word, then a filter: the workplace has step-free access
        tab_to(page, "id_q", limit=60)
        page.keyboard.type("客服")
        tab_to(page, "id_workplace_0", limit=30)
        page.keyboard.press("Space")
        tab_until(page, lambda now: now.text == "查找", what="查找", limit=40)
        _enter(page)
        _check(page, seen)
        heading = page.locator("#results-heading").inner_text()
        # the first result, by Tab, then open it
        first = page.locator("ol.job-results h3 a").first.get_attribute("href") or ""
        tab_until(page, lambda now: now.href == first, what="the first result", limit=60)
        _enter(page)
        _check(page, seen)
        title = page.locator("h1").inner_text()
        tab_until(page, lambda now: now.text == "收藏这个岗位", what="收藏", limit=80)
        _enter(page)
        _check(page, seen)
        message = page.get_by_role("status").inner_text()
        tab_until(
            page, lambda now: now.href == "/matching/jobs/saved/", what="我收藏的岗位", limit=40
        )
        _enter(page)
        _check(page, seen)
        saved = page.locator("ol.job-results h3").all_inner_texts()
        return seen, {"heading": heading, "title": title, "message": message, "saved": saved}

    seen, said = demo_site.browse(journey)

    assert [path for path, _wide, _problems in seen][-1] == "/matching/jobs/saved/"
    assert len(seen) == 6
    assert said["heading"] == "找到 1 个岗位"
    assert said["title"] == "电话客服专员"
    assert "已收藏这个岗位" in said["message"]
    assert said["saved"] == ["电话客服专员"]
    for path, wider, problems in seen:
        assert wider == 0, f"{path} is {wider}px wider than a 390px screen"
        assert problems == [], "\n".join(problems)


def test_the_pages_keep_to_a_phone_in_the_largest_text_and_high_contrast(
    demo_site: DemoSite, demo_seeker: object
):
    def look(page: Page) -> list[tuple[str, int, list[str]]]:
        page.set_viewport_size(PHONE)
        seen: list[tuple[str, int, list[str]]] = []
        sign_in(page, "person_user")
        assert page.locator("html").get_attribute("class") == "text-larger contrast-high"
        for path in ("/matching/jobs/", "/matching/jobs/?max_hours=abc", "/matching/jobs/saved/"):
            page.goto(path)
            _check(page, seen)
        page.goto(page.locator("ol.job-results h3 a").last.get_attribute("href") or "")
        _check(page, seen)  # the saved posting since closed, said so
        assert "这个岗位现在不能申请" in page.locator("main").inner_text()
        return seen

    seen = demo_site.browse(
        look,
        cookies=[
            {"name": "ablework_text_size", "value": "larger"},
            {"name": "ablework_contrast", "value": "high"},
        ],
    )

    assert len(seen) == 4
    for path, wider, problems in seen:
        assert wider == 0, f"{path} is {wider}px wider than a 390px screen"
        assert problems == [], "\n".join(problems)
