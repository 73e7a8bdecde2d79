"""Own password changes, administrators' resets in their area, and weak passwords refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.test import Client

from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD
from tests.helpers import signed_in

CHANGE = "/accounts/password/"
NEW = "Harbour-lantern-47"


def _change(client: Client, old: str, new: str, again: str | None = None):
    return client.post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": again or new}
    )


def _signs_in(username: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


@pytest.mark.django_db
def test_a_user_changes_their_own_password_from_the_header_link(demo_data):
    # given the employer's user, signed in
    client = signed_in(demo_data["employer_user"])
    home = client.get("/").content.decode()
    assert f'href="{CHANGE}"' in home
    assert "修改密码" in client.get(CHANGE).content.decode()
    # when they give their current password and a new one
    response = _change(client, DEMO_PASSWORD, NEW)
    # then the new one signs in, the old one no more, they stay signed in, and it is audited
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert _signs_in("employer_user", NEW)
    assert not _signs_in("employer_user", DEMO_PASSWORD)
    record = AuditRecord.objects.get(action=AccountsAction.PASSWORD_CHANGE)
    assert record.actor_id == demo_data["employer_user"].pk
    assert NEW not in str(record.changes) + str(record.detail)


@pytest.mark.django_db
def test_changing_a_password_requires_the_current_one(demo_data):
    client = signed_in(demo_data["person_user"])
    response = _change(client, "not-my-password", NEW)
    assert response.status_code == 200
    assert "你的旧密码不正确" in response.content.decode()
    assert _signs_in("person_user", DEMO_PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1", "密码太短：至少需要 12 个字符。"),
        ("q1w2e3r4t5y6", "这个密码太常见了。"),
        ("482916350274", "密码只包含数字。"),
        ("rencheng_counsellor1", "密码跟 用户名 太相似了。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(demo_data, password, message):
    client = signed_in(demo_data["rencheng_counsellor"])
    response = _change(client, DEMO_PASSWORD, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _signs_in("rencheng_counsellor", DEMO_PASSWORD)


@pytest.mark.django_db
def test_the_demo_password_passes_the_validators(demo_data):
    for user in demo_data.values():
        validate_password(DEMO_PASSWORD, user)


@pytest.mark.django_db
def test_an_administrator_resets_a_password_and_the_user_must_change_it(demo_data):
    # given the county administrator and a counsellor of their county who forgot the password
    admin = signed_in(demo_data["rencheng_admin"])
    counsellor = demo_data["rencheng_counsellor"]
    listing = admin.get("/accounts/users/").content.decode()
    assert "任城区就业服务专员" in listing
    assert "微山县就业服务专员" not in listing
    # when the administrator resets it
    response = admin.post(f"/accounts/users/{counsellor.pk}/reset-password/")
    # then a temporary password is shown once, and the reset is audited
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the one-time password is never kept
    temporary = response.context["temporary"]
    assert temporary in response.content.decode()
    record = AuditRecord.objects.get(action=AccountsAction.PASSWORD_RESET)
    assert (record.actor_id, record.target_id) == (
        demo_data["rencheng_admin"].pk,
        str(counsellor.pk),
    )
    assert temporary not in str(record.changes) + str(record.detail)
    # and the temporary password signs in only to the password page until it is changed
    client = Client()
    client.post("/accounts/login/", {"username": "rencheng_counsellor", "password": temporary})
    assert client.get("/persons/")["Location"] == CHANGE
    assert "临时密码" in client.get(CHANGE).content.decode()
    assert _change(client, temporary, NEW).status_code == 302
    assert client.get("/persons/").status_code == 200
    assert User.objects.get(pk=counsellor.pk).must_change_password is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor", "account"),
    [
        ("rencheng_admin", "weishan_counsellor"),  # another county
        ("rencheng_admin", "jining_admin"),  # the city above
        ("jining_admin", "admin"),  # a system administrator
        ("rencheng_counsellor", "person_user"),  # not an administrator
    ],
)
def test_a_reset_outside_the_administrators_area_is_not_found(demo_data, actor, account):
    client = signed_in(demo_data[actor])
    target = demo_data[account]
    response = client.post(f"/accounts/users/{target.pk}/reset-password/")
    assert response.status_code == 404
    assert _signs_in(account, DEMO_PASSWORD)
    assert not AuditRecord.objects.filter(action=AccountsAction.PASSWORD_RESET).exists()


@pytest.mark.django_db
def test_the_city_and_system_administrators_reach_accounts_below_them(demo_data):
    for actor, account in [("jining_admin", "weishan_counsellor"), ("admin", "family_user")]:
        target = demo_data[account]
        response = signed_in(demo_data[actor]).post(f"/accounts/users/{target.pk}/reset-password/")
        assert response.status_code == 200
        assert User.objects.get(pk=target.pk).must_change_password
