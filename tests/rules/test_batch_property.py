"""The whole-population path gives exactly the single-case path's results (rules spec, issue 3)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ablework.rules.engine.reforms import load_reform
from ablework.rules.jurisdictions.cn import parameter_tree

from .comparison import compare_paths
from .population import random_employer, random_population

FULL_YEAR = list(range(1, 13))


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_batch_equals_single_path_on_thousands_of_random_employers(seed: int) -> None:
    # given 2,000 random employers across provinces, dates, kinds, sizes, wages and employees
    employers = random_population(seed, 2000)
    # when both paths evaluate them, then every amount, count and error agrees
    seen = compare_paths(employers)
    # and the population exercised the rules, not only the errors
    assert seen["evaluated"] > 500
    assert seen["exempt"]
    assert seen["reward"]
    assert seen["due at factor 1/2"]
    assert seen["due at factor 9/10"]
    assert seen["error:missing_parameter"]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_batch_equals_single_path_on_small_shrinkable_populations(rng: random.Random) -> None:
    # given a few employers drawn by hypothesis (so a failure shrinks to a small example)
    employers = [random_employer(rng, index) for index in range(6)]
    # then both paths agree
    compare_paths(employers)


REFORM = """\
name: 山东按63号口径, 湖南1.75%, 退休当月计入
overrides:
  - parameter: levy.dispatch_rule
    regions: ["37"]
    values: {2020-01-01: disabled_only}
  - parameter: levy.quota_ratio
    regions: ["43"]
    values: {2024-01-01: "0.0175"}
  - parameter: levy.count_retirement_month
    values: {2015-10-01: true}
  - parameter: wages.minimum_wage_monthly
    regions: ["4301"]
    values: {2023-01-01: "1930"}
"""


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_batch_equals_single_path_under_a_reform(seed: int, tmp_path_factory: Any) -> None:
    # given a reform changing a dispatch rule, a ratio, a counting convention and a wage by place
    path = tmp_path_factory.mktemp("reform") / "reform.yaml"
    path.write_text(REFORM, encoding="utf-8")
    reform = load_reform(path, parameter_tree())
    # then both paths still agree on 1,000 random employers
    seen = compare_paths(random_population(seed, 1000), reform)
    assert seen["evaluated"] > 200


def edge_employer(
    employer_id: int, total: int, persons: list[dict[str, Any]], **fields: Any
) -> dict[str, Any]:
    employer: dict[str, Any] = {
        "employer_id": employer_id,
        "jurisdiction": "370811",
        "employer_kind": "enterprise",
        "assessed_on": date(2025, 9, 1),
        "levy_year": 2024,
        "headcount_month_total": total,
        "average_wage": "80000",
        "social_average_wage": "40000",
        "minimum_wage_monthly": "2000",
        "persons": persons,
    }
    employer.update(fields)
    return employer


def person(grade: int, months: list[int] = FULL_YEAR, person_id: int = 0) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "certificate": "disability",
        "grades": [grade] * len(months),
        "months": months,
        "wages": [None] * len(months),
        "insured": [None] * len(months),
        "contract": [None] * len(months),
        "sex": None,
        "birth_month": None,
        "base": None,
        "dispatched": None,
    }


def test_batch_equals_single_path_at_the_legal_edges() -> None:
    employers = [
        edge_employer(
            1, 200 * 12, [person(2)], employer_kind="organ"
        ),  # D = 2 = 1% of 200: 50% tier
        edge_employer(2, 200 * 12, [person(2), person(3, person_id=1)]),  # D = 3 = 200 × 1.5%
        edge_employer(3, 100 * 12, [person(3)]),  # D/N = 1% exactly: 50% tier
        edge_employer(4, 101 * 12, [person(3)]),  # D/N just below 1%: 90% tier
        edge_employer(5, 30 * 12, []),  # 30 staff: exempt
        edge_employer(6, 30 * 12 + 1, []),  # 30.083 staff: not exempt
        edge_employer(7, 200 * 12, [], average_wage="80000"),  # W = 2 × 40000 exactly
        edge_employer(8, 200 * 12, [], average_wage="80000.01"),  # just above the cap
        edge_employer(
            9, 100 * 12, [person(1), person(3, person_id=1)], jurisdiction="430102"
        ),  # reward
        edge_employer(10, 100 * 12, [person(3)], jurisdiction="410102"),  # Henan 1.6%
    ]
    seen = compare_paths(employers)
    assert seen["exactly at the ratio"] == 1
    assert seen["exempt"] == 1
    assert seen["reward"] == 1
    assert seen["due at factor 1/2"] == 3  # employers 1, 3 and 10
    assert seen["due at factor 9/10"] == 4  # employers 4, 6, 7 and 8
