"""Sign-in is throttled per account and per address (django-axes), and every failure is audited."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from ablework.accounts.audit_actions import AccountsAction
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD
from tests.helpers import signed_in

LOGIN = "/accounts/login/"


def _sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_twenty_wrong_passwords_lock_the_account_even_against_the_right_one(demo_data):
    # given someone guessing the counsellor's password
    client = Client()
    for attempt in range(20):
        _sign_in(client, "rencheng_counsellor", f"guess-{attempt}")
    # when the right password comes next
    response = _sign_in(client, "rencheng_counsellor", DEMO_PASSWORD)
    # then it does not sign in, and the page says so and when to try again
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "暂时不能登录" in text
    assert "30 分钟后再试" in text
    assert "管理员" in text


@pytest.mark.django_db
def test_the_account_lock_holds_from_another_address(demo_data):
    # given an account locked by failures from one address
    for attempt in range(10):
        _sign_in(Client(REMOTE_ADDR="10.0.0.1"), "weishan_counsellor", f"guess-{attempt}")
    # when its owner signs in correctly from their own office
    response = _sign_in(Client(REMOTE_ADDR="10.0.0.2"), "weishan_counsellor", DEMO_PASSWORD)
    # then they wait too: the count is per account, not only per address
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_lockout_by_address_stops_guessing_across_accounts(demo_data):
    # given one address trying a different account name each time
    guesser = Client(REMOTE_ADDR="10.9.9.9")
    for attempt in range(10):
        _sign_in(guesser, f"someone{attempt}", "Password-guess-1")
    # when it then tries a real account with the right password
    response = _sign_in(guesser, "jining_admin", DEMO_PASSWORD)
    # then the address is locked out; another address still signs the account in
    assert response.status_code == 429
    assert "_auth_user_id" not in guesser.session
    office = Client(REMOTE_ADDR="10.1.1.1")
    assert _sign_in(office, "jining_admin", DEMO_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_documented_reset_lets_the_account_sign_in_again(demo_data):
    # given a locked account
    client = Client()
    for attempt in range(10):
        _sign_in(client, "rencheng_admin", f"guess-{attempt}")
    assert _sign_in(client, "rencheng_admin", DEMO_PASSWORD).status_code == 429
    # when the operator runs the command the README gives, for the account and the address
    call_command("axes_reset_username", "rencheng_admin")
    call_command("axes_reset_ip", "127.0.0.1")
    # then the account signs in
    response = _sign_in(client, "rencheng_admin", DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_data["rencheng_admin"].pk)


@pytest.mark.django_db
def test_a_few_mistakes_then_the_right_password_still_sign_in(demo_data):
    client = Client()
    for attempt in range(3):
        assert _sign_in(client, "person_user", f"guess-{attempt}").status_code == 200
    assert _sign_in(client, "person_user", DEMO_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_each_failed_sign_in_is_audited_without_the_password(demo_data):
    # given two wrong passwords for a real account and one for a name no account has
    client = Client(REMOTE_ADDR="10.2.3.4")
    _sign_in(client, "rencheng_counsellor", "Wrong-password-1")
    _sign_in(client, "rencheng_counsellor", "Wrong-password-2")
    _sign_in(client, "Secret-typed-in-the-wrong-box", "x")
    # then each is a record naming the account (or the masked name) and the address
    failures = AuditRecord.objects.filter(action=AccountsAction.SIGN_IN_FAILED).order_by("pk")
    assert failures.count() == 3
    counsellor = demo_data["rencheng_counsellor"]
    assert [r.target_id for r in failures[:2]] == [str(counsellor.pk)] * 2
    assert failures[0].region_code == "370811"
    assert failures[2].target_label == "S" + "*" * 28
    assert {r.detail["address"] for r in failures} == {"10.2.3.4"}
    stored = " ".join(str(r.__dict__) for r in failures)
    assert "Wrong-password" not in stored
    assert "Secret-typed" not in stored
    # and the county's audit page shows them in words
    page = signed_in(demo_data["rencheng_admin"]).get("/audit/").content.decode()
    assert "登录失败" in page
    assert "未登录的访客" in page
    assert "来自地址：10.2.3.4" in page
    assert "任城区就业服务专员" in page


@pytest.mark.django_db
def test_force_login_and_successful_sign_ins_are_never_counted(demo_data):
    # given many sign-ins that succeed (as the browser tests and test clients do)
    for _ in range(15):
        signed_in(demo_data["admin"])
        assert _sign_in(Client(), "admin", DEMO_PASSWORD).status_code == 302
    # then the next one still succeeds
    assert _sign_in(Client(), "admin", DEMO_PASSWORD).status_code == 302
