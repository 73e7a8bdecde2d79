"""Over-quota rewards: the eligible employers of a year only where the province has a rule
(Hunan), the amount and basis from the certified declaration's stored trace, the application,
the approval by a second person, the payment, versioned; 404 for another county and for
another employer; the payment list's columns."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from ablework.core.models import AuditRecord
from ablework.quota.models import Declaration
from ablework.rewards.models import RewardApplication, RewardStatus
from ablework.rewards.selectors import basis_of, candidates
from ablework.rewards.services import apply_for_reward
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.helpers import signed_in
from tests.rewards.conftest import YEAR, YUELU, certified

pytestmark = pytest.mark.django_db


def test_the_reward_and_its_basis_come_from_the_stored_trace():
    row = certified(grades=(3, 2))
    basis = basis_of(row.rules_trace)
    assert basis is not None
    # D = 1 + 2 (severe counts twice) = 3; over = 3 − 100 × 1.5% = 1.5; 1.5 × 2,200 × 6
    assert basis.amount == Decimal("19800.00")
    assert basis.over_quota == "1.5"
    assert basis.working == "超比例人数 1.5 × 月最低工资 2200 × 6 = 19800.00"
    assert any("湘政办发〔2025〕52号" in reference for reference in basis.references)


def test_only_hunan_declarations_over_the_quota_are_listed():
    over = certified(YUELU)
    certified(YUELU, grades=(3,))  # 1 < 1.5: no reward
    certified("370811")  # Shandong: no reward rule, the stored reward is null
    admin = CountyAdminFactory(region_id=YUELU)
    listed = candidates(Declaration.objects.filter(status="certified"), year=YEAR)
    assert [c.declaration.pk for c in listed] == [over.pk]
    page = signed_in(admin).get(reverse("rewards:candidates"), {"year": YEAR})
    assert page.status_code == 200
    assert over.employer.name in page.content.decode()
    assert "19800.00 元" in page.content.decode()


def test_an_employer_outside_a_reward_province_sees_nothing_of_rewards():
    row = certified("370811")
    client = signed_in(EmployerUserFactory(employer=row.employer))
    assert client.get(reverse("rewards:mine")).status_code == 404
    assert "超比例奖励" not in client.get("/").content.decode()
    page = client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "申请超比例奖励" not in page
    assert client.get(reverse("rewards:apply", args=[row.pk])).status_code == 404


def test_apply_approve_and_pay():
    row = certified()
    employer_client = signed_in(EmployerUserFactory(employer=row.employer))
    assert "超比例奖励" in employer_client.get("/").content.decode()
    declaration_page = employer_client.get(reverse("quota:declaration", args=[row.pk]))
    assert "申请超比例奖励" in declaration_page.content.decode()
    applied = employer_client.post(reverse("rewards:apply", args=[row.pk]))
    assert applied.status_code == 302
    application = RewardApplication.objects.get(declaration=row)
    assert application.amount == Decimal("19800.00")
    assert application.status == RewardStatus.APPLIED

    staff = signed_in(CountyAdminFactory(region_id=YUELU))
    approved = staff.post(
        reverse("rewards:approve", args=[application.pk]), {"approve-version": application.version}
    )
    assert approved.status_code == 302
    application.refresh_from_db()
    assert application.status == RewardStatus.APPROVED
    paid = staff.post(
        reverse("rewards:pay", args=[application.pk]),
        {
            "pay-version": application.version,
            "pay-paid_on": "2026-11-20",
            "pay-amount": "19800.00",
            "pay-reference": "湘财支〔2026〕118号",
        },
    )
    assert paid.status_code == 302
    application.refresh_from_db()
    assert application.status == RewardStatus.PAID
    assert application.paid_amount == Decimal("19800.00")
    mine = employer_client.get(reverse("rewards:application", args=[application.pk]))
    assert "已发放" in mine.content.decode()
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {
        "rewards.application.apply",
        "rewards.application.approve",
        "rewards.application.pay",
    } <= actions


def test_a_payment_above_the_approved_amount_is_refused():
    application = _approved()
    staff = signed_in(CountyAdminFactory(region_id=YUELU))
    response = staff.post(
        reverse("rewards:pay", args=[application.pk]),
        {"pay-version": application.version, "pay-paid_on": "2026-11-20", "pay-amount": "19800.01"},
    )
    assert response.status_code == 200
    assert "不超过审核通过的 19800.00 元" in response.content.decode()


def test_a_stale_approval_is_refused_with_409():
    row = certified()
    application = apply_for_reward(
        actor=EmployerUserFactory(employer=row.employer), declaration_id=row.pk
    )
    seen = application.version
    first = signed_in(CountyAdminFactory(region_id=YUELU))
    second = signed_in(CountyAdminFactory(region_id=YUELU))
    assert (
        first.post(
            reverse("rewards:refuse", args=[application.pk]),
            {"refuse-version": seen, "refuse-reason": "超比例人数核实有误"},
        ).status_code
        == 302
    )
    stale = second.post(
        reverse("rewards:approve", args=[application.pk]), {"approve-version": seen}
    )
    assert stale.status_code == 409
    assert "不予通过超比例奖励" in stale.content.decode()
    application.refresh_from_db()
    assert application.status == RewardStatus.REFUSED


def test_staff_who_recorded_an_application_cannot_approve_it():
    row = certified()
    maker = CountyAdminFactory(region_id=YUELU)
    application = apply_for_reward(actor=maker, declaration_id=row.pk)
    response = signed_in(maker).post(
        reverse("rewards:approve", args=[application.pk]), {"approve-version": application.version}
    )
    assert "申请由您登记，须由另一名工作人员审核。" in response.content.decode()
    application.refresh_from_db()
    assert application.status == RewardStatus.APPLIED


def test_a_second_application_for_the_year_is_refused():
    row = certified()
    client = signed_in(EmployerUserFactory(employer=row.employer))
    assert client.post(reverse("rewards:apply", args=[row.pk])).status_code == 302
    again = client.post(reverse("rewards:apply", args=[row.pk]))
    assert again.status_code == 200
    assert "已经申请过了" in again.content.decode()
    assert RewardApplication.objects.count() == 1


def test_another_county_and_another_employer_get_404():
    application = _approved()
    other_county = signed_in(CountyAdminFactory(region_id="430103"))  # 天心区
    url = reverse("rewards:application", args=[application.pk])
    assert other_county.get(url).status_code == 404
    listed = other_county.get(reverse("rewards:candidates"), {"year": YEAR}).content.decode()
    assert application.declaration.employer.name not in listed
    other_employer = signed_in(EmployerUserFactory(employer=certified().employer))
    assert other_employer.get(url).status_code == 404
    assert (
        other_employer.post(reverse("rewards:apply", args=[application.declaration_id])).status_code
        == 404
    )
    # an employer reads its own application but cannot decide it
    own = signed_in(EmployerUserFactory(employer=application.declaration.employer))
    assert own.get(url).status_code == 200
    assert (
        own.post(
            reverse("rewards:pay", args=[application.pk]), {"pay-version": application.version}
        ).status_code
        == 404
    )


def test_the_payment_list_has_the_approved_rewards_to_the_fen():
    application = _approved()
    certified()  # eligible, not applied: not on the payment list
    employer = application.declaration.employer
    response = signed_in(CountyAdminFactory(region_id=YUELU)).post(
        reverse("rewards:export", args=["csv"]), {"year": YEAR}
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "单位名称",
        "统一社会信用代码",
        "所属县级区划",
        "年度",
        "奖励金额（元）",
        "计算依据",
        "状态",
        "审核时间",
        "发放日期",
        "发放金额（元）",
        "支付凭证号",
    ]
    assert len(rows) == 2
    assert rows[1][:7] == [
        employer.name,
        employer.uscc,
        "岳麓区",
        str(YEAR),
        "19800.00",
        "超比例人数 1.5 × 月最低工资 2200 × 6 = 19800.00",
        "已审核通过，待发放",
    ]
    assert AuditRecord.objects.filter(action="rewards.export").count() == 1


def _approved() -> RewardApplication:
    from ablework.rewards.services import approve_reward

    row = certified()
    application = apply_for_reward(
        actor=EmployerUserFactory(employer=row.employer), declaration_id=row.pk
    )
    return approve_reward(
        actor=CountyAdminFactory(region_id=YUELU),
        application_id=application.pk,
        version=application.version,
    )
