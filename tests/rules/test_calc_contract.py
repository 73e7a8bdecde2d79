"""The calculation contract's shape: exact keys, a trace on each success, field-named errors."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.rules.calc import calculate

FULL_YEAR = [f"2024-{month:02d}" for month in range(1, 13)]
LEVY: dict[str, Any] = {
    "rule": "levy",
    "jurisdiction": "370811",
    "levy_year": 2024,
    "assessed_on": "2025-09-01",
    "employer_kind": "enterprise",
    "headcount": {"annual_average": "100"},
    "average_wage": "80000",
    "social_average_wage": "90000",
    "disabled_employees": [{"certificate": "disability", "grade": 3, "months": FULL_YEAR}],
}
OUTPUT_KEYS = {
    "levy": {
        "levy_due",
        "levy_before_reduction",
        "reduction_factor",
        "exempt",
        "exemption",
        "annual_average_headcount",
        "counted_disabled",
        "ratio",
        "required",
        "shortfall",
        "assessed_wage",
        "wage_cap",
        "over_quota",
        "reward",
    },
    "resident-id": {"valid", "expected_check_digit", "birth_date", "sex", "region_code", "errors"},
    "disability-certificate": {
        "valid",
        "resident_id",
        "category",
        "category_name",
        "grade",
        "severe",
        "quota_weight",
        "errors",
    },
    "retirement": {"retirement_age", "retirement_month"},
    "concentrated-employment": {"eligible", "reasons", "refund_limit", "refund"},
    "organ-mandate": {"mandated", "minimum_disabled_staff", "deadline", "reasons"},
}
SITUATIONS: dict[str, dict[str, Any]] = {
    "levy": LEVY,
    "resident-id": {"rule": "resident-id", "number": "11010519491231002X"},
    "disability-certificate": {"rule": "disability-certificate", "number": "11010519491231002X42"},
    "retirement": {
        "rule": "retirement",
        "sex": "male",
        "birth_month": "1965-08",
        "retirement_base_age": 60,
    },
    "concentrated-employment": {
        "rule": "concentrated-employment",
        "jurisdiction": "370811",
        "month": "2025-03",
        "unit_type": "ordinary",
        "staff": 40,
        "disabled": 10,
        "minimum_wage_monthly": "2000.00",
        "vat_paid": "50000.00",
    },
    "organ-mandate": {
        "rule": "organ-mandate",
        "as_of": "2026-06-30",
        "unit_kind": "institution",
        "administrative_level": "prefecture",
        "authorized_size": 67,
        "is_school_or_kindergarten": False,
        "staff": 67,
        "disabled_staff": 0,
    },
}


@pytest.mark.parametrize("rule", list(SITUATIONS))
def test_each_rule_returns_exactly_the_contract_fields_and_a_trace(rule: str) -> None:
    # when the contract's example situation is evaluated
    result = calculate(SITUATIONS[rule])
    assert isinstance(result, dict)
    # then the keys are exactly the contract's, plus the trace
    assert set(result) == OUTPUT_KEYS[rule] | {"trace"}
    assert result["trace"], "every success has a trace"
    for step in result["trace"]:
        assert set(step) == {"step", "value", "formula", "parameters"}
        for parameter in step["parameters"]:
            assert set(parameter) == {"name", "value", "effective_from", "reference"}


def test_the_levy_trace_lets_a_person_redo_the_arithmetic() -> None:
    result = calculate(LEVY)
    assert isinstance(result, dict)
    formulas = {step["step"]: step["formula"] for step in result["trace"]}
    # given N = 100, R = 1.5%, D = 1, W = 80000 (R2.10's corrected example)
    assert formulas["应安排残疾人就业人数 N × R"] == "N × R = 100 × 0.015 = 1.5"
    assert formulas["应缴保障金（减缴前）"].startswith("(N×R − D) × W = 0.5 × 80000 = 40000")
    assert formulas["减缴系数"] == "D / N = 0.01 ≥ 0.01：按 0.5 征收"
    ratio = next(step for step in result["trace"] if step["step"] == "规定的安排比例 R")
    (parameter,) = ratio["parameters"]
    assert parameter["name"] == "levy.quota_ratio"
    assert parameter["value"] == "0.015"
    assert parameter["effective_from"] == "2015-10-01"
    assert "财税〔2015〕72号" in parameter["reference"]
    assert "第六条" in parameter["reference"]


def test_labels_are_english_on_request() -> None:
    result = calculate(LEVY, language="en")
    assert isinstance(result, dict)
    steps = [step["step"] for step in result["trace"]]
    assert "required number N × R" in steps
    assert "levy due" in steps


def test_an_array_keeps_its_order_and_one_bad_situation_does_not_stop_the_others() -> None:
    bad = {**LEVY, "jurisdiction": "999999"}
    results = calculate([LEVY, bad, SITUATIONS["retirement"]])
    assert isinstance(results, list)
    assert results[0]["levy_due"] == "20000.00"
    assert results[1] == {
        "error": {
            "code": "unknown_region",
            "message": "jurisdiction: 未知的地区代码 999999（GB/T 2260 中不存在）",
        }
    }
    assert results[2]["retirement_month"] == "2025-10"


def test_a_situation_that_is_not_an_object_is_an_error() -> None:
    assert calculate(["levy"]) == [
        {"error": {"code": "invalid_input", "message": "(situation): 应为 JSON 对象"}}
    ]
