"""The social average wage for the levy's wage cap: no figure is guessed for Jining.

No source was found for which statistic (province or 济宁, which year's) Shandong uses as the
当地社会平均工资 of the 残保金 cap, so none is shipped although some Shandong averages were found
(docs/rules.md, "Social average wage"). A Jining levy stays missing until the declaration supplies
the figure, and then the cap uses the supplied figure.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ablework.rules.calc import calculate
from ablework.rules.engine.errors import MissingParameter
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import load_parameter_tree
from ablework.rules.engine.regions import resolve_region
from ablework.rules.jurisdictions.cn import PARAMETERS_ROOT

NAME = "wages.social_average_wage"

# levy year Y is declared and paid in Y + 1 (Shandong: 8月1日—11月30日 from 2026-06-01)
COLLECTION_DATES = [date(2024, 9, 1), date(2025, 9, 1), date(2026, 9, 1)]  # levy 2023, 2024, 2025


@pytest.mark.parametrize("on", COLLECTION_DATES, ids=lambda on: on.isoformat())
@pytest.mark.parametrize("code", ["370811", "370883", "3708", "37"])
def test_no_social_average_wage_is_claimed_for_jining_or_shandong(code: str, on: date) -> None:
    tree = load_parameter_tree(PARAMETERS_ROOT)
    with pytest.raises(MissingParameter) as raised:
        Evaluation(tree, resolve_region(code), on).decimal(NAME, field="social_average_wage")
    assert raised.value.parameter == NAME
    assert raised.value.field == "social_average_wage"
    assert on.isoformat() in raised.value.render("en")


JINING_LEVY: dict[str, Any] = {
    "rule": "levy",
    "jurisdiction": "370811",  # 任城区
    "levy_year": 2024,
    "assessed_on": "2025-09-01",
    "employer_kind": "enterprise",
    "headcount": {"annual_average": "200"},
    "average_wage": "250000",
    "disabled_employees": [],
}


def test_a_jining_levy_without_the_figure_names_what_is_missing() -> None:
    result = calculate(JINING_LEVY)
    assert isinstance(result, dict)
    assert result["error"]["code"] == "missing_parameter"
    assert "social_average_wage" in result["error"]["message"]
    assert "370811" in result["error"]["message"]


def test_a_jining_levy_with_the_declared_figure_caps_the_wage_at_twice_it() -> None:
    # an illustrative figure the declaration supplies (not a published statistic):
    # N × R = 200 × 1.5% = 3, D = 0; cap = 2 × 100000 = 200000 < 250000, so W = 200000;
    # before reduction 3 × 200000 = 600000; D / N = 0 < 1% pays 90%: 540000.00
    result = calculate({**JINING_LEVY, "social_average_wage": "100000"})
    assert isinstance(result, dict)
    assert "error" not in result
    assert result["levy_before_reduction"] == "600000.00"
    assert result["levy_due"] == "540000.00"
