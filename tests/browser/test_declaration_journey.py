"""An employer's HR user declares the year by keyboard alone: opens the 2025 declaration, reads
in a roster file with a problem, sees it explained, fixes the line, sees the levy fall in the
what-if as it adds a hire, and submits; no page on the way has a serious axe-core violation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ablework.accounts.models import User
from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.parameters.services import propose_local_value
from ablework.quota.inputs import Headcount
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft
from ablework.registry.models import Person
from tests.browser.keyboard import press_and_wait, tab_to_text
from tests.browser.pages import serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite
from tests.quota.roster_files import roster_row, roster_xlsx

pytestmark = pytest.mark.browser

YEAR = 2025
INSURANCE_PROBLEM = "未足额缴纳社会保险"


def _the_draft(user: User) -> Declaration:
    """The employer's open 2025 draft, with its facts, and a local social average wage so the
    levy can be worked out: what the demo data gives, made here when it is not there."""
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
    assert user.employer is not None
    row = open_declaration(actor=user, uscc=user.employer.uscc, levy_year=YEAR)
    # 1,000 staff: 15 persons to employ, so the roster's few leave a levy a hire lowers
    row, _ = save_draft(
        actor=user,
        declaration_id=row.pk,
        version=row.version,
        changes=DraftChanges(
            headcount=Headcount(monthly=(1000,) * 12), wage_total=Decimal("80000000.00")
        ),
    )
    return row


def test_an_employer_declares_by_keyboard_alone(demo_site: DemoSite, tmp_path: Path):
    # given employer_user's open 2025 declaration and a roster file of two registered persons,
    # the second insured from March only
    user = demo_site.users["employer_user"]
    row = _the_draft(user)
    first, second = Person.objects.filter(county_code="370811").order_by("pk")[2:4]
    upload = tmp_path / "名单.xlsx"
    upload.write_bytes(
        roster_xlsx(
            [
                roster_row(first.certificate_number, first.name),
                roster_row(second.certificate_number, second.name, insured="3-12"),
            ]
        ).getvalue()
    )

    def journey(page: Page) -> tuple[dict[str, str], list[str]]:
        seen: dict[str, str] = {}
        sign_in(page, "employer_user")
        problems = serious_violations(page)
        # the home card leads to this year's declaration
        tab_to_text(page, f"{YEAR} 年度申报")
        press_and_wait(page)
        problems += serious_violations(page)
        # the roster file is read in
        tab_to(page, "upload-roster", limit=120)
        press_and_wait(page)
        problems += serious_violations(page)
        tab_to(page, "id_file")
        # the system's file dialog is not the page's: the file is chosen as in that dialog
        page.locator("#id_file").set_input_files(str(upload))
        tab_to(page, "read-roster")
        press_and_wait(page)
        problems += serious_violations(page)
        seen["after_upload"] = page.locator("#line-2").inner_text()
        # the second line is fixed: insured in January and February too
        tab_to(page, "edit-line-2", limit=200)
        press_and_wait(page)
        problems += serious_violations(page)
        tab_to(page, "id_social_insurance_months_0", limit=80)
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        tab_to(page, "save-line")
        press_and_wait(page)
        problems += serious_violations(page)
        seen["after_fix"] = page.locator("#line-2").inner_text()
        # what if one more person of grade 2 were hired from January? (nothing is saved)
        tab_to(page, "what-if-count", limit=300)
        page.keyboard.type("1")
        tab_to(page, "what-if-grade")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        seen["grade"] = page.locator("#what-if-grade").input_value()
        tab_to_text(page, "测算")
        press_and_wait(page)
        problems += serious_violations(page)
        seen["what_if"] = page.locator("#what-if-sentence").inner_text()
        # submitted after the confirmation of what is submitted
        tab_to(page, "go-submit", limit=250)
        press_and_wait(page)
        problems += serious_violations(page)
        seen["confirmation"] = page.locator("main").inner_text()
        tab_to(page, "confirm-submit")
        press_and_wait(page)
        problems += serious_violations(page)
        seen["submitted"] = page.locator("main").inner_text()
        return seen, problems

    seen, problems = demo_site.browse(journey)

    assert INSURANCE_PROBLEM in seen["after_upload"]
    assert f"{YEAR}年1–2月" in seen["after_upload"]
    assert INSURANCE_PROBLEM not in seen["after_fix"]
    assert seen["grade"] == "2"
    assert seen["what_if"].startswith("按此假设，应缴残保金减少")
    assert "名单共 2 行" in seen["confirmation"]
    assert "应缴残疾人就业保障金" in seen["confirmation"]
    assert "状态：已提交" in seen["submitted"]
    row.refresh_from_db()
    assert row.status == DeclarationStatus.SUBMITTED
    assert problems == [], "\n".join(problems)
