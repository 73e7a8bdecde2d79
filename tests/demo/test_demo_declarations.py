"""The demo's quota declarations: every status of the review, and `employer_user`'s 2025 draft
with figures and problems a clerk would meet, made through the quota services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ablework.accounts.models import User
from ablework.core.models import Notification
from ablework.demo.declarations import ASSESSED_ON, DemoDeclarations
from ablework.employers.models import Employer
from ablework.printing.models import IssuedDocument
from ablework.quota.models import Declaration, DeclarationStatus, LineMonth
from ablework.quota.selectors.drafts import check_stored, facts_missing
from ablework.quota.services.certificate import certified_declaration

pytestmark = pytest.mark.django_db
S = DeclarationStatus


@pytest.fixture
def demo(demo_quota: DemoDeclarations) -> DemoDeclarations:
    return demo_quota


def month_codes(row: Declaration) -> dict[int, list[tuple[int, int, list[str]]]]:
    """{line: [(month, weight, problem codes)]} as stored."""
    found: dict[int, list[tuple[int, int, list[str]]]] = {}
    months = LineMonth.objects.filter(roster_line__declaration=row).order_by(
        "roster_line__line", "month"
    )
    for month in months.select_related("roster_line"):
        found.setdefault(month.roster_line.line, []).append(
            (month.month, month.weight, month.problem_codes)
        )
    return found


def codes_of(months: list[tuple[int, int, list[str]]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for month, _weight, codes in months:
        for code in codes:
            found.setdefault(code, []).append(month)
    return found


def test_the_demo_holds_every_status_in_both_counties_and_employers_without_one(demo):
    by_status = {
        status: {row.employer.county_code for row in Declaration.objects.filter(status=status)}
        for status in S
    }
    assert all(by_status[status] for status in S), by_status
    assert by_status[S.SUBMITTED] == {"370811", "370826"}
    declared = set(Declaration.objects.values_list("employer_id", flat=True))
    for county in ("370811", "370826"):
        assert Employer.objects.filter(county_code=county).exclude(pk__in=declared).exists()


def test_employer_users_2025_draft_has_its_figures_and_a_problem_on_most_lines(demo, demo_data):
    employer = demo_data["employer_user"].employer
    draft = Declaration.objects.get(employer=employer, levy_year=2025)
    assert draft.status == S.DRAFT
    assert facts_missing(draft) == []
    lines = month_codes(draft)
    assert 3 <= len(lines) <= 6
    regrade, expired, elsewhere, dispatched, short = (codes_of(lines[n]) for n in range(5))
    # grade 3 → 2 on 15 July: counted all year, as one person, then as two from July
    assert [weight for _month, weight, _codes in lines[0]] == [1] * 6 + [2] * 6
    assert regrade == {}
    assert expired == {"certificate_not_valid_in_month": [5, 6]}
    assert elsewhere == {"counted_elsewhere": [1, 2, 3, 4, 5, 6]}
    assert dispatched == {"dispatch_agreement_missing": list(range(1, 13))}
    assert short == {"contract_under_one_year": list(range(3, 13))}
    result = check_stored(draft, today=ASSESSED_ON)
    assert {p.code for p in result.problems} >= {"minimum_wage_unknown"}
    assert not result.has_errors
    assert "error" not in result.worksheet


def test_employer_users_2024_declaration_is_certified_so_its_confirmation_can_be_issued(
    demo, demo_data
):
    user = demo_data["employer_user"]
    assert demo.certified_2024.employer == user.employer
    assert certified_declaration(user, demo.certified_2024.pk).levy_year == 2024


def test_the_returned_declaration_gives_a_reason_per_line_and_its_employer_is_told(demo, demo_data):
    returned = demo.returned
    assert returned.status == S.RETURNED
    event = returned.events.get(to_status=S.RETURNED)
    assert [item["line"] for item in event.line_reasons] == [0, 1, 2]
    lines = month_codes(returned)
    # revoked on 20 May, died on 3 August: from those months on (a month counts only if the
    # certificate is valid on each of its days)
    assert codes_of(lines[0]) == {"certificate_not_valid_in_month": list(range(5, 13))}
    assert codes_of(lines[1]) == {"certificate_not_valid_in_month": list(range(8, 13))}
    assert codes_of(lines[2]) == {"social_insurance_missing": [1, 2, 3]}
    user = User.objects.get(username="returned_employer")
    assert user.employer == returned.employer
    # its return, and the reminder to resubmit it (ablework/demo/review.py)
    message, reminder = (n.text for n in Notification.objects.filter(recipient=user).order_by("id"))
    assert reminder.startswith("催报提醒：您单位 2025 年度被退回的")
    assert "已被退回" in message
    assert "第 2 行：该职工已于2025年8月3日死亡，8月起不能计入" in message


def test_a_resubmission_a_rejection_and_a_2023_wage_under_the_minimum(demo):
    assert demo.resubmitted.status == S.RESUBMITTED
    assert demo.resubmitted.submissions.count() == 2
    assert demo.rejected.status == S.REJECTED
    assert demo.rejected.events.get(to_status=S.REJECTED).reason
    assert demo.certified.status == S.CERTIFIED
    low = month_codes(demo.below_minimum_2023)[0]
    assert codes_of(low) == {"wage_below_minimum": [1, 2, 3]}  # 1,800 元 < 1,900 元


def test_the_2025_levies_are_worked_out_with_the_shandong_average_wage_cap(demo):
    for row in Declaration.objects.filter(levy_year=2025).exclude(status=S.DRAFT):
        assert "error" not in row.rules_trace, row.rules_trace
    capped = [
        row
        for row in Declaration.objects.filter(levy_year=2025)
        if row.rules_trace.get("wage_cap") is not None
    ]
    assert capped, "no declaration of the demo owes a levy"
    assert {Decimal(row.rules_trace["wage_cap"]) for row in capped} == {Decimal("182904")}


def test_the_demo_shows_a_correction_reminders_and_credit_entries(demo, demo_data):
    review = demo.review
    assert review is not None
    # the certified 2025 declaration of 微山县, corrected with a reason; the original kept
    assert review.corrected.status == S.CORRECTED
    assert demo.certified == review.correction
    assert review.correction.status == S.CERTIFIED
    record = review.correction.correction_made
    assert "审计" in record.reason
    assert any(item["what"] == "在职职工工资总额（元）" for item in record.changes)
    old = IssuedDocument.objects.filter(subject=f"quota.declaration:{review.corrected.pk}")
    assert old.get().superseded_by is not None
    # reminders in 任城区 reached employer_user (a draft) and no employer that complied
    user = demo_data["employer_user"]
    assert Notification.objects.filter(recipient=user, text__startswith="催报提醒").exists()
    assert review.reminders.employers >= 2
    complied = Declaration.objects.filter(
        levy_year=2025, status__in=(S.SUBMITTED, S.RESUBMITTED, S.CERTIFIED)
    ).values_list("employer_id", flat=True)
    assert not Notification.objects.filter(
        recipient__employer_id__in=complied, text__startswith="催报提醒"
    ).exists()
    # one faked placement (from the rejection) and one non-payment, both recorded
    assert {review.fake_placement.kind, review.non_payment.kind} == {
        "fake_placement",
        "non_payment",
    }
    assert review.fake_placement.declaration == demo.rejected
    assert review.non_payment.status == review.fake_placement.status == "recorded"
