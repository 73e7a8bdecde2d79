"""Evaluate situations: each gets a result or a field-named error; one never stops the others."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from ablework.rules.calc.evaluators import RULES, Request
from ablework.rules.calc.validation_messages import describe
from ablework.rules.engine.errors import RuleError, RulesErrorCode
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.reforms import Reform
from ablework.rules.engine.text import Language, Text
from ablework.rules.jurisdictions.cn import parameter_tree

# The rules are China's: a situation without a date is evaluated on the day it is in China, not on
# the machine's (UTC) date, which is the day before between 00:00 and 08:00 Beijing time.
CHINA = ZoneInfo("Asia/Shanghai")


def today_in_china() -> date:
    """The date in China now, for situations that give no date."""
    return datetime.now(CHINA).date()


def calculate(
    payload: Any,
    *,
    language: Language = "zh",
    tree: ParameterTree | None = None,
    today: date | None = None,
    reform: Reform | None = None,
) -> dict[str, Any] | list[dict[str, Any]]:
    """One result for one situation object, a list of results (same order) for a list."""
    request = Request(tree or parameter_tree(), today or today_in_china(), language, reform)
    if isinstance(payload, list):
        return [calculate_one(item, request) for item in payload]
    return calculate_one(payload, request)


def calculate_one(situation: Any, request: Request) -> dict[str, Any]:
    """The contract's result object, or `{"error": {"code", "message"}}`."""
    if not isinstance(situation, dict):
        return _error(
            RulesErrorCode.INVALID_INPUT,
            "(situation)",
            Text("应为 JSON 对象", "must be a JSON object"),
            request,
        )
    rule = situation.get("rule")
    if rule not in RULES:
        known = ", ".join(RULES)
        return _error(
            RulesErrorCode.INVALID_INPUT,
            "rule",
            Text(f"未知规则 {rule!r}，可用：{known}", f"unknown rule {rule!r}; one of {known}"),
            request,
        )
    model, evaluator = RULES[rule]
    try:
        parsed = model.model_validate(situation)
    except ValidationError as error:
        message = describe(error, request.language)
        return {"error": {"code": RulesErrorCode.INVALID_INPUT, "message": message}}
    try:
        output, ctx = evaluator(request, parsed)
    except RuleError as error:
        return {"error": {"code": error.code, "message": error.render(request.language)}}
    output["trace"] = [step.to_json(request.language) for step in ctx.steps]
    return output


def _error(code: RulesErrorCode, field: str, message: Text, request: Request) -> dict[str, Any]:
    """An error result naming the field."""
    return {"error": {"code": code, "message": f"{field}: {message.render(request.language)}"}}


def results_have_errors(results: dict[str, Any] | list[dict[str, Any]]) -> bool:
    """Whether any result is an error (exit status 1 of the CLI)."""
    items = results if isinstance(results, list) else [results]
    return any("error" in item for item in items)
