"""Every YAML case of the Chinese jurisdiction (jurisdictions/cn/tests) as a pytest case."""

from __future__ import annotations

import pytest

from ablework.rules.casebook import Case, load_cases, run_case

CASES = load_cases()


def test_the_case_book_covers_every_rule_of_the_contract() -> None:
    # given the YAML cases
    rules = {case.situation.get("rule") for case in CASES}
    # then each rule of the contract has cases
    assert {
        "levy",
        "resident-id",
        "disability-certificate",
        "retirement",
        "concentrated-employment",
        "organ-mandate",
    } <= rules


@pytest.mark.parametrize("case", CASES, ids=[f"{case.path.stem}: {case.name}" for case in CASES])
def test_yaml_case(case: Case) -> None:
    # when the situation is evaluated
    result = run_case(case)
    # then the output holds every expected value
    assert result.passed, "\n".join(result.differences)
