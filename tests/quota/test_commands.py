"""`ablework quota check | submit`: the printed JSON, the exit codes, scope and what is stored."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ablework.core.models import AuditRecord
from ablework.quota.models import Declaration, LineMonth, RosterLine
from tests.accounts.factories import CounsellorFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory


def run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, what: str, payload: Any, *extra: str
) -> tuple[int, str, str]:
    source = tmp_path / "declaration.json"
    source.write_text(
        payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8"
    )
    code = 0
    try:
        call_command("quota", what, "--input", str(source), *extra)
    except SystemExit as stop:
        code = int(stop.code or 0)
    except CommandError as error:
        code = error.returncode
        print(error, file=__import__("sys").stderr)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.django_db
def test_check_prints_the_contract_json_and_exits_0_without_errors(capsys, tmp_path) -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    code, out, _ = run(
        capsys,
        tmp_path,
        "check",
        declaration(employer.uscc, [line(person.certificate_number, "王一")]),
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"problems", "counted", "worksheet"}
    assert result["counted"][0] == {"line": 0, "month": "2023-01", "weight": 1}
    assert result["problems"] == []
    # No social average wage is shipped for 任城区: the worksheet says so instead of a number.
    assert "social_average_wage" in result["worksheet"]["error"]["message"]
    assert not Declaration.objects.exists()


@pytest.mark.django_db
def test_check_exits_1_on_an_error_and_2_on_unreadable_input(capsys, tmp_path) -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    number = person.certificate_number
    twice = declaration(employer.uscc, [line(number, "王一"), line(number, "王一")])
    code, out, _ = run(capsys, tmp_path, "check", twice)
    assert code == 1
    problem = json.loads(out)["problems"][0]
    assert set(problem) == {"line", "months", "field", "code", "kind", "message"}
    assert (problem["code"], problem["kind"]) == ("duplicate_line", "error")
    code, _, err = run(capsys, tmp_path, "check", "{not json")
    assert code == 2
    code, _, err = run(capsys, tmp_path, "check", {"employer": employer.uscc, "levy_year": 2023})
    assert code == 2
    assert "headcount" in err


@pytest.mark.django_db
def test_an_employer_user_cannot_check_another_employer_it_is_not_found(capsys, tmp_path) -> None:
    own = EmployerUserFactory(username="hr")
    stranger = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    roster = [line(person.certificate_number, "王一")]
    code, out, err_other = run(
        capsys, tmp_path, "check", declaration(stranger.uscc, roster), "--as", "hr"
    )
    assert code == 2
    assert out == ""
    code, _, err_unknown = run(
        capsys, tmp_path, "check", declaration("91370811MA00000000", roster), "--as", "hr"
    )
    assert code == 2
    assert err_other.replace(stranger.uscc, "") == err_unknown.replace("91370811MA00000000", "")
    code, out, _ = run(
        capsys, tmp_path, "check", declaration(own.employer.uscc, roster), "--as", "hr"
    )
    assert code == 0
    assert json.loads(out)["counted"]


@pytest.mark.django_db
def test_staff_declare_for_employers_of_their_region_only(capsys, tmp_path) -> None:
    CounsellorFactory(username="rencheng")  # 任城区
    inside = EmployerFactory(county_code="370811")
    outside = EmployerFactory(county_code="370826")
    person = PersonFactory(name="王一", disability_grade=3)
    roster = [line(person.certificate_number, "王一")]
    assert (
        run(capsys, tmp_path, "check", declaration(inside.uscc, roster), "--as", "rencheng")[0] == 0
    )
    assert (
        run(capsys, tmp_path, "check", declaration(outside.uscc, roster), "--as", "rencheng")[0]
        == 2
    )


@pytest.mark.django_db
def test_submit_stores_lines_months_trace_and_audit_and_refuses_a_second(capsys, tmp_path) -> None:
    user = EmployerUserFactory(username="hr")
    person = PersonFactory(name="王一", disability_grade=1)
    payload = declaration(
        user.employer.uscc, [line(person.certificate_number, "王一", months_=range(1, 4))]
    )
    code, out, _ = run(capsys, tmp_path, "submit", payload, "--as", "hr")
    assert code == 0
    printed = json.loads(out)
    stored = Declaration.objects.get()
    assert (printed["id"], printed["status"]) == (stored.pk, "submitted")
    assert stored.submitted_by == user
    assert stored.headcount_monthly == [300] * 12
    assert stored.rules_trace == printed["worksheet"]
    roster_line = RosterLine.objects.get()
    assert roster_line.certificate_number == person.certificate_number
    assert roster_line.certificate_masked != person.certificate_number
    assert [(m.month, m.counted, m.weight) for m in LineMonth.objects.order_by("month")] == [
        (1, True, 2),
        (2, True, 2),
        (3, True, 2),
    ]
    audit = AuditRecord.objects.get(action="quota.declaration.submit")
    assert audit.actor_id == user.pk
    assert audit.detail["counted_months"] == 3
    code, _, err = run(capsys, tmp_path, "submit", payload, "--as", "hr")
    assert code == 1
    assert "已提交" in err
    assert Declaration.objects.count() == 1


@pytest.mark.django_db
def test_submit_with_an_error_is_refused_and_stores_nothing(capsys, tmp_path) -> None:
    user = EmployerUserFactory(username="hr")
    person = PersonFactory(name="王一", disability_grade=3)
    bad = {**line(person.certificate_number, "王一"), "wages": {"2023-01": "abc"}}
    code, out, err = run(
        capsys, tmp_path, "submit", declaration(user.employer.uscc, [bad]), "--as", "hr"
    )
    assert code == 1
    assert json.loads(out)["problems"][0]["code"] == "cell_unreadable"
    assert "未提交" in err
    assert not Declaration.objects.exists()
    assert not RosterLine.objects.exists()
    assert not AuditRecord.objects.filter(action="quota.declaration.submit").exists()


@pytest.mark.django_db
def test_one_check_is_six_queries_whatever_the_rosters_length(django_assert_num_queries) -> None:
    from ablework.parameters.selectors import APPROVED_LOCAL_VALUES
    from ablework.quota.inputs import read_declaration
    from ablework.quota.selectors import check_declaration

    employer = EmployerFactory()
    roster = [line(PersonFactory(name=f"人{i}").certificate_number, f"人{i}") for i in range(30)]
    parsed = read_declaration(declaration(employer.uscc, roster))
    # the approved local parameter values are read once per process, as region names are
    # (their cost: tests/parameters/test_local_values.py)
    APPROVED_LOCAL_VALUES.codes()
    # the holders by number (1; a 2nd only for a number that is not a current one), their
    # certificate months (2), names and birth dates (1), all their numbers (1), other employers'
    # months (1)
    with django_assert_num_queries(6):
        result = check_declaration(declaration=parsed, employer=employer, today=date(2024, 6, 1))
    assert len(result.counted()) == 30 * 6


@pytest.mark.django_db
def test_a_check_is_audited_as_a_view_and_stores_no_declaration(capsys, tmp_path) -> None:
    user = EmployerUserFactory(username="hr")
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(user.employer.uscc, [line(person.certificate_number, "王一")])
    assert run(capsys, tmp_path, "check", payload, "--as", "hr")[0] == 0
    audit = AuditRecord.objects.get(action="quota.declaration.check")
    assert audit.actor_id == user.pk
    assert audit.kind == "view"
    assert (audit.target_type, audit.target_id) == ("employers.employer", str(user.employer.pk))
    assert audit.detail == {"levy_year": 2023, "lines": 1, "problems": 0}
    assert not Declaration.objects.exists()
