"""Compare the batch path with the single-case path, employer by employer."""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from typing import Any

from ablework.rules.batch import compute_levy_batch
from ablework.rules.batch.frames import HEADCOUNT_SCALE
from ablework.rules.engine.errors import MissingParameter, RuleError
from ablework.rules.engine.reforms import Reform
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.levy import evaluate_levy
from ablework.rules.jurisdictions.cn.situations.levy import LevySituation

from .population import fen, to_frames, to_situation


def single_path(situation: dict[str, Any], reform: Reform | None = None) -> dict[str, Any]:
    """What the single-case path says, in the batch path's terms."""
    try:
        parsed = LevySituation.model_validate(situation)
        outcome, _ = evaluate_levy(parameter_tree(), parsed, reform)
    except RuleError as error:
        detail = error.parameter if isinstance(error, MissingParameter) else None
        return {"error_code": error.code, "error_parameter": detail}
    return {
        "error_code": None,
        "levy_due_fen": fen(outcome.levy_due),
        "levy_before_reduction_fen": fen(outcome.levy_before_reduction),
        "reward_fen": fen(outcome.reward),
        "exempt": outcome.exemption is not None,
        "headcount": outcome.annual_average_headcount,
        "disabled": outcome.counted_disabled,
        "required": outcome.required,
        "factor": Fraction(outcome.reduction_factor),
    }


def batch_view(row: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The batch row in the same terms (errors compared by code and missing parameter)."""
    if row["error_code"] is not None or expected["error_code"] is not None:
        detail = row["error_detail"] if expected.get("error_parameter") else None
        return {"error_code": row["error_code"], "error_parameter": detail}
    return {
        "error_code": None,
        "levy_due_fen": row["levy_due_fen"],
        "levy_before_reduction_fen": row["levy_before_reduction_fen"],
        "reward_fen": row["reward_fen"],
        "exempt": row["exempt"],
        "headcount": Fraction(row["n"], HEADCOUNT_SCALE),
        "disabled": Fraction(row["d"], HEADCOUNT_SCALE),
        "required": Fraction(row["required_num"], row["required_den"]),
        "factor": Fraction(row["factor_num"], row["factor_den"]),
    }


def compare_paths(employers: list[dict[str, Any]], reform: Reform | None = None) -> Counter[str]:
    """Assert both paths agree on every employer; return what was seen, for coverage checks."""
    employer_frame, month_frame = to_frames(employers)
    batch = compute_levy_batch(employer_frame, month_frame, year=2024, reform=reform)
    rows = {row["employer_id"]: row for row in batch.iter_rows(named=True)}
    seen: Counter[str] = Counter()
    for employer in employers:
        situation = to_situation(employer)
        expected = single_path(situation, reform)
        actual = batch_view(rows[employer["employer_id"]], expected)
        assert actual == expected, (
            f"batch {actual} != single {expected} for\n{json.dumps(situation, ensure_ascii=False)}"
        )
        seen.update(_outcome_kinds(expected))
    return seen


def _outcome_kinds(result: dict[str, Any]) -> list[str]:
    """Labels of what an employer's result exercised."""
    if result["error_code"]:
        return [f"error:{result['error_code']}"]
    kinds = ["evaluated"]
    if result["exempt"]:
        kinds.append("exempt")
    if result["levy_due_fen"]:
        kinds.append(f"due at factor {result['factor']}")
    if result["disabled"] == result["required"] and result["required"] > 0:
        kinds.append("exactly at the ratio")
    if result["reward_fen"]:
        kinds.append("reward")
    if result["headcount"] == 30:
        kinds.append("exactly 30 staff")
    return kinds
