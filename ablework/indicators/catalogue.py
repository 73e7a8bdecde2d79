"""The indicator catalogue: every installed app's `measures.py` collected once, each indicator
defined in one place (core/measure_parts.py). An app that has not landed offers nothing."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils.translation import gettext as _

from ablework.core.errors import NotFound
from ablework.core.measure_parts import Measure

MODULE = "measures"


@cache
def catalogue() -> tuple[Measure, ...]:
    """The measures of every installed app that has a `measures` module, in their order."""
    found: list[Measure] = []
    for app in apps.get_app_configs():
        name = f"{app.name}.{MODULE}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        found.extend(module.MEASURES)
    codes = [measure.code for measure in found]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        raise RuntimeError(f"Indicator codes declared twice: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda measure: (measure.order, measure.code)))


def measure_named(code: str) -> Measure:
    """The measure with this code, or NotFound."""
    for measure in catalogue():
        if measure.code == code:
            return measure
    raise NotFound(_("没有找到该指标。"))
