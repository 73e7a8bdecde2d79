"""The employer register's pages in a browser, each checked with axe-core: the form with its
机关/事业单位 fieldset, the employer's page, opening an HR account (its temporary password), the
import page, and the public account request with the staff's request list and decision."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.employers.models import Employer
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_staff_pages_of_an_employer_have_no_serious_violation(demo_site: DemoSite):
    employer = Employer.objects.filter(county_code="370811").order_by("pk").first()
    assert employer is not None

    def journey(page: Page) -> tuple[list[str], str]:
        sign_in(page, "rencheng_admin")
        problems: list[str] = []
        for path in (
            "/employers/new/",
            f"/employers/{employer.pk}/",
            f"/employers/{employer.pk}/edit/",
            "/imports/new/employers/",
            "/employers/requests/",
        ):
            page.goto(path)
            problems += serious_violations(page)
        page.goto(f"/employers/{employer.pk}/")
        page.get_by_role("link", name="开设经办人账户").click()
        page.get_by_label("用户名").fill("browser_hr")
        page.get_by_label("姓名").fill("孙经办")
        with page.expect_navigation():
            page.get_by_role("button", name="开设账户").click()
        problems += serious_violations(page)
        return problems, page.locator("#temporary-password").inner_text()

    problems, temporary = demo_site.browse(journey)
    assert problems == [], "\n".join(problems)
    assert len(temporary) == 19


def test_an_employer_asks_for_an_account_and_staff_refuse_it(demo_site: DemoSite):
    employer = Employer.objects.filter(county_code="370811").order_by("pk").first()
    assert employer is not None

    def ask(page: Page) -> list[str]:
        page.goto("/accounts/login/")
        page.get_by_role("link", name="申请用人单位账户").click()
        problems = serious_violations(page)
        page.get_by_label("单位名称").fill(employer.name)
        page.get_by_label("统一社会信用代码").fill("91370811ABC")
        with page.expect_navigation():
            page.get_by_role("button", name="提交申请").click()
        assert "应为18位" in page.get_by_role("alert").inner_text()
        problems += serious_violations(page)
        page.get_by_label("统一社会信用代码").fill(employer.uscc)
        page.get_by_label("联系人姓名").fill("周经办")
        page.get_by_label("联系电话").fill("13700004444")
        with page.expect_navigation():
            page.get_by_role("button", name="提交申请").click()
        assert page.get_by_role("heading", level=1).inner_text() == "申请已提交"
        return problems + serious_violations(page)

    def decide(page: Page) -> list[str]:
        sign_in(page, "rencheng_admin")
        page.goto("/employers/requests/")
        page.get_by_role("link", name=employer.name).click()
        problems = serious_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="拒绝申请").click()
        problems += serious_violations(page)  # the reason is missing
        page.get_by_label("拒绝原因").fill("电话核实不是本单位")
        with page.expect_navigation():
            page.get_by_role("button", name="拒绝申请").click()
        assert "没有待确认的申请。" in page.locator("main").inner_text()
        return problems

    problems = demo_site.browse(ask) + demo_site.browse(decide)
    assert problems == [], "\n".join(problems)


def test_an_employer_user_keeps_its_contacts_by_keyboard(demo_site: DemoSite):
    def journey(page: Page) -> tuple[list[str], str]:
        sign_in(page, "employer_user")
        own = page.locator("main a[href^='/employers/']").first
        own.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems = serious_violations(page)
        page.get_by_role("link", name="添加联系人").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)
        page.get_by_label("姓名").fill("吴经办")
        page.get_by_label("职务或岗位").fill("人事经办人")
        page.get_by_label("联系电话").fill("1370000")  # too short: shown on its field
        with page.expect_navigation():
            page.get_by_label("联系电话").press("Enter")
        assert "格式不对" in page.get_by_role("alert").inner_text()
        problems += serious_violations(page)
        page.get_by_label("联系电话").fill("13700008888")
        with page.expect_navigation():
            page.get_by_label("联系电话").press("Enter")
        problems += serious_violations(page)
        return problems, page.locator("#contacts-heading + table").inner_text()

    problems, table = demo_site.browse(journey)
    assert problems == [], "\n".join(problems)
    assert "吴经办" in table
    assert "137****8888" in table
    assert "13700008888" not in table
