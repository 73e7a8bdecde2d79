"""An evaluation: one place, one date, the parameters in force there, and the trace being built."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ablework.rules.engine.errors import MissingParameter
from ablework.rules.engine.parameters import NATIONAL, DatedValue, ParameterTree
from ablework.rules.engine.reforms import OVERRIDE_LEVEL, Reform
from ablework.rules.engine.regions import Region
from ablework.rules.engine.text import Text
from ablework.rules.engine.trace import ParameterUse, TraceStep, TraceValue


@dataclass(frozen=True)
class Found:
    """A parameter value found for the evaluation's place."""

    name: str
    dated: DatedValue
    level: str

    @property
    def value(self) -> Any:
        """The value itself."""
        return self.dated.value


@dataclass
class Evaluation:
    """Parameters for one region on a date (with an optional reform), recording what is used."""

    tree: ParameterTree
    region: Region
    on: date
    reform: Reform | None = None
    steps: list[TraceStep] = field(default_factory=list)
    _pending: dict[tuple[str, date, str], ParameterUse] = field(default_factory=dict)
    # What the tree gave for each (name, date) in this evaluation: a roster's check asks for the
    # same values once per line and month, and the tree (with staff's local values) is fixed
    # for as long as an evaluation lasts.
    _resolved: dict[tuple[str, date], Any] = field(default_factory=dict)

    def find(self, name: str, on: date | None = None) -> Found | None:
        """The value in force (reform first, then the most specific level), or None if missing."""
        when = on or self.on
        if self.reform is not None:
            dated = self.reform.resolve(name, self.region, when)
            if dated is not None:
                return self._use(Found(name, dated, OVERRIDE_LEVEL))
        key = (name, when)
        if key in self._resolved:
            resolved = self._resolved[key]
        else:
            resolved = self._resolved[key] = self.tree.resolve(name, self.region.chain, when)
        if resolved is None:
            return None
        return self._use(Found(name, resolved.dated, resolved.level))

    def value(self, name: str, on: date | None = None, field: str | None = None) -> Any:
        """A value that must be in force; `MissingParameter` names it (and the input field)."""
        found = self.find(name, on)
        if found is None:
            raise MissingParameter(name, self.region.padded, on or self.on, field)
        return found.value

    def decimal(self, name: str, on: date | None = None, field: str | None = None) -> Decimal:
        """A decimal value that must be in force and not null."""
        value = self.value(name, on, field)
        if not isinstance(value, Decimal):
            raise TypeError(f"{name} is not a decimal on {on or self.on}: {value!r}")
        return value

    def integer(self, name: str, on: date | None = None) -> int:
        """An integer value that must be in force and not null."""
        value = self.value(name, on)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} is not an integer on {on or self.on}: {value!r}")
        return value

    def flag(self, name: str, on: date | None = None) -> bool:
        """A boolean value that must be in force."""
        value = self.value(name, on)
        if not isinstance(value, bool):
            raise TypeError(f"{name} is not a boolean on {on or self.on}: {value!r}")
        return value

    def code(self, name: str, on: date | None = None) -> str:
        """A code (enumerated string) that must be in force."""
        value = self.value(name, on)
        if not isinstance(value, str):
            raise TypeError(f"{name} is not a code on {on or self.on}: {value!r}")
        return value

    def record(self, key: str, label: Text, value: TraceValue, formula: Text) -> None:
        """Add a trace step with the parameters used since the previous step."""
        self.steps.append(TraceStep(key, label, value, formula, tuple(self._pending.values())))
        self._pending.clear()

    def _use(self, found: Found) -> Found:
        """Remember a parameter use for the next trace step."""
        dated = found.dated
        key = (found.name, dated.effective_from, found.level)
        if key not in self._pending:
            self._pending[key] = ParameterUse(
                name=found.name,
                value=dated.value,
                effective_from=None if found.level == OVERRIDE_LEVEL else dated.effective_from,
                reference=_reference_text(found),
            )
        return found


def _reference_text(found: Found) -> str:
    """The reference with the level that stated the value (national or a region code)."""
    level = "" if found.level in (NATIONAL, OVERRIDE_LEVEL) else f"（{found.level}）"
    return found.dated.reference.render(found.dated.confidence) + level
