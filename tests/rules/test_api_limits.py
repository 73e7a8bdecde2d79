"""The rules API refuses what would cost the server dearly: deep, large, frequent, unpermitted."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests import helpers

from .test_calc_contract import LEVY

URL = "/api/v1/rules/calc"


def _user(username: str, role: str):
    return get_user_model().objects.create_user(
        username=username, password="a-long-test-password", role=role
    )


@pytest.fixture
def caller(db: None) -> Client:
    return helpers.signed_in(_user("rules-caller", "system_admin"))


def _post(client: Client, body: str):
    return client.post(URL, data=body, content_type="application/json")


def test_fifty_thousand_nested_brackets_are_a_400_not_a_server_error(caller: Client) -> None:
    # when a body of 50,000 nested "[" is posted (it used to overflow the parser's stack: 500)
    response = _post(caller, "[" * 50_000)
    # then the caller is told the JSON nests too deeply, in the envelope
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unreadable_input"
    assert "嵌套层数过多" in error["message"]


@override_settings(RULES_API_MAX_BYTES=4096)
def test_a_body_over_the_size_limit_is_refused_before_it_is_calculated(caller: Client) -> None:
    # given situations adding up to more than the 4 KiB limit
    body = json.dumps([LEVY] * 40)
    assert len(body.encode()) > 4096
    # when posted
    response = _post(caller, body)
    # then 413 saying the limit, in the envelope
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert "4 KiB" in response.json()["error"]["message"]


def test_the_default_size_limit_refuses_the_probes_1_86_mb_body(caller: Client) -> None:
    # a body of the probe's size (1.86 MB of situations, 10 s of CPU before) is refused at once
    body = json.dumps([LEVY] * (1_860_000 // len(json.dumps(LEVY))))
    response = _post(caller, body)
    assert response.status_code == 413


@override_settings(RULES_API_MAX_SITUATIONS=3)
def test_more_situations_than_the_limit_are_refused(caller: Client) -> None:
    response = _post(caller, json.dumps([LEVY] * 4))
    assert response.status_code == 413
    assert "最多计算 3 个情形" in response.json()["error"]["message"]
    assert _post(caller, json.dumps([LEVY] * 3)).status_code == 200


@override_settings(RULES_API_RATE=2)
def test_a_user_over_the_rate_limit_gets_429_and_others_are_not_held_up(db: None) -> None:
    # given two users allowed two calls a minute
    first = helpers.signed_in(_user("rules-first", "system_admin"))
    second = helpers.signed_in(_user("rules-second", "system_admin"))
    body = json.dumps(LEVY)
    # when the first calls three times
    answers = [_post(first, body).status_code for _ in range(3)]
    # then the third is refused with a message, and the second user is still served
    assert answers == [200, 200, 429]
    assert "请求过于频繁" in _post(first, body).json()["error"]["message"]
    assert _post(second, body).status_code == 200


def test_roles_that_do_not_calculate_are_refused(db: None) -> None:
    # given a family member (no rules.calculate permission)
    family = helpers.signed_in(_user("rules-family", "family"))
    # then the calculation is refused with 403 in the envelope
    response = _post(family, json.dumps(LEVY))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
