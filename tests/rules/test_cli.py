"""`ablework rules calc | test | simulate`: outputs and exit codes 0 / 1 / 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_calc_contract import LEVY


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """Run the command in-process; return (exit status, stdout)."""
    out = io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        call_command("rules", *args, stdout=out)
        status = 0
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    except CommandError as error:
        status = error.returncode
    finally:
        sys.stdin = old_stdin
    return status, out.getvalue()


def write_json(path: Path, payload: Any) -> str:
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_calc_prints_the_result_and_exits_0(tmp_path: Path) -> None:
    status, output = run("calc", "--input", write_json(tmp_path / "s.json", LEVY))
    assert status == 0
    assert json.loads(output)["levy_due"] == "20000.00"


def test_calc_reads_standard_input_and_speaks_english(tmp_path: Path) -> None:
    status, output = run("calc", "--input", "-", "--lang", "en", stdin=json.dumps(LEVY))
    assert status == 0
    assert json.loads(output)["trace"][0]["step"] == "date selecting the rules in force"


def test_calc_exits_1_when_any_situation_has_an_error_and_still_prints_all(tmp_path: Path) -> None:
    payload = [
        LEVY,
        {
            **LEVY,
            "disabled_employees": [
                {"certificate": "disability", "grade": 7, "months": ["2024-01"]}
            ],
        },
    ]
    status, output = run("calc", "--input", write_json(tmp_path / "s.json", payload))
    assert status == 1
    results = json.loads(output)
    assert results[0]["levy_due"] == "20000.00"
    assert results[1]["error"]["message"].startswith("disabled_employees[0].grade:")


def test_calc_exits_2_for_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    assert run("calc", "--input", str(tmp_path / "absent.json"))[0] == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert run("calc", "--input", str(broken))[0] == 2


@pytest.mark.slow
def test_the_console_script_exits_with_the_contract_codes(tmp_path: Path) -> None:
    # given the real `ablework` entry point in a child process, with a database of its own
    # (calc reads the approved local parameter values there)
    env = {
        **os.environ,
        "ABLEWORK_ENV": "test",
        "DJANGO_SETTINGS_MODULE": "ablework.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }
    migrate = [sys.executable, "-m", "ablework.cli", "migrate", "-v", "0"]
    subprocess.run(migrate, env=env, check=True, capture_output=True, timeout=300)
    good = write_json(tmp_path / "good.json", LEVY)
    bad = write_json(tmp_path / "bad.json", {**LEVY, "jurisdiction": "999999"})
    statuses = [
        subprocess.run(
            [sys.executable, "-m", "ablework.cli", "rules", "calc", "--input", path],
            env=env,
            capture_output=True,
            check=False,
            timeout=120,
        ).returncode
        for path in (good, bad, str(tmp_path / "absent.json"))
    ]
    assert statuses == [0, 1, 2]


def test_rules_test_runs_the_yaml_cases_and_fails_on_a_wrong_expectation(tmp_path: Path) -> None:
    status, output = run("test")
    assert status == 0
    assert output.strip().endswith("0 failed")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "- name: a deliberately wrong expectation\n"
        "  input: {rule: retirement, sex: male, birth_month: 1965-08}\n"
        "  output: {retirement_month: 2025-08}\n",
        encoding="utf-8",
    )
    status, output = run("test", str(wrong))
    assert status == 1
    assert "FAIL wrong.yaml: a deliberately wrong expectation" in output
    assert "expected '2025-08', got '2025-10'" in output


def test_simulate_totals_the_levy_with_and_without_a_reform(tmp_path: Path) -> None:
    # given two employers in Jining and one in Changsha, nobody disabled, W = 80000
    employers = pl.DataFrame(
        {
            "employer_id": [1, 2, 3],
            "jurisdiction": ["370811", "370812", "430102"],
            "employer_kind": ["enterprise", "institution", "enterprise"],
            "headcount_month_total": [200 * 12, 100 * 12, 200 * 12],
            "average_wage": ["80000", "80000", "80000"],
            "social_average_wage": ["90000", "90000", "90000"],
        }
    )
    months = pl.DataFrame(
        schema={
            "employer_id": pl.Int64,
            "person_id": pl.Int64,
            "month": pl.Int16,
            "certificate": pl.String,
            "grade": pl.Int16,
        }
    )
    employers.write_parquet(tmp_path / "employers.parquet")
    months.write_csv(tmp_path / "months.csv")
    reform = tmp_path / "reform.yaml"
    reform.write_text(
        "name: 山东1.6%\noverrides:\n  - parameter: levy.quota_ratio\n    regions: ['37']\n"
        "    values: {2025-01-01: '0.016'}\n",
        encoding="utf-8",
    )
    csv = tmp_path / "totals.csv"
    # when simulated for levy year 2024, assessed 2025-09-01
    status, output = run(
        "simulate",
        "--year",
        "2024",
        "--reform",
        str(reform),
        "--employers",
        str(tmp_path / "employers.parquet"),
        "--employee-months",
        str(tmp_path / "months.csv"),
        "--assessed-on",
        "2025-09-01",
        "--csv",
        str(csv),
    )
    # then Shandong's enterprise pays 3 × 80000 × 90% = 216000.00 → 3.2 × 80000 × 90% = 230400.00,
    # its institution 1.5 × 80000 × 90% = 108000.00 → 1.6 × 80000 × 90% = 115200.00;
    # Hunan is unchanged
    assert status == 0, output
    table = pl.read_csv(csv, schema_overrides={"province": pl.String, "levy_change": pl.String})
    rows = {(row["province"], row["employer_kind"]): row for row in table.iter_rows(named=True)}
    assert rows[("37", "enterprise")]["levy_change"] == "14400.00"
    assert rows[("37", "institution")]["levy_change"] == "7200.00"
    assert rows[("43", "enterprise")]["levy_change"] == "0.00"
    assert "山东1.6%" in output


@pytest.mark.parametrize("missing", ["reform", "employers"])
def test_simulate_exits_2_when_a_file_is_missing(tmp_path: Path, missing: str) -> None:
    files = {
        "reform": tmp_path / "r.yaml",
        "employers": tmp_path / "e.parquet",
        "months": tmp_path / "m.csv",
    }
    pl.DataFrame({"employer_id": [1]}).write_csv(files["months"])
    if missing != "reform":
        files["reform"].write_text("name: x\noverrides: []\n", encoding="utf-8")
    status, _ = run(
        "simulate",
        "--year",
        "2024",
        "--reform",
        str(files["reform"]),
        "--employers",
        str(files["employers"]),
        "--employee-months",
        str(files["months"]),
    )
    assert status == 2
