"""The quota check uses an approved local minimum wage: Jining's gap after Shandong's 2023
change (`minimum_wage_unknown`) closes once 任城区's value is approved, and a wage under it is
then named (`wage_below_minimum`)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.employers.factories import EmployerFactory
from tests.exchange.files import write_csv
from tests.quota.test_roster_file import HEADER, row
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db


def check(path: Path, uscc: str, capsys) -> list[str]:
    arguments = ["--employer", uscc, "--year", "2023", "--headcount", ",".join(["300"] * 12)]
    with contextlib.suppress(SystemExit):  # exit 1 when there is an error
        call_command("quota", "check", "--input", str(path), *arguments, "--wage-total", "1800000")
    return [problem["code"] for problem in json.loads(capsys.readouterr().out)["problems"]]


def set_wage(value: str) -> None:
    call_command(
        "rules",
        "local",
        "set",
        "wages.minimum_wage_monthly",
        "--region=370811",
        "--from=2023-10-01",
        f"--value={value}",
        "--reference=测试依据",
        stdout=io.StringIO(),
    )


def test_the_quota_check_uses_the_approved_local_minimum_wage(tmp_path: Path, capsys) -> None:
    employer = EmployerFactory()  # in 任城区
    person = PersonFactory(name="张三", disability_grade=3)
    path = write_csv(tmp_path / "名单.csv", [row(person.certificate_number, "张三")], HEADER)
    assert check(path, employer.uscc, capsys) == ["minimum_wage_unknown"]  # Oct–Dec 2023
    set_wage("2100")
    assert check(path, employer.uscc, capsys) == []  # 2,600 a month is above it
    set_wage("2700")  # the same region and date again: it replaces the earlier value
    assert check(path, employer.uscc, capsys) == ["wage_below_minimum"]
