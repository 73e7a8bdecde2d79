"""The quota declarations API: `POST /api/v1/quota/declarations/check`, `POST …/declarations`,
`GET …/declarations/{id}` — the contract's shapes over HTTP, the command's problems for the same
input, tenant isolation, CSRF, and a 2,000-line declaration within the request limit."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from ablework.core.models import AuditRecord
from ablework.quota.models import Declaration, RosterLine
from tests.accounts.factories import CounsellorFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

CHECK = "/api/v1/quota/declarations/check"
SUBMIT = "/api/v1/quota/declarations"
UNKNOWN_USCC = "91370811MA00000000"


def post(client: Client, url: str, payload: Any) -> Any:
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(url, data=body, content_type="application/json")


def command_output(capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: Any) -> Any:
    source = tmp_path / "declaration.json"
    source.write_text(json.dumps(payload), encoding="utf-8")
    # the roster holds an error: the command exits 1, as the API's check still answers 200
    with pytest.raises(SystemExit) as stop:
        call_command("quota", "check", "--input", str(source), "--as", "hr")
    assert stop.value.code == 1
    return json.loads(capsys.readouterr().out)


def test_check_answers_the_commands_json_for_the_same_input(capsys, tmp_path) -> None:
    # given an employer user and a roster with a duplicate, an unknown card and a low wage
    user = EmployerUserFactory(username="hr")
    person = PersonFactory(name="王一", disability_grade=3)
    other = PersonFactory(name="李二", disability_grade=2)
    payload = declaration(
        user.employer.uscc,
        [
            line(person.certificate_number, "王一"),
            line(person.certificate_number, "王一"),
            line("37081119850612402X41", "张三"),
            line(other.certificate_number, "李二", wage="100.00"),
        ],
    )
    # when the API checks it
    response = post(signed_in(user), CHECK, payload)
    # then it answers what `ablework quota check` prints, and stores nothing
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"problems", "counted", "worksheet"}
    assert {p["code"] for p in answer["problems"]} >= {
        "duplicate_line",
        "certificate_not_found",
        "wage_below_minimum",
    }
    assert answer == command_output(capsys, tmp_path, payload)
    assert not Declaration.objects.exists()


def test_an_unreadable_declaration_is_a_422_naming_the_path() -> None:
    user = EmployerUserFactory()
    client = signed_in(user)
    # a declaration without its headcount
    response = post(client, CHECK, {"employer": user.employer.uscc, "levy_year": 2023})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert [f["field"] for f in error["fields"]] == ["headcount"]
    # not an object, and not JSON at all: still the envelope
    assert post(client, CHECK, "[1, 2]").status_code == 422
    broken = post(client, SUBMIT, "{not json")
    assert broken.status_code == 400
    assert set(broken.json()["error"]) == {"code", "message", "fields"}
    assert not Declaration.objects.exists()


def test_submit_stores_the_declaration_and_get_reads_it_masked() -> None:
    user = EmployerUserFactory()
    person = PersonFactory(name="王一", disability_grade=1)
    client = signed_in(user)
    payload = declaration(
        user.employer.uscc, [line(person.certificate_number, "王一", months_=range(1, 4))]
    )
    # when the employer user submits
    response = post(client, SUBMIT, payload)
    # then it is stored as submitted: 201 with id, status and the check
    assert response.status_code == 201
    answer = response.json()
    stored = Declaration.objects.get()
    assert (answer["id"], answer["status"]) == (stored.pk, "submitted")
    assert answer["counted"] == [
        {"line": 0, "month": f"2023-{m:02d}", "weight": 2} for m in (1, 2, 3)
    ]
    # and GET shows it: employer, year, status, masked lines, month results, worksheet
    shown = client.get(f"{SUBMIT}/{stored.pk}")
    assert shown.status_code == 200
    record = shown.json()
    assert record["employer"] == {
        "id": user.employer.pk,
        "uscc": user.employer.uscc,
        "name": user.employer.name,
    }
    assert (record["levy_year"], record["status"]) == (2023, "submitted")
    assert record["worksheet"] == answer["worksheet"]
    (shown_line,) = record["lines"]
    assert person.certificate_number not in shown.content.decode()
    assert shown_line["certificate_masked"] == RosterLine.objects.get().certificate_masked
    assert [(m["month"], m["counted"], m["weight"]) for m in shown_line["months"]] == [
        ("2023-01", True, 2),
        ("2023-02", True, 2),
        ("2023-03", True, 2),
    ]
    assert AuditRecord.objects.filter(action="quota.declaration.view", actor=user).count() == 1
    # a second submission of the year is a conflict
    again = post(client, SUBMIT, payload)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_submitted"
    assert Declaration.objects.count() == 1


def test_a_submission_with_errors_is_refused_with_the_problems_and_stores_nothing() -> None:
    user = EmployerUserFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    bad = {**line(person.certificate_number, "王一"), "wages": {"2023-01": "abc"}}
    response = post(signed_in(user), SUBMIT, declaration(user.employer.uscc, [bad]))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "declaration_has_errors"
    assert [(f["field"], f["code"]) for f in error["fields"]] == [
        ("roster[0].wages.2023-01", "cell_unreadable")
    ]
    assert "roster[0].wages.2023-01" in error["fields"][0]["message"]
    assert not Declaration.objects.exists()
    assert not RosterLine.objects.exists()


def test_an_employer_user_cannot_check_submit_or_read_another_employers_declaration() -> None:
    # given employer B's submitted declaration, and a user of employer A
    b_user = EmployerUserFactory()
    a_user = EmployerUserFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    roster = [line(person.certificate_number, "王一")]
    assert (
        post(signed_in(b_user), SUBMIT, declaration(b_user.employer.uscc, roster)).status_code
        == 201
    )
    b_declaration = Declaration.objects.get()
    a = signed_in(a_user)
    # then A checking or submitting for B is answered exactly as for an unknown credit code
    for url in (CHECK, SUBMIT):
        for_b = post(a, url, declaration(b_user.employer.uscc, roster))
        unknown = post(a, url, declaration(UNKNOWN_USCC, roster))
        assert for_b.status_code == unknown.status_code == 404
        assert for_b.json()["error"]["message"].replace(b_user.employer.uscc, "") == unknown.json()[
            "error"
        ]["message"].replace(UNKNOWN_USCC, "")
    # and reading B's declaration is the same 404 as a missing one
    for_b = a.get(f"{SUBMIT}/{b_declaration.pk}")
    missing = a.get(f"{SUBMIT}/{b_declaration.pk + 1000}")
    assert for_b.status_code == missing.status_code == 404
    assert for_b.json() == missing.json()
    assert Declaration.objects.count() == 1
    assert not AuditRecord.objects.filter(action="quota.declaration.view").exists()


def test_staff_declare_and_read_for_their_region_only() -> None:
    rencheng = signed_in(CounsellorFactory())  # 任城区 370811
    jiaxiang = signed_in(CounsellorFactory(region_id="370826"))
    employer = EmployerFactory(county_code="370811")
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    assert post(jiaxiang, CHECK, payload).status_code == 404
    assert post(jiaxiang, SUBMIT, payload).status_code == 404
    assert not Declaration.objects.exists()
    assert post(rencheng, CHECK, payload).status_code == 200
    created = post(rencheng, SUBMIT, payload)
    assert created.status_code == 201
    url = f"{SUBMIT}/{created.json()['id']}"
    assert jiaxiang.get(url).status_code == 404
    assert rencheng.get(url).status_code == 200


def test_session_posts_need_the_csrf_token() -> None:
    user = EmployerUserFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(user.employer.uscc, [line(person.certificate_number, "王一")])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    for url in (CHECK, SUBMIT):
        response = post(strict, url, payload)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "csrf_failed"
    assert not Declaration.objects.exists()
    assert not AuditRecord.objects.filter(action="quota.declaration.check").exists()


def test_without_a_sign_in_the_api_answers_401() -> None:
    assert post(Client(), CHECK, {}).status_code == 401
    assert Client().get(f"{SUBMIT}/1").status_code == 401


TWO_THOUSAND = 2000


def test_a_2000_line_declaration_of_12_months_fits_the_request_limit() -> None:
    user = EmployerUserFactory()
    # 2,000 lines with every month declared and long names and posts
    roster = [
        line(
            f"3708111985061240{i:04d}",
            "欧阳长名字字",
            months_=range(1, 13),
            post="生产车间质量检验岗位操作员",
            wage="12345.67",
        )
        for i in range(TWO_THOUSAND)
    ]
    body = json.dumps(declaration(user.employer.uscc, roster), ensure_ascii=False)
    size = len(body.encode())
    # then it is under the limit with room to spare (pretty-printed twice as large, too)
    assert size * 1.5 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE, size
    response = signed_in(user).post(CHECK, data=body, content_type="application/json")
    assert response.status_code == 200
    assert len({p["line"] for p in response.json()["problems"]}) == TWO_THOUSAND


def test_values_too_large_to_store_are_named_problems_not_server_errors() -> None:
    # given values that the database would refuse at submission (PostgreSQL: varchar, NUL,
    # decimal digits) or that no date can hold
    user = EmployerUserFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    client = signed_in(user)
    long_name = line(person.certificate_number, "王" * 65, post="岗" * 101)
    control = line("37081119850612402X41", "张\u0000三")
    huge_wage = line(person.certificate_number, "王一", wage="9" * 20)
    veteran = line(
        "V" * 25,
        "兵",
        certificate_kind="veteran",
        grade=3,
        resident_id="1" * 19,
        employment_form="dispatched",
        dispatch={"agency": "9" * 19, "agreement_assigns_to": "host"},
    )
    # when each is checked
    unreadable: dict[int, set[str]] = {}
    for index, item in enumerate((long_name, control, huge_wage, veteran)):
        response = post(client, CHECK, declaration(user.employer.uscc, [item]))
        assert response.status_code == 200
        unreadable[index] = {
            p["field"] for p in response.json()["problems"] if p["code"] == "cell_unreadable"
        }
    # then each is a cell_unreadable problem of its field
    assert unreadable[0] == {"name", "post"}
    assert unreadable[1] == {"name"}
    assert unreadable[2] == {f"wages.2023-{m:02d}" for m in range(1, 7)}
    assert unreadable[3] == {"certificate_number", "resident_id", "dispatch.agency"}
    # and the submission is refused, storing nothing
    assert post(client, SUBMIT, declaration(user.employer.uscc, [long_name])).status_code == 422
    # a whole-declaration value out of range is a 422 naming it
    for path, changes in (
        ("levy_year", {"levy_year": 10**6}),
        ("wage_total", {"wage_total": "9" * 20}),
        ("headcount.monthly", {"headcount": {"monthly": [10**30] * 12}}),
        ("headcount.annual_average", {"headcount": {"annual_average": "9" * 30}}),
    ):
        response = post(client, SUBMIT, declaration(user.employer.uscc, [], **changes))
        assert response.status_code == 422, path
        assert [f["field"] for f in response.json()["error"]["fields"]] == [path]
    assert not Declaration.objects.exists()


def test_the_levy_worked_out_by_hand_is_what_the_command_and_the_api_answer_to_the_fen(
    capsys, tmp_path
) -> None:
    # given 任城区's social average wage recorded as staff would (100,000 元: the cap 2 × 100,000
    # does not bite), and an employer of 300 staff paying 18,123,456.78 元 in 2023
    call_command(
        "rules",
        "local",
        "set",
        "wages.social_average_wage",
        "--region",
        "370811",
        "--from",
        "2015-01-01",
        "--value",
        "100000",
        "--reference",
        "测试用社会平均工资",
    )
    capsys.readouterr()
    user = EmployerUserFactory(username="hr", employer__county_code="370811")
    severe = PersonFactory(name="王一", disability_grade=1)
    plain = PersonFactory(name="王二", disability_grade=3)
    payload = declaration(
        user.employer.uscc,
        [
            line(severe.certificate_number, "王一", months_=range(1, 13)),  # 0
            {  # 1: paid January–June, insured only January–March
                **line(plain.certificate_number, "王二"),
                "social_insurance_months": ["2023-01", "2023-02", "2023-03"],
            },
            line("37081119800101001X11", "查无此人"),  # 2: not in the registry
            line(plain.certificate_number, "王二"),  # 3: the same certificate again (an error)
        ],
        wage_total="18123456.78",
    )
    # By hand:
    #   line 0: grade 1 is severe, 12 months × 2 = 24 (Oct–Dec: minimum wage unknown, a warning)
    #   line 1: grade 3, counted in January–March only = 3
    #   line 2: certificate_not_found, nothing; line 3: duplicate_line, nothing
    #   D = (24 + 3) / 12 = 2.25;  N = 300;  N × 1.5% = 4.5;  shortfall = 4.5 − 2.25 = 2.25
    #   W = 18,123,456.78 / 300 = 60,411.5226 → 60,411.52 (under the cap 200,000)
    #   before reduction: 2.25 × 60,411.52 = 135,925.92
    #   D/N = 0.75% < 1%: 公告2023年第8号 asks 90% → 135,925.92 × 0.9 = 122,333.328 → 122,333.33
    response = post(signed_in(user), CHECK, payload)
    assert response.status_code == 200
    answer = response.json()
    command = command_output(capsys, tmp_path, payload)
    for result in (answer, command):
        worksheet = result["worksheet"]
        assert worksheet["counted_disabled"] == "2.25"
        assert worksheet["annual_average_headcount"] == "300"
        assert worksheet["required"] == "4.5"
        assert Decimal(worksheet["levy_before_reduction"]) == Decimal("135925.92")
        assert Decimal(worksheet["levy_due"]) == Decimal("122333.33")
        assert {(p["line"], p["code"]) for p in result["problems"]} == {
            (0, "minimum_wage_unknown"),
            (1, "social_insurance_missing"),
            (2, "certificate_not_found"),
            (3, "duplicate_line"),
        }
        counted = [(item["line"], item["month"], item["weight"]) for item in result["counted"]]
        assert counted == [(0, f"2023-{m:02d}", 2) for m in range(1, 13)] + [
            (1, f"2023-{m:02d}", 1) for m in (1, 2, 3)
        ]
    assert answer == command
