"""A job seeker by keyboard alone (Chromium, 390 px wide): person_user signs in, opens 查找岗位
from their home page, searches by a word, filters by an accommodation, opens a posting, saves
it and finds it under 我收藏的岗位; then asks for a referral to a posting, finds it under 我的推荐
and withdraws it. Every page has no serious axe violation and fits 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.keyboard import (
    button,
    follow,
    press_and_wait,
    sign_in_by_keyboard,
    tab_to_text,
    type_into,
)
from tests.browser.pages import (
    at_both_widths,
    path_of,
    serious_violations,
    sign_in,
    tab_to,
    tab_until,
)
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


def test_a_person_asks_for_a_referral_and_follows_it_by_keyboard(
    demo_site: DemoSite, demo_seeker: object
):
    def journey(page: Page) -> tuple[list[str], dict[str, object]]:
        problems = sign_in_by_keyboard(page, "person_user")
        problems += follow(page, "/matching/jobs/")
        target = page.get_by_role("link", name="公交站报刊亭经营").get_attribute("href") or ""
        problems += follow(page, target)
        said: dict[str, object] = {}
        problems += at_both_widths(page)  # with the engine's words beside the button
        tab_until(page, button("申请推荐"), what="申请推荐", limit=120)
        press_and_wait(page)
        said["message"] = page.get_by_role("status").inner_text()
        said["asked"] = page.locator("main").inner_text()
        problems += at_both_widths(page)
        problems += follow(page, "/matching/jobs/referrals/")
        said["list"] = page.locator("main").inner_text()
        problems += at_both_widths(page)
        # withdraw it again, saying why
        tab_to_text(page, "撤回这条推荐", limit=120)
        press_and_wait(page)
        problems += at_both_widths(page)
        type_into(page, "id_note", "已经找到其他工作")
        tab_until(page, button("撤回推荐"), what="撤回推荐", limit=20)
        press_and_wait(page)
        said["withdrawn"] = page.locator("main").inner_text()
        problems += at_both_widths(page)
        return problems, said

    problems, said = demo_site.browse(journey)

    assert problems == [], "\n".join(problems)
    assert "已申请推荐到" in str(said["message"])
    assert "已申请推荐" in str(said["asked"])
    assert "申请推荐" not in [b.strip() for b in str(said["asked"]).splitlines()]
    listed = str(said["list"])
    assert "公交站报刊亭经营" in listed
    assert "现在：本人申请推荐" in listed
    assert "接下来：" in listed
    assert "现在：已撤回" in str(said["withdrawn"])
