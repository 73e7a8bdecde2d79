"""A visitor who is not signed in reads the published notice and objects to it by keyboard;
staff read the notices and the appeal; no page on the way has a serious axe-core violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from ablework.organs.models import NoticeAppeal, PublicNotice
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_notice_and_objects_by_keyboard(demo_site: DemoSite, demo_notices):
    published: PublicNotice = demo_notices["published"]

    def journey(page: Page) -> list[str]:
        page.goto("/notice/")
        problems = serious_violations(page)
        page.get_by_role("link", name=published.title).click()
        assert urlsplit(page.url).path == f"/notice/{published.pk}/"
        problems += serious_violations(page)
        assert page.get_by_role("cell", name="未达标").count() >= 1
        page.get_by_role("link", name="提出异议").last.click()
        problems += serious_violations(page)
        page.get_by_label("姓名或单位名称").focus()
        page.keyboard.type("周女士")
        page.keyboard.press("Tab")
        page.keyboard.type("zhou@example.com")
        page.keyboard.press("Tab")
        page.keyboard.type("济宁市图书馆的人数有误。")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == f"/notice/{published.pk}/"
        problems += serious_violations(page)
        # a draft is not there
        response = page.goto(f"/notice/{demo_notices['draft'].pk}/")
        assert response is not None
        assert response.status == 404
        return problems

    problems = demo_site.browse(journey)

    assert problems == [], "\n".join(problems)
    appeal = NoticeAppeal.objects.get(name="周女士")
    assert appeal.contact_masked == "zh**@example.com"


def test_staff_read_the_draft_and_the_appeals(demo_site: DemoSite, demo_notices):
    appeal = demo_notices["published"].appeals.get()

    def journey(page: Page) -> list[str]:
        sign_in(page, "shandong_admin")
        page.goto("/organs/notices/")
        problems = serious_violations(page)
        page.goto(f"/organs/notices/{demo_notices['draft'].pk}/")
        problems += serious_violations(page)
        assert page.get_by_role("button", name="审核通过并发布").count() == 1
        page.goto(f"/organs/notices/{demo_notices['published'].pk}/")
        problems += serious_violations(page)
        assert page.get_by_text("139****1234").count() == 1
        page.goto(f"/organs/notices/{demo_notices['published'].pk}/appeals/{appeal.pk}/")
        problems += serious_violations(page)
        page.goto("/organs/notices/new/")
        return problems + serious_violations(page)

    problems = demo_site.browse(journey)

    assert problems == [], "\n".join(problems)
