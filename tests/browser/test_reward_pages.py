"""The employer's side of the Hunan over-quota reward, which the role crawl does not reach (no
demo role of the crawl is in a reward province): the home card, the employer's rewards, the
declaration page with its reward panel and the application, each without a serious axe
violation; and the staff's application page with its payment form."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_the_hunan_reward_pages_have_no_serious_violation(demo_site: DemoSite, demo_quota: object):
    def visit(page: Page) -> tuple[list[str], list[str]]:
        sign_in(page, "yuelu_employer")
        problems = serious_violations(page)
        seen = []
        page.get_by_role("link", name="本单位的超比例奖励").click()
        page.wait_for_load_state()
        problems += serious_violations(page)
        seen.append(page.locator("h1").inner_text())
        page.get_by_role("link", name="已审核通过，待发放").click()
        page.wait_for_load_state()
        problems += serious_violations(page)
        seen.append(page.locator("h1").inner_text())
        page.get_by_role("link", name="查看 2025 年度申报").click()
        page.wait_for_load_state()
        problems += serious_violations(page)
        seen.append(page.get_by_role("heading", name="超比例奖励").inner_text())
        return seen, problems

    seen, problems = demo_site.browse(visit)
    assert seen[0] == "本单位的超比例奖励"
    assert seen[1].startswith("超比例奖励申请：")
    assert seen[2] == "超比例奖励"
    assert problems == [], "\n".join(problems)


def test_staff_record_the_payment_with_no_serious_violation(
    demo_site: DemoSite, demo_quota: object
):
    def visit(page: Page) -> list[str]:
        sign_in(page, "yuelu_admin")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="超比例奖励").click()
        page.wait_for_load_state()
        problems = serious_violations(page)
        page.get_by_role("link", name="已审核通过，待发放").click()
        page.wait_for_load_state()
        problems += serious_violations(page)
        page.get_by_label("发放日期", exact=True).fill("2026-11-30")
        page.get_by_label("支付凭证号", exact=True).fill("岳财付2026-118")
        with page.expect_navigation():
            page.get_by_role("button", name="登记发放").click()
        problems += serious_violations(page)
        assert "已登记发放。" in page.content()
        return problems

    problems = demo_site.browse(visit)
    assert problems == [], "\n".join(problems)
