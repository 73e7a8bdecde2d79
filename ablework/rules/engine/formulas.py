"""Dated formulas: named families whose versions carry explicit `since`/`until` dates.

exemption: FormulaFamily[ExemptionFormula] = FormulaFamily("levy.small_enterprise_exemption")

@formula(exemption, since=date(2017, 4, 1))
def exempt_enterprises_up_to_max_staff(...): ...

exemption.at(on)(...)   # the version in force on a date, or NotInForce
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from ablework.rules.engine.errors import NotInForce
from ablework.rules.engine.text import Text

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class FormulaVersion(Generic[F]):
    """One version of a formula and the dates it is in force (both inclusive)."""

    function: F
    since: date
    until: date | None

    def in_force(self, on: date) -> bool:
        """Whether the version applies on a date."""
        return self.since <= on and (self.until is None or on <= self.until)


class FormulaFamily(Generic[F]):
    """All dated versions of one formula."""

    def __init__(self, name: str, label: Text) -> None:
        self.name = name
        self.label = label
        self.versions: list[FormulaVersion[F]] = []

    def add(self, version: FormulaVersion[F]) -> None:
        """Register a version; versions of one family must not overlap."""
        for existing in self.versions:
            if _overlap(existing, version):
                raise ValueError(f"{self.name}: versions overlap around {version.since}")
        self.versions.append(version)
        self.versions.sort(key=lambda item: item.since)

    def at(self, on: date, field: str = "assessed_on") -> F:
        """The version in force on a date."""
        for version in self.versions:
            if version.in_force(on):
                return version.function
        raise NotInForce(
            field,
            Text(
                zh=f"{on.isoformat()} 没有有效的「{self.label.zh}」规则",
                en=f"no rule for {self.label.en} is in force on {on.isoformat()}",
            ),
        )


def formula(
    family: FormulaFamily[F], *, since: date, until: date | None = None
) -> Callable[[F], F]:
    """Register the function as the version of `family` in force from `since` to `until`."""

    def register(function: F) -> F:
        """Add the function to the family and return it unchanged."""
        family.add(FormulaVersion(function, since, until))
        return function

    return register


def _overlap(first: FormulaVersion[Any], second: FormulaVersion[Any]) -> bool:
    """Whether two inclusive date windows overlap."""
    first_end = first.until or date.max
    second_end = second.until or date.max
    return first.since <= second_end and second.since <= first_end
