"""The review of one declaration by keyboard alone: 任城区's counsellor returns one line with a
reason, the employer signs in and resubmits, the counsellor certifies and downloads the 审核确认书,
and the certificate's verification code verifies on the public page; no page on the way has a
serious axe-core violation."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.parameters.services import propose_local_value
from ablework.printing.models import IssuedDocument
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, DeclarationEvent, DeclarationStatus
from ablework.quota.services import submit_declaration
from ablework.registry.models import Person
from tests.browser.keyboard import press_and_wait
from tests.browser.pages import focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite
from tests.printing.conftest import pdf_text

pytestmark = pytest.mark.browser

YEAR = 2025
REASON = "1月至3月未足额缴纳社会保险，请提供缴费证明"


def _months(year: int) -> list[str]:
    return [f"{year}-{month:02d}" for month in range(1, 13)]


def _submitted(demo_site: DemoSite) -> Declaration:
    """employer_user's 2025 declaration of two registered persons, submitted."""
    if not LocalParameterValue.objects.filter(
        name="wages.social_average_wage", status=LocalValueStatus.APPROVED
    ).exists():
        propose_local_value(
            None,
            name="wages.social_average_wage",
            region="370000",
            effective_from=date(2025, 1, 1),
            value="91452",
            reference="测试用：山东省2025年全口径城镇单位就业人员平均工资",
        )
    user = demo_site.users["employer_user"]
    assert user.employer is not None
    persons = Person.objects.filter(county_code="370811").order_by("pk")[2:4]
    roster = [
        {
            "certificate_kind": "disability",
            "certificate_number": person.certificate_number,
            "name": person.name,
            "employment_form": "labour_contract",
            "contract_start": "2024-01-01",
            "contract_end": None,
            "post": "质检员",
            "wages": dict.fromkeys(_months(YEAR), "3000.00"),
            "social_insurance_months": _months(YEAR),
            "dispatch": None,
        }
        for person in persons
    ]
    payload = {
        "employer": user.employer.uscc,
        "levy_year": YEAR,
        "headcount": {"monthly": [300] * 12},
        "wage_total": "18000000.00",
        "roster": roster,
    }
    row, _ = submit_declaration(actor=user, declaration=read_declaration(payload))
    return row


def test_return_resubmit_certify_and_verify_by_keyboard(demo_site: DemoSite, tmp_path: Path):
    row = _submitted(demo_site)
    url = f"/quota/declarations/{row.pk}/"

    def counsellor_returns(page: Page) -> list[str]:
        sign_in(page, "rencheng_counsellor")
        page.goto(url)
        problems = serious_violations(page)
        tab_to(page, "id_return-line_1", limit=300)
        page.keyboard.type(REASON)
        tab_to(page, "review-return")
        press_and_wait(page)
        problems += serious_violations(page)
        assert "已退回，已通知用人单位" in page.locator("main").inner_text()
        return problems

    def employer_resubmits(page: Page) -> tuple[str, list[str]]:
        sign_in(page, "employer_user")
        problems = serious_violations(page)
        # the home page's message leads to the returned declaration
        for _ in range(60):
            page.keyboard.press("Tab")
            now = focused(page)
            if now is not None and now.text.startswith("您单位 2025 年度的按比例就业申报已被退回"):
                break
        else:
            raise AssertionError("the return's message is not reached by Tab")
        press_and_wait(page)
        problems += serious_violations(page)
        shown = page.locator("#line-2").inner_text()
        tab_to(page, "go-submit", limit=300)
        press_and_wait(page)
        problems += serious_violations(page)
        tab_to(page, "confirm-submit")
        press_and_wait(page)
        problems += serious_violations(page)
        assert "状态：已重新提交" in page.locator("main").inner_text()
        return shown, problems

    def counsellor_certifies(page: Page) -> tuple[bytes, list[str]]:
        sign_in(page, "rencheng_counsellor")
        page.goto(url)
        problems = serious_violations(page)
        tab_to(page, "review-certify", limit=300)
        press_and_wait(page)
        problems += serious_violations(page)
        assert "状态：已审核确认" in page.locator("main").inner_text()
        assert "审核时的计算" in page.locator("main").inner_text()
        tab_to(page, "download-certificate", limit=120)
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        return Path(download.value.path()).read_bytes(), problems

    def visitor_verifies(page: Page, code: str) -> tuple[str, list[str]]:
        page.goto("/verify/")
        problems = serious_violations(page)
        tab_to(page, "verify-code")
        page.keyboard.type(code)
        press_and_wait(page)
        problems += serious_violations(page)
        return page.get_by_role("region", name="核验结果").inner_text(), problems

    problems = demo_site.browse(counsellor_returns)
    returned = DeclarationEvent.objects.get(declaration=row, transition="return")
    assert returned.line_reasons == [{"line": 1, "reason": REASON}]
    shown, more = demo_site.browse(employer_resubmits)
    problems += more
    assert REASON in shown
    pdf, more = demo_site.browse(counsellor_certifies)
    problems += more
    row.refresh_from_db()
    assert row.status == DeclarationStatus.CERTIFIED
    document = IssuedDocument.objects.get(kind="quota.certificate")
    text = pdf_text(pdf, tmp_path)
    assert document.title in re.sub(r"\s+", "", text)
    # the code printed on the certificate verifies on the public page
    printed = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert printed is not None
    assert printed.group(0) == document.display_code
    result, more = demo_site.browse(lambda page: visitor_verifies(page, printed.group(0)))
    problems += more
    assert "有效" in result
    assert document.title in result
    assert problems == [], "\n".join(problems)
