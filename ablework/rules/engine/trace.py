"""The trace of an evaluation: each step's value, formula and the parameters it used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ablework.rules.engine.text import Language, Text

TraceValue = str | bool | int | None | list[str]


@dataclass(frozen=True)
class ParameterUse:
    """A parameter value used by a step, with its effective date and legal reference."""

    name: str
    value: Any
    effective_from: date | None
    reference: str

    def to_json(self) -> dict[str, Any]:
        """The contract's `{name, value, effective_from, reference}`."""
        return {
            "name": self.name,
            "value": render_parameter_value(self.value),
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "reference": self.reference,
        }


@dataclass(frozen=True)
class TraceStep:
    """One step of an evaluation, in evaluation order."""

    key: str
    label: Text
    value: TraceValue
    formula: Text
    parameters: tuple[ParameterUse, ...]

    def to_json(self, language: Language) -> dict[str, Any]:
        """The contract's `{step, value, formula, parameters}` in the requested language."""
        return {
            "step": self.label.render(language),
            "value": self.value,
            "formula": self.formula.render(language),
            "parameters": [use.to_json() for use in self.parameters],
        }


def render_parameter_value(value: Any) -> Any:
    """JSON form of a parameter value: decimals and dates as strings, lists element-wise."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [render_parameter_value(item) for item in value]
    return value
