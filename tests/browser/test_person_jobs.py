"""Jobs for this person and candidates for this job in a browser, at a phone's width (390 CSS
pixels): no serious axe violation, nothing wider than the screen, and "why is this job not
suggested?" found and read by keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite
from tests.matching.batches import ON, seed_batch_market

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TOO_WIDE_JS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 8).map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`)"""


def test_a_counsellor_finds_why_a_job_is_not_suggested_by_keyboard_on_a_phone(
    demo_site: DemoSite,
):
    market: dict[str, Any] = seed_batch_market(dict(demo_site.users))
    no_phone, phone_job = market["no_phone"], market["postings"][0]

    def journey(page: Page) -> dict[str, Any]:
        sign_in(page, "rencheng_counsellor")
        page.set_viewport_size(PHONE)
        seen: dict[str, Any] = {}
        # from the person's services page, the panel's link
        page.goto(f"/support/persons/{no_phone.pk}/")
        page.get_by_role("link", name=f"为{no_phone.name}推荐岗位").click()
        page.wait_for_url(f"**/matching/persons/{no_phone.pk}/jobs/")
        page.goto(f"/matching/persons/{no_phone.pk}/jobs/?on={ON.isoformat()}")
        seen["jobs"] = (serious_violations(page), page.evaluate(TOO_WIDE_JS))
        # by keyboard: the search field, the words, Enter; then Tab to the first posting found
        page.get_by_label("岗位名称或招聘单位").focus()
        page.keyboard.type("电话客服")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.get_by_role("button", name="查找岗位").focus()
        page.keyboard.press("Tab")
        seen["focused"] = page.evaluate("() => document.activeElement.innerText")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        seen["answer"] = page.locator("#asked-heading").locator("..").inner_text()
        seen["why"] = (serious_violations(page), page.evaluate(TOO_WIDE_JS))
        page.goto(f"/matching/postings/{phone_job.pk}/candidates/?on={ON.isoformat()}")
        seen["candidates"] = (serious_violations(page), page.evaluate(TOO_WIDE_JS))
        seen["candidates_text"] = page.locator("main").inner_text()
        return seen

    seen = demo_site.browse(journey)

    for key in ("jobs", "why", "candidates"):
        violations, too_wide = seen[key]
        assert violations == [], "\n".join(violations)
        assert too_wide == [], f"{key}: wider than 390 px: {too_wide}"
    assert seen["focused"] == "电话客服"
    assert "这个岗位不会推荐给此人，因为它不符合 1 项硬性条件：" in seen["answer"]
    assert "硬性条件 3：" in seen["answer"]
    assert "电话沟通" in seen["answer"]
    assert market["ready"].name in seen["candidates_text"]
    assert no_phone.name not in seen["candidates_text"]
