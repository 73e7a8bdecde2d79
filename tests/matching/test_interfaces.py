"""`ablework match` and `POST /api/v1/matching/match` give the same JSON for the same market,
and refuse bad input the same way: the command with exit 2 and each path, the API with a 400
whose envelope names each path in `fields`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from ablework.core.models import Region, RegionLevel
from tests import helpers

from .markets import contract_market, market, person, posting

URL = "/api/v1/matching/match"


def command(*args: str) -> tuple[int, str, str]:
    """Run `ablework match` in-process: (exit status, stdout, the error's message)."""
    out = io.StringIO()
    try:
        call_command("match", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def write(tmp_path: Path, raw: Any) -> str:
    path = tmp_path / "market.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


def three_by_three() -> dict[str, Any]:
    return market(
        [person("p1"), person("p2", needs=["step_free"]), person("p3", commute_km=0.5)],
        [
            posting("j1"),
            posting("j2", offers=["screen_reader", "step_free"], wage_max="3600.00"),
            posting("j3", title="仓库包装", description="包装 搬运", hours_per_week=30),
        ],
    )


@pytest.fixture
def counsellor(db: None) -> Client:
    user = get_user_model().objects.create_user(
        username="matching-tester", password="a-long-test-password", role="system_admin"
    )
    return helpers.signed_in(user)


def post(client: Client, raw: Any, query: str = "") -> Any:
    return client.post(f"{URL}{query}", data=json.dumps(raw), content_type="application/json")


def test_the_command_and_the_api_give_the_same_matches(tmp_path: Path, counsellor: Client) -> None:
    raw = three_by_three()
    status, output, _error = command("--input", write(tmp_path, raw), "--top", "2")
    assert status == 0
    from_command = json.loads(output)
    response = post(counsellor, raw, "?top=2")
    assert response.status_code == 200
    assert response.json() == from_command
    # and the result is the contract's: each person, at most two, p3 too far from everything
    assert [len(from_command["matches"][p]) for p in ("p1", "p2", "p3")] == [2, 1, 0]
    assert from_command["matches"]["p2"][0]["posting"] == "j2"


def test_the_command_and_the_api_explain_the_same_pair(tmp_path: Path, counsellor: Client) -> None:
    raw = three_by_three()
    status, output, _error = command("--input", write(tmp_path, raw), "--explain-pair", "p2", "j1")
    assert status == 0
    explained = json.loads(output)
    assert explained["suggested"] is False
    assert [b["constraint"] for b in explained["broken"]] == ["4"]
    response = post(counsellor, raw, "?person=p2&posting=j1")
    assert response.json() == explained


def test_an_unknown_code_is_exit_2_on_the_command_and_a_400_naming_the_path_on_the_api(
    tmp_path: Path, counsellor: Client
) -> None:
    raw = contract_market()
    raw["persons"][0]["abilities"]["read_scren"] = "can"
    status, _output, error = command("--input", write(tmp_path, raw))
    assert status == 2
    assert "persons[0].abilities.read_scren：没有这项工作要求：read_scren" in error
    response = post(counsellor, raw)
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid_market"
    assert body["fields"] == [
        {
            "field": "persons[0].abilities.read_scren",
            "code": "invalid_market",
            "message": "persons[0].abilities.read_scren：没有这项工作要求：read_scren",
        }
    ]


def test_unreadable_input_and_unknown_ids_are_refused(tmp_path: Path, counsellor: Client) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert command("--input", str(broken))[0] == 2
    assert command("--input", str(tmp_path / "absent.json"))[0] == 2
    status, _output, error = command(
        "--input", write(tmp_path, contract_market()), "--explain-pair", "p1", "j9"
    )
    assert status == 2
    assert "j9" in error
    response = counsellor.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unreadable_input"
    response = post(counsellor, contract_market(), "?person=p1&posting=j9")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_record"
    assert post(counsellor, contract_market(), "?person=p1").status_code == 400
    for top in ("0", "1001"):  # named as the API's parameter, as --top on the command
        response = post(counsellor, contract_market(), f"?top={top}")
        assert response.status_code == 400
        assert [f["field"] for f in response.json()["error"]["fields"]] == ["top"]
        assert "1 到 1000" in response.json()["error"]["message"]
        assert "--top" in command("--input", write(tmp_path, contract_market()), "--top", top)[2]


def test_only_roles_with_the_matching_permission_may_call_the_api(db: None) -> None:
    # anonymous: 401; a training provider (no matching.match): 403
    assert post(Client(), contract_market()).status_code == 401
    province = Region.objects.create(code="37", name="山东省", level=RegionLevel.PROVINCE)
    provider = get_user_model().objects.create_user(
        username="provider-tester",
        password="a-long-test-password",
        role="training_provider",
        region=province,
    )
    response = post(helpers.signed_in(provider), contract_market())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_a_market_dated_before_any_weight_is_in_force_is_refused_at_its_as_of(
    tmp_path: Path, counsellor: Client
) -> None:
    raw = contract_market()
    raw["as_of"] = "1990-01-01"
    status, _output, error = command("--input", write(tmp_path, raw))
    assert status == 2
    assert "as_of：1990-01-01 时还没有在用的匹配权重" in error
    response = post(counsellor, raw)
    assert response.status_code == 400
    assert [field["field"] for field in response.json()["error"]["fields"]] == ["as_of"]
