"""Every API error, whatever its status, comes in one envelope that a client can rely on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from ninja import NinjaAPI, Router
from ninja.testing import TestClient

from ablework.config.api_errors import install_error_envelope
from ablework.core.envelope import ErrorDetail, ErrorEnvelope, error_responses
from ablework.core.errors import Conflict, PermissionDenied
from tests.accounts.factories import CounsellorFactory, SystemAdminFactory
from tests.helpers import signed_in
from tests.registry.factories import PersonFactory
from tests.rules.test_calc_contract import LEVY

pytestmark = pytest.mark.django_db

ERROR_STATUSES = {"400", "401", "403", "404", "409", "422", "500"}


def envelope_of(response: Any, status: int) -> dict[str, Any]:
    """The error object of a response, after checking its status and its exact shape."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    ErrorEnvelope.model_validate(body)
    return body["error"]


def test_400_a_resident_id_in_a_url_is_refused_naming_the_field():
    counsellor = CounsellorFactory()
    person = PersonFactory()

    response = signed_in(counsellor).get("/api/v1/persons/", {"q": person.resident_id})

    error = envelope_of(response, 400)
    assert error["code"] == "identifier_in_url"
    assert "POST /api/v1/persons/search" in error["message"]
    assert error["fields"] == [
        {"field": "q", "code": "identifier_in_url", "message": error["message"]}
    ]


def test_400_a_calculation_body_that_is_not_json():
    response = signed_in(SystemAdminFactory()).post(
        "/api/v1/rules/calc", data="{oops", content_type="application/json"
    )

    error = envelope_of(response, 400)
    assert error["code"] == "unreadable_input"
    assert error["message"].startswith("(body): 请求体不是有效的 UTF-8 JSON")


def test_401_without_signing_in():
    error = envelope_of(Client().get("/api/v1/persons/"), 401)
    assert error == {"code": "not_authenticated", "message": "请先登录。", "fields": []}


def test_403_a_session_post_without_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(CounsellorFactory())

    response = strict.post("/api/v1/persons/search", {"q": "张"}, content_type="application/json")

    error = envelope_of(response, 403)
    assert error["code"] == "csrf_failed"
    assert "X-CSRFToken" in error["message"]


def test_404_is_the_same_for_another_countys_person_and_a_missing_one():
    client = signed_in(CounsellorFactory())
    elsewhere = PersonFactory(county_code="370826")

    not_yours = envelope_of(client.get(f"/api/v1/persons/{elsewhere.pk}"), 404)
    missing = envelope_of(client.get("/api/v1/persons/999999999"), 404)

    assert not_yours == missing
    assert not_yours["code"] == "not_found"


def test_404_for_an_address_the_api_does_not_have():
    error = envelope_of(signed_in(CounsellorFactory()).get("/api/v1/no-such-thing"), 404)
    assert error["code"] == "not_found"
    assert error["message"] == "没有找到该接口。"


def test_405_another_method_on_a_known_address_is_in_the_envelope_with_allow():
    counsellor = CounsellorFactory()
    # the export is POST only (a link on another site cannot start it)
    response = signed_in(counsellor).get("/api/v1/persons/export.csv")

    error = envelope_of(response, 405)
    assert error["code"] == "method_not_allowed"
    assert "GET" in error["message"]
    assert "POST" in error["message"]
    assert response["Allow"] == "POST"
    assert "no-store" in response["Cache-Control"]


def test_422_names_each_refused_parameter_in_chinese():
    response = signed_in(CounsellorFactory()).get(
        "/api/v1/persons/", {"category": "视力", "after": "x"}
    )

    error = envelope_of(response, 422)
    assert error["code"] == "invalid_request"
    assert {(f["field"], f["message"]) for f in error["fields"]} == {
        ("category", "应为整数"),
        ("after", "应为整数"),
    }
    assert "category: 应为整数" in error["message"]


def test_422_and_its_messages_are_english_when_english_is_chosen():
    client = signed_in(CounsellorFactory())
    client.cookies["django_language"] = "en"

    error = envelope_of(client.get("/api/v1/persons/", {"category": "x"}), 422)

    assert error["message"].startswith("The request's parameters are not acceptable: ")
    assert error["fields"][0]["field"] == "category"


@pytest.fixture
def refusing_api() -> TestClient:
    """An API whose operations raise what services raise, answered as the project's API does."""
    router = Router()

    @router.post("/approve", response=error_responses(403))
    def approve(request: Any) -> None:
        raise PermissionDenied("您可以查看这条记录，但不能审核它。")

    @router.post("/register", response=error_responses(409))
    def register(request: Any) -> None:
        raise Conflict("该公民身份号码已在登记库中。", field="resident_id")

    @router.get("/crash")
    def crash(request: Any) -> None:
        raise RuntimeError("secret detail of the failure")

    api = NinjaAPI(urls_namespace="refusing")
    install_error_envelope(api)
    api.add_router("/", router)
    return TestClient(api)


def test_403_permission_denied_keeps_its_status(refusing_api: TestClient):
    error = envelope_of(refusing_api.post("/approve"), 403)
    assert error == {
        "code": "permission_denied",
        "message": "您可以查看这条记录，但不能审核它。",
        "fields": [],
    }


def test_409_a_conflict_keeps_its_status_and_names_the_field(refusing_api: TestClient):
    error = envelope_of(refusing_api.post("/register"), 409)
    assert error["code"] == "conflict"
    assert error["fields"] == [
        {"field": "resident_id", "code": "conflict", "message": "该公民身份号码已在登记库中。"}
    ]


def test_500_says_nothing_of_the_failure(refusing_api: TestClient, caplog):
    error = envelope_of(refusing_api.get("/crash"), 500)
    assert error["code"] == "server_error"
    assert "secret" not in error["message"]
    # while the log keeps it for the operators
    assert "secret detail of the failure" in caplog.text


def test_a_calculation_error_inside_a_result_is_the_envelopes_error_object():
    # the contract's per-situation error: exactly code and message, inside a 200
    response = signed_in(SystemAdminFactory()).post(
        "/api/v1/rules/calc",
        data=json.dumps({**LEVY, "jurisdiction": "999999"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    error = response.json()["error"]
    assert set(error) == {"code", "message"}
    assert ErrorDetail.model_validate(error).code == "unknown_region"


def test_the_openapi_schema_lists_each_operations_error_responses():
    schema = Client().get("/api/v1/openapi.json").json()
    envelope = {"$ref": "#/components/schemas/ErrorEnvelope"}
    operations = {
        f"{method.upper()} {path}": operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    errors = {
        name: {
            status
            for status, response in operation["responses"].items()
            if status in ERROR_STATUSES
            and response["content"]["application/json"]["schema"] == envelope
        }
        for name, operation in operations.items()
    }
    # every operation needs a sign-in; those with a path parameter can miss; those with typed
    # parameters can refuse them; session POSTs need the CSRF token
    assert all("401" in statuses for statuses in errors.values()), errors
    assert errors["GET /api/v1/persons/{person_id}"] == {"401", "404", "422"}
    assert errors["GET /api/v1/persons/"] == {"400", "401", "404", "422"}
    assert errors["POST /api/v1/persons/search"] == {"401", "403", "404", "422"}
    assert errors["POST /api/v1/rules/calc"] == {"400", "401", "403"}
    # and the envelope itself is described
    detail = schema["components"]["schemas"]["ErrorDetail"]
    assert set(detail["properties"]) == {"code", "message", "fields"}
    assert set(detail["required"]) == {"code", "message"}
