"""The open data's machine-readable schema: a Frictionless Table Schema
(https://specs.frictionlessdata.io/table-schema/) of the rows of both the CSV and the JSON, served
at /open-data/schema.json and linked from every JSON file (docs/open-data.md says the same)."""

from __future__ import annotations

from typing import Any

from ablework.indicators.selectors.open_data import COLUMNS
from ablework.indicators.suppression import Withheld

SCHEMA_VERSION = "1"

FIELDS: dict[str, dict[str, Any]] = {
    "area_code": {
        "type": "string",
        "title": "地区代码",
        "description": "GB/T 2260 code of the area (6 digits; a township 9); empty for the "
        "persons of a county whose township is not recorded (未登记乡镇（街道）)",
        "constraints": {"pattern": "^([0-9]{6}|[0-9]{9})?$"},
    },
    "area_name": {"type": "string", "title": "地区名称", "constraints": {"required": True}},
    "area_level": {
        "type": "string",
        "title": "地区层级",
        "constraints": {"enum": ["province", "city", "county", "township"]},
    },
    "row": {
        "type": "string",
        "title": "行类型",
        "description": "total: the region of the file; part: one of its children",
        "constraints": {"enum": ["total", "part"]},
    },
    "region_code": {
        "type": "string",
        "title": "本文件地区代码",
        "description": "the region the file is about (its total row's area_code)",
        "constraints": {"pattern": "^[0-9]{6}$"},
    },
    "period": {
        "type": "string",
        "title": "期间代码",
        "description": "a year (2026) or a quarter (2026Q3)",
        "constraints": {"pattern": "^[0-9]{4}(Q[1-4])?$"},
    },
    "period_label": {"type": "string", "title": "期间"},
    "period_start": {"type": "date", "title": "期间开始日期"},
    "period_end": {"type": "date", "title": "期间结束日期"},
    "read_until": {
        "type": "date",
        "title": "数据截至日期",
        "description": "the last day read: the period's end, or the day of download while the "
        "period runs (截至)",
    },
    "complete": {
        "type": "boolean",
        "title": "期间已结束",
        "description": "false while the period runs: the figures are so far (截至 read_until)",
    },
    "indicator": {"type": "string", "title": "指标代码", "description": "docs/indicators.md"},
    "indicator_name": {"type": "string", "title": "指标名称"},
    "unit": {"type": "string", "title": "单位", "description": "人, 人次, 家, 元 or %"},
    "kind": {
        "type": "string",
        "title": "指标类型",
        "description": "count: over the period; amount: money (元) over the period; rate: on the "
        "period's last day (read_until)",
        "constraints": {"enum": ["count", "amount", "rate"]},
    },
    "about": {
        "type": "string",
        "title": "统计对象",
        "description": "persons: small figures are withheld; units: employers, organs or "
        "counties, and amounts of money, never withheld",
        "constraints": {"enum": ["persons", "units"]},
    },
    "value": {
        "type": "number",
        "title": "数值",
        "description": "a count (integer), an amount in 元 (two places) or a rate in per cent "
        "(one place); empty when withheld, or for a rate without a denominator",
    },
    "numerator": {
        "type": "integer",
        "title": "分子",
        "description": "a rate's numerator; empty for counts and amounts and when withheld",
        "constraints": {"minimum": 0},
    },
    "denominator": {
        "type": "integer",
        "title": "分母",
        "description": "a rate's denominator; empty for counts and amounts and when withheld",
        "constraints": {"minimum": 0},
    },
    "suppressed": {"type": "boolean", "title": "不公开"},
    "suppression": {
        "type": "string",
        "title": "不公开原因",
        "description": "small: a count of persons, or a rate's denominator, numerator or "
        "complement, is not 0 and below the threshold; complementary: withheld so that a small "
        "figure cannot be worked out as the total minus the other parts; within_withheld: the "
        "region's own figure is withheld, so its parts are too",
        "constraints": {"enum": [str(reason) for reason in Withheld]},
    },
}


def open_data_schema() -> dict[str, Any]:
    """The Table Schema, its fields in the files' column order."""
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "ablework-indicators",
        "title": "残疾人就业监测指标（分地区、分期间）",
        "version": SCHEMA_VERSION,
        "fields": [{"name": name, **FIELDS[name]} for name in COLUMNS],
        "primaryKey": ["region_code", "period", "indicator", "row", "area_code"],
        "missingValues": [""],
    }
