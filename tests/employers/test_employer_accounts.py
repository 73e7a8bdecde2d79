"""Employer accounts: staff open accounts for an employer's HR staff (a temporary password shown
once, changed at the first sign-in; several per employer); an employer asks for one on a
public, rate-limited form, and the staff of the code's area confirm or refuse it (audited).
An employer user sees only their own employer."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import AccountRequestStatus, EmployerAccountRequest
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _invite(client: Client, employer, username: str, name: str = "王经办") -> str:
    response = client.post(
        f"/employers/{employer.pk}/accounts/new/", {"username": username, "display_name": name}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    return page.split('<code id="temporary-password">')[1].split("</code>")[0]


def test_staff_open_two_accounts_for_an_employer_and_each_must_set_its_password(demo_data):
    employer = EmployerFactory(name="任城区邀请测试公司")
    staff = signed_in(demo_data["rencheng_admin"])
    assert "开设经办人账户" in staff.get(f"/employers/{employer.pk}/").content.decode()
    first = _invite(staff, employer, "hr_wang")
    second = _invite(staff, employer, "hr_li", "李经办")
    assert first != second
    accounts = User.objects.filter(employer=employer).order_by("username")
    assert [(a.username, a.role, a.must_change_password) for a in accounts] == [
        ("hr_li", "employer", True),
        ("hr_wang", "employer", True),
    ]
    # the temporary password signs in, and opens only the password page
    hr = Client()
    hr.post("/accounts/login/", {"username": "hr_wang", "password": first})
    assert hr.get(f"/employers/{employer.pk}/")["Location"] == "/accounts/password/"
    audit = AuditRecord.objects.filter(action="accounts.user.create", target_id=str(accounts[1].pk))
    assert audit.get().detail["employer"] == employer.pk
    assert first not in str(list(AuditRecord.objects.values_list("changes", "detail")))
    # a user name already taken is said so on the field
    response = staff.post(
        f"/employers/{employer.pk}/accounts/new/", {"username": "HR_wang", "display_name": "x"}
    )
    assert "用户名 HR_wang 已被使用，请换一个。" in response.content.decode()


def test_staff_cannot_open_an_account_for_another_countys_employer(demo_data):
    elsewhere = EmployerFactory(county_code="370826")
    staff = signed_in(demo_data["rencheng_admin"])
    response = staff.post(
        f"/employers/{elsewhere.pk}/accounts/new/", {"username": "hr_x", "display_name": "x"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="hr_x").exists()
    auditor = signed_in(demo_data["jining_auditor"])
    mine = EmployerFactory()
    assert auditor.get(f"/employers/{mine.pk}/accounts/new/").status_code == 404


def test_two_employer_users_each_see_only_their_own_employer(demo_data):
    first, second = EmployerFactory(name="甲单位"), EmployerFactory(name="乙单位")
    users = []
    for employer, username in ((first, "jia_hr"), (second, "yi_hr")):
        user = User.objects.create_user(
            username=username, password="x", role="employer", employer=employer
        )
        users.append(signed_in(user))
    jia, yi = users
    assert jia.get(f"/employers/{first.pk}/").status_code == 200
    assert jia.get(f"/employers/{second.pk}/").status_code == 404
    assert yi.get(f"/employers/{first.pk}/").status_code == 404
    listing = jia.get("/employers/").content.decode()
    assert "甲单位" in listing
    assert "乙单位" not in listing
    # an employer user opens no accounts, not even for their own employer
    assert jia.get(f"/employers/{first.pk}/accounts/new/").status_code == 404


def _ask(client: Client, **overrides: str):
    data = {
        "employer_name": "任城区申请测试公司",
        "uscc": uscc_with_check("9137081100000601"),
        "contact_name": "赵经办",
        "contact_phone": "13700006666",
    }
    data.update(overrides)
    return client.post("/employers/request-account/", data)


def test_an_employer_asks_for_an_account_and_county_staff_confirm_it(demo_data):
    login = Client().get("/accounts/login/").content.decode()
    assert 'href="/employers/request-account/"' in login
    response = _ask(Client())
    assert response.status_code == 302
    request = EmployerAccountRequest.objects.get()
    assert (request.status, request.county_code) == (AccountRequestStatus.PENDING, "370811")
    assert request.contact_phone_masked != "13700006666"
    submitted = AuditRecord.objects.get(action="employers.account_request.submit")
    assert submitted.region_code == "370811"

    # another county's staff do not see it
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert "任城区申请测试公司" not in weishan.get("/employers/requests/").content.decode()
    assert weishan.get(f"/employers/requests/{request.pk}/").status_code == 404

    staff = signed_in(demo_data["rencheng_admin"])
    assert "任城区申请测试公司" in staff.get("/employers/requests/").content.decode()
    # the employer is not registered yet: confirming says to register it first
    response = staff.post(
        f"/employers/requests/{request.pk}/", {"confirm": "1", "username": "zhao_hr"}
    )
    assert "尚未在您的辖区登记" in response.content.decode()
    employer = EmployerFactory(uscc=request.uscc)
    response = staff.post(
        f"/employers/requests/{request.pk}/", {"confirm": "1", "username": "zhao_hr"}
    )
    assert "no-store" in response["Cache-Control"]
    assert 'id="temporary-password"' in response.content.decode()
    account = User.objects.get(username="zhao_hr")
    assert (account.employer, account.display_name) == (employer, "赵经办")
    request.refresh_from_db()
    assert (request.status, request.account) == (AccountRequestStatus.CONFIRMED, account)
    confirm = AuditRecord.objects.get(action="employers.account_request.confirm")
    assert confirm.changes == {"status": ["pending", "confirmed"]}
    # a second decision of the same request changes nothing
    staff.post(f"/employers/requests/{request.pk}/", {"refuse": "1", "reason": "重复"})
    request.refresh_from_db()
    assert request.status == AccountRequestStatus.CONFIRMED


def test_county_staff_refuse_a_request_with_a_reason(demo_data):
    _ask(Client())
    request = EmployerAccountRequest.objects.get()
    staff = signed_in(demo_data["rencheng_admin"])
    response = staff.post(f"/employers/requests/{request.pk}/", {"refuse": "1", "reason": ""})
    assert "拒绝原因" in response.content.decode()
    reason = {"refuse": "1", "reason": "电话核实不是本单位"}
    staff.post(f"/employers/requests/{request.pk}/", reason)
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == ("refused", "电话核实不是本单位")
    refused = AuditRecord.objects.get(action="employers.account_request.refuse")
    assert refused.detail["reason"] == "电话核实不是本单位"
    assert not User.objects.filter(role="employer", display_name="赵经办").exists()


def test_a_bad_credit_code_is_refused_in_chinese_and_the_form_is_rate_limited(settings):
    settings.EMPLOYER_ACCOUNT_REQUESTS_PER_HOUR = 2
    anonymous = Client()
    response = _ask(anonymous, uscc="91370811ABC")
    assert response.status_code == 200
    assert "应为18位（数字与不含I、O、Z、S、V的大写字母）" in response.content.decode()
    assert _ask(anonymous).status_code == 302
    response = _ask(anonymous, uscc=uscc_with_check("9137081100000602"))
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    assert EmployerAccountRequest.objects.count() == 1
