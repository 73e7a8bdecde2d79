"""Turn pydantic validation errors into one field-named, bilingual message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ablework.rules.engine.text import Language

CHINESE = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（契约不允许）",
    "literal_error": "取值无效，应为 {expected}",
    "string_pattern_mismatch": "格式不正确（应为 YYYY-MM）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "decimal_string": '应为字符串形式的小数，例如 "40000.00"',
    "iso_date": '应为 ISO 日期字符串 "YYYY-MM-DD"',
    "headcount_choice": "须给出 monthly（12个月人数）或 annual_average 之一",
}


def field_path(location: Sequence[int | str]) -> str:
    """`('disabled_employees', 0, 'grade')` → `disabled_employees[0].grade`."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path or "(situation)"


def describe(error: ValidationError, language: Language) -> str:
    """One message listing every problem, each prefixed with its field."""
    parts = [
        f"{field_path(item['loc'])}: {problem_message(item, language)}"
        for item in error.errors(include_url=False)
    ]
    return "; ".join(parts)


def problem_message(item: Any, language: Language) -> str:
    """One pydantic problem in words: Chinese by error type, or pydantic's English message."""
    if language == "zh" and item["type"] in CHINESE:
        context = item.get("ctx") or {}
        return CHINESE[item["type"]].format(expected=context.get("expected", ""))
    return str(item["msg"])
