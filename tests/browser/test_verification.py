"""A visitor who is not signed in verifies a printed document by keyboard alone, and staff print
one from the progress page and withdraw it; no page on the way has a serious axe-core violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from ablework.printing.codes import grouped, new_code
from ablework.printing.models import IssuedDocument
from tests.browser.pages import LOGIN_PATH, focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def registered(*, title: str, withdrawn: bool = False) -> IssuedDocument:
    """A document on the register, as issuing leaves it (the page reads nothing else)."""
    return IssuedDocument.objects.create(
        code=new_code(),
        kind="registry.update_progress",
        title=title,
        issuing_body="济宁市任城区残疾人联合会",
        region_code="370811",
        issued_on=timezone.localdate(),
        statements=[["报告期", "2026年第4季度"], ["更新率", "87.5%"]],
        withdrawn_at=timezone.now() if withdrawn else None,
    )


def verify_by_keyboard(page: Page, code: str) -> list[str]:
    """Tab to the code field of the page open now, type `code`, press Enter; axe the result."""
    tab_to(page, "verify-code")
    field = focused(page)
    assert field is not None
    assert field.ring_problem is None, field.ring_problem
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return serious_violations(page)


def test_anonymous_visitor_verifies_documents_by_keyboard(demo_site: DemoSite):
    # given a valid and a withdrawn document on the register
    valid = registered(title="任城区2026年第4季度残疾人信息更新进度报告")
    withdrawn = registered(title="任城区2026年第3季度残疾人信息更新进度报告", withdrawn=True)

    def journey(page: Page) -> list[str]:
        # a visitor who is not signed in finds the verification page from the login page
        page.goto(LOGIN_PATH)
        page.get_by_role("link", name="核验本系统出具的文件").click()
        assert urlsplit(page.url).path == "/verify/"
        problems = serious_violations(page)

        # the valid code, typed in lower case without hyphens, shows what the document states
        problems += verify_by_keyboard(page, valid.code.lower())
        assert urlsplit(page.url).path == f"/verify/{valid.display_code}/"
        result = page.get_by_role("region", name="核验结果")
        assert "有效" in result.inner_text()
        assert valid.title in result.inner_text()
        assert "87.5%" in result.inner_text()

        # the withdrawn one says so
        problems += verify_by_keyboard(page, withdrawn.display_code)
        assert "已撤回" in page.get_by_role("region", name="核验结果").inner_text()

        # a code that was never issued reveals nothing
        problems += verify_by_keyboard(page, grouped(new_code()))
        assert "未找到该验证码" in page.get_by_role("alert").inner_text()
        assert page.get_by_role("region", name="核验结果").count() == 0
        return problems

    problems = demo_site.browse(journey)

    assert problems == [], "\n".join(problems)


def test_county_administrator_prints_the_report_and_withdraws_it_by_keyboard(demo_site: DemoSite):
    def journey(page: Page) -> tuple[str, list[str]]:
        # the county administrator prints the progress report from the progress page
        sign_in(page, "rencheng_admin")
        page.goto("/persons/updates/progress/")
        problems = serious_violations(page)
        tab_to(page, "print-report", limit=60)
        button = focused(page)
        assert button is not None
        assert button.text == "打印 PDF 报告（带验证码）"
        assert button.ring_problem is None, button.ring_problem
        with page.expect_download() as download:
            page.keyboard.press("Enter")

        # then finds it in the register of issued documents, and withdraws it
        with page.expect_navigation():
            page.get_by_role("link", name="已出具的文件（查看、撤回）").click()
        problems += serious_violations(page)
        with page.expect_navigation():
            page.get_by_role("link", name="撤回").first.click()
        problems += serious_violations(page)
        tab_to(page, "id_reason", limit=60)
        page.keyboard.type("统计口径有误，重新出具")
        tab_to(page, "withdraw-submit")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)
        assert "已于" in page.get_by_role("table").inner_text()
        return download.value.suggested_filename, problems

    filename, problems = demo_site.browse(journey)

    document = IssuedDocument.objects.get()
    assert filename == f"{document.title}.pdf"
    assert document.is_withdrawn
    assert problems == [], "\n".join(problems)
