"""YAML test cases of the rules, run by pytest and by `ablework rules test`.

A case file holds a list of cases::

    - name: 1% exactly is the 50% tier (rules spec R2.10)
      jurisdiction: "370811"     # copied into the input when the rule takes one
      period: 2024               # levy_year / month / as_of, by rule
      lang: zh                   # optional
      input: {rule: levy, ...}
      output: {levy_due: "20000.00", ...}

`output` is compared as a subset of the result: every key given must match exactly (amounts as
strings, to the fen). An expected `error` may give `code` and `message_contains`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ablework.rules.calc.evaluators import Request
from ablework.rules.calc.service import calculate_one
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.engine.text import parse_language
from ablework.rules.jurisdictions.cn import TESTS_ROOT, parameter_tree

PERIOD_FIELDS = {"levy": "levy_year", "concentrated-employment": "month", "organ-mandate": "as_of"}
JURISDICTION_RULES = frozenset({"levy", "concentrated-employment"})
# Identifier rules read the levy parameters "today"; cases pin the day so they stay reproducible.
CASE_DAY = date(2026, 11, 23)


@dataclass(frozen=True)
class Case:
    """One YAML case."""

    name: str
    path: Path
    situation: dict[str, Any]
    expected: dict[str, Any]
    language: str = "zh"
    today: date = CASE_DAY


@dataclass
class CaseResult:
    """The outcome of running a case."""

    case: Case
    actual: dict[str, Any]
    differences: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Passed when nothing differs."""
        return not self.differences


def load_cases(paths: Iterable[Path] | None = None) -> list[Case]:
    """Cases from the given files or folders (default: the Chinese jurisdiction's tests folder)."""
    files: list[Path] = []
    for path in paths or [TESTS_ROOT]:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    cases: list[Case] = []
    for file in files:
        raw = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        cases.extend(_case(file, item) for item in raw)
    return cases


def _case(path: Path, raw: dict[str, Any]) -> Case:
    """Build a case, filling jurisdiction and period into the input."""
    situation = _jsonable(dict(raw["input"]))
    rule = situation.get("rule")
    if "jurisdiction" in raw and rule in JURISDICTION_RULES:
        situation.setdefault("jurisdiction", str(raw["jurisdiction"]))
    if "period" in raw and rule in PERIOD_FIELDS:
        situation.setdefault(PERIOD_FIELDS[rule], _jsonable(raw["period"]))
    return Case(
        name=str(raw["name"]),
        path=path,
        situation=situation,
        expected=_jsonable(raw.get("output", {})),
        language=str(raw.get("lang", "zh")),
    )


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings, as they would be in JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def run_case(case: Case, tree: ParameterTree | None = None) -> CaseResult:
    """Evaluate a case and compare its output."""
    request = Request(tree or parameter_tree(), case.today, parse_language(case.language))
    actual = calculate_one(case.situation, request)
    return CaseResult(case, actual, compare(case.expected, actual))


def compare(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences between an expected subset and the actual result."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '(result)'}: expected an object, got {actual!r}"]
        differences = []
        for key, value in expected.items():
            where = f"{path}.{key}" if path else key
            if key == "message_contains":
                if str(value) not in str(actual.get("message", "")):
                    differences.append(f"{path}.message: {actual.get('message')!r} lacks {value!r}")
            elif key not in actual:
                differences.append(f"{where}: missing (result: {actual!r})"[:400])
            else:
                differences.extend(compare(value, actual[key], where))
        return differences
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        return [
            d for i, item in enumerate(expected) for d in compare(item, actual[i], f"{path}[{i}]")
        ]
    if expected != actual:
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []
