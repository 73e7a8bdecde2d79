"""Every page a demo role can reach has no serious or critical axe-core violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from playwright.sync_api import Page

from ablework.accounts.roles import ROLE_PERMISSIONS
from ablework.demo.seeding import DEMO_ACCOUNTS
from ablework.shell.navigation import pages_reached_with
from tests.browser.pages import (
    LOGIN_PATH,
    MISSING_PATH,
    first_record_link,
    links_offered,
    path_of,
    section_links,
    serious_violations,
    sign_in,
)
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

ROLE_OF = {username: role for username, role, _region, _name in DEMO_ACCOUNTS}
REVEAL_BUTTON = "显示完整信息（将被记录）"
HIGH_CONTRAST_LARGEST_TEXT = [
    {"name": "ablework_text_size", "value": "larger"},
    {"name": "ablework_contrast", "value": "high"},
]


def pages_a_role_is_offered(role: str) -> set[str]:
    """Pages the role's navigation and home page must lead to, by URL name (there may be more),
    as each app's section declares them for the permissions the role holds."""
    return pages_reached_with(frozenset(str(p) for p in ROLE_PERMISSIONS[role]))


def url_pattern(path: str) -> str:
    """The URL pattern a path belongs to (`registry:person_detail` for every person's record)."""
    match = resolve(urlsplit(path).path)
    return f"{match.app_name}:{match.url_name}"


def check_every_page_reached(page: Page, username: str) -> tuple[list[str], list[str]]:
    """Sign in, then follow the navigation, the home page's links, each section's own navigation
    and the first record of each list (and reveal it, where offered), then open a missing page.

    Each URL pattern is visited once: one person's record stands for every person's, one level
    of the region tree for every level, so the visits grow with the pages, not with the data.
    Returns the paths visited and the violations found on them.
    """
    sign_in(page, username)
    visited = [path_of(page.url)]
    patterns = {url_pattern(visited[0])}
    problems = serious_violations(page)
    to_visit = links_offered(page)
    while to_visit:
        path = to_visit.pop(0)
        if url_pattern(path) in patterns:
            continue
        page.goto(path)
        visited.append(path)
        patterns.add(url_pattern(path))
        problems += serious_violations(page)
        to_visit += section_links(page)
        if record := first_record_link(page):
            to_visit.append(record)
        reveal = page.get_by_role("button", name=REVEAL_BUTTON)
        if reveal.count():
            with page.expect_navigation():
                reveal.click()
            visited.append(f"{path}reveal/")
            patterns.add(url_pattern(f"{path}reveal/"))
            problems += serious_violations(page)
    response = page.goto(MISSING_PATH)
    assert response is not None
    assert response.status == 404
    problems += serious_violations(page)
    return visited, problems


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_login_page_and_its_error_have_no_serious_violation(demo_site: DemoSite, contrast: str):
    def check(page: Page) -> list[str]:
        page.goto(LOGIN_PATH)
        problems = serious_violations(page)
        page.get_by_label("用户名", exact=True).fill("jining_admin")
        page.get_by_label("密码", exact=True).fill("not-the-password")
        with page.expect_navigation():
            page.get_by_role("button", name="登录", exact=True).click()
        assert page.get_by_role("alert").inner_text() == "用户名或密码不正确，请重新输入。"
        return problems + serious_violations(page)

    problems = demo_site.browse(check, cookies=[{"name": "ablework_contrast", "value": contrast}])

    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("username", list(ROLE_OF))
def test_every_page_a_role_reaches_has_no_serious_violation(
    demo_site: DemoSite,
    demo_quota: object,
    demo_notices: object,
    demo_levy: object,
    demo_plans: object,
    demo_support: object,
    demo_support_records: object,
    demo_difficulty: object,
    demo_households: object,
    demo_postings: object,
    username: str,
):
    # (with the demo's declarations, so a declaration page — a draft, a returned, a certified
    # one — is reached from the list or the home card wherever the role's area holds one)
    # given a demo account, signed in through the login form
    # when they open every page their navigation and home page lead to, and a missing page
    visited, problems = demo_site.browse(lambda page: check_every_page_reached(page, username))

    # then they reached at least the pages their role's permissions open, and none of the pages
    # reached had a serious violation
    reached = [url_pattern(path) for path in visited]
    assert len(reached) == len(set(reached)), f"a URL pattern was visited twice: {visited}"
    missed = pages_a_role_is_offered(ROLE_OF[username]) - set(reached)
    assert not missed, f"not reachable from the navigation or home page: {missed}; saw {visited}"
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_high_contrast_and_largest_text_have_no_serious_violation(demo_site: DemoSite):
    def check_staff_pages(page: Page) -> list[str]:
        sign_in(page, "jining_admin")
        assert page.locator("html").get_attribute("class") == "text-larger contrast-high"
        problems = serious_violations(page)
        for path in ["/persons/", "/employers/", "/audit/", MISSING_PATH]:
            page.goto(path)
            problems += serious_violations(page)
            if record := first_record_link(page):
                page.goto(record)
                problems += serious_violations(page)
        return problems

    problems = demo_site.browse(check_staff_pages, cookies=HIGH_CONTRAST_LARGEST_TEXT)

    assert problems == [], "\n".join(problems)
