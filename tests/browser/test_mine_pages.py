"""The person's own view of their employment services (`/support/mine/`), which the role crawl
reaches too: the person's page and a family member's, with no serious axe violation, and a
complaint about a service sent by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.support.models import ServiceRecord
from tests.browser.pages import focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_the_persons_page_has_no_serious_violation(demo_site: DemoSite, demo_plans: dict):
    def visit(page: Page) -> tuple[list[str], list[str]]:
        sign_in(page, "person_user")
        page.get_by_role("link", name="查看我的就业服务").click()
        page.wait_for_load_state()
        headings = page.get_by_role("heading", level=2).all_inner_texts()
        return headings, serious_violations(page)

    headings, problems = demo_site.browse(visit)
    assert headings[:4] == ["接下来要做的事", "我的就业计划", "职业能力评估的结论", "我得到的服务"]
    assert problems == [], "\n".join(problems)


def test_a_family_member_complains_by_keyboard(demo_site: DemoSite, demo_plans: dict):
    relative = demo_plans["relative"]
    service = ServiceRecord.objects.get(person=relative)

    def complain(page: Page) -> tuple[str, list[str]]:
        sign_in(page, "family_user")
        page.goto("/support/mine/")
        problems = serious_violations(page)
        # the complaint's radio button, reached and chosen with the keyboard
        tab_to(page, f"id_service-{service.pk}-kind_0", limit=80)
        page.keyboard.press("ArrowDown")
        now = focused(page)
        assert now is not None
        assert now.id == f"id_service-{service.pk}-kind_1"
        page.keyboard.press("Tab")
        page.keyboard.type("工作人员没有上门")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)
        return page.get_by_role("status").all_inner_texts()[0], problems

    message, problems = demo_site.browse(complain)
    assert "已收到您的反馈，谢谢。" in message
    assert problems == [], "\n".join(problems)
