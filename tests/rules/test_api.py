"""`POST /api/v1/rules/calc`: the contract over HTTP for signed-in users (session auth + CSRF)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from ninja.testing import TestClient

from ablework.rules.api import router
from tests import helpers

from .test_calc_contract import LEVY

URL = "/api/v1/rules/calc"


@pytest.fixture
def signed_in(db: None) -> Client:
    # A role with `rules.calculate`; "system_admin" needs no region, employer or person binding.
    user = get_user_model().objects.create_user(
        username="rules-tester", password="a-long-test-password", role="system_admin"
    )
    return helpers.signed_in(user)


def test_a_signed_in_user_gets_the_same_json_as_the_cli(signed_in: Client) -> None:
    response = signed_in.post(URL, data=json.dumps(LEVY), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["levy_due"] == "20000.00"
    assert body["trace"]


def test_an_array_gives_results_in_order_with_field_named_errors(signed_in: Client) -> None:
    payload = [LEVY, {**LEVY, "jurisdiction": "999999"}]
    response = signed_in.post(
        f"{URL}?lang=en", data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200
    first, second = response.json()
    assert first["trace"][0]["step"] == "date selecting the rules in force"
    assert second == {
        "error": {
            "code": "unknown_region",
            "message": "jurisdiction: unknown region code 999999 (not in GB/T 2260)",
        }
    }


def test_a_body_that_is_not_json_is_a_400(signed_in: Client) -> None:
    response = signed_in.post(URL, data="{oops", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unreadable_input"


def test_anonymous_callers_are_refused(db: None) -> None:
    response = Client().post(URL, data=json.dumps(LEVY), content_type="application/json")
    assert response.status_code == 401


def test_a_session_post_without_the_csrf_token_is_refused(signed_in: Client, db: None) -> None:
    # given a browser-like client that enforces CSRF
    user = get_user_model().objects.get(username="rules-tester")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    # then a POST without the token is refused
    response = strict.post(URL, data=json.dumps(LEVY), content_type="application/json")
    assert response.status_code == 403


def test_the_router_handler_alone() -> None:
    # the handler without the project's URL configuration or authentication
    client = TestClient(router)
    response = client.post(
        "/calc",
        json={
            "rule": "retirement",
            "sex": "female",
            "birth_month": "1975-03",
            "retirement_base_age": 50,
        },
    )
    assert response.status_code == 200
    assert response.json()["retirement_age"] == {"years": 50, "months": 2}


def test_the_endpoint_is_documented_in_the_openapi_schema(signed_in: Client) -> None:
    schema = signed_in.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/rules/calc"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
