"""The review pages of issue 11 in the demo's state have no serious axe-core violation: the
correction form, a corrected declaration and its correction (审核时的计算, 更正记录), the reminder
preview, the credit records with a proposal and entries, and the superseded certificate's public
verification page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.demo.declarations import DemoDeclarations
from ablework.printing.models import IssuedDocument
from ablework.quota.models import CreditEntry
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_the_review_pages_have_no_serious_violation(
    demo_site: DemoSite, demo_quota: DemoDeclarations
):
    review = demo_quota.review
    assert review is not None
    # a proposal waiting beside the recorded entries
    CreditEntry.objects.create(
        employer=review.non_payment.employer,
        kind="fake_placement",
        status="proposed",
        recorded_on=review.non_payment.recorded_on,
        facts="2025 年度按比例就业申报经审核不予通过：未实际到岗",
        basis_key=review.fake_placement.basis_key,
        basis=review.fake_placement.basis,
        issuing_organ=review.fake_placement.issuing_organ,
    )
    superseded = IssuedDocument.objects.filter(superseded_by__isnull=False).first()
    assert superseded is not None
    staff_pages = [
        f"/quota/declarations/{review.correction.pk}/",
        f"/quota/declarations/{review.corrected.pk}/",
        f"/quota/declarations/{review.correction.pk}/correct/",
        "/quota/reminders/?year=2025&area=370811",
        "/quota/credit/",
        "/quota/credit/new/",
    ]

    def check(page: Page) -> tuple[list[str], list[str]]:
        sign_in(page, "jining_admin")
        problems: list[str] = []
        texts = []
        for path in staff_pages:
            page.goto(path)
            texts.append(page.locator("main").inner_text())
            problems += serious_violations(page)
        page.goto(f"/verify/{superseded.display_code}/")
        texts.append(page.locator("main").inner_text())
        problems += serious_violations(page)
        return texts, problems

    texts, problems = demo_site.browse(check)
    correction, original, form, reminders, credit, _new, verify = texts
    assert "更正记录" in correction
    assert "审核时的计算" in correction
    assert "状态：已更正" in original
    assert "更正理由" in form
    assert "将收到提醒的用人单位" in reminders
    assert "待确认" in credit
    assert "已被取代" in verify
    assert problems == [], "\n".join(problems)
