"""The Chinese rules as the registry uses them: one evaluation per place and date."""

from __future__ import annotations

from datetime import date

from ablework.rules.engine.errors import UnknownRegion
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.regions import NATIONAL_REGION, Region, resolve_region
from ablework.rules.jurisdictions.cn import parameter_tree


def rules_region(code: str) -> Region:
    """The rules' region for a registry region code (townships and villages use their county);
    the national rules when the code is empty or not a GB/T 2260 code."""
    if not code:
        return NATIONAL_REGION
    try:
        return resolve_region(code[:6])
    except UnknownRegion:
        return NATIONAL_REGION


def rules_evaluation(*, jurisdiction: str, on: date) -> Evaluation:
    """An evaluation of the rules in force at `jurisdiction` (a region code) on `on`."""
    return Evaluation(parameter_tree(), rules_region(jurisdiction), on)
