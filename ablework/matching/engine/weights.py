"""The weights of the soft score. They are Ablework's own design settings, not law: dated
parameters under `rules/jurisdictions/cn/parameters/national/matching/` (each file says so and
refers to docs/matching.md), read here for the market's `as_of`. Callers may pass other weights.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from ablework.matching.engine.errors import InvalidMarket, Problem
from ablework.rules.jurisdictions.cn import parameter_tree


@dataclass(frozen=True)
class Weights:
    """How much each part of the soft score counts; the score divides by their sum."""

    skills: Decimal
    occupation: Decimal
    adjustable: Decimal
    distance: Decimal
    wage: Decimal
    hours: Decimal
    remote: Decimal

    def __post_init__(self) -> None:
        values = [getattr(self, part.name) for part in fields(self)]
        if any(value < 0 for value in values) or sum(values) <= 0:
            raise ValueError("匹配权重不能为负数，且至少有一项大于 0")

    def normalised(self) -> dict[str, float]:
        """Each weight divided by their sum, as floats for the arrays."""
        total = sum(getattr(self, part.name) for part in fields(self))
        return {part.name: float(getattr(self, part.name) / total) for part in fields(self)}


PARAMETER = "matching.weight_{}"


def weights_on(on: date) -> Weights:
    """The weights in force on `on` (national parameters `matching.weight_*`)."""
    tree = parameter_tree()
    found: dict[str, Decimal] = {}
    for part in fields(Weights):
        resolved = tree.resolve(PARAMETER.format(part.name), (), on)
        if resolved is None or resolved.dated.value is None:
            # a market dated before any weight was in force is bad input at its `as_of`
            name = PARAMETER.format(part.name)
            raise InvalidMarket(
                [Problem("as_of", f"{on.isoformat()} 时还没有在用的匹配权重（参数 {name}）")]
            )
        found[part.name] = Decimal(resolved.dated.value)
    return Weights(**found)


def weights_in_force_since(on: date) -> date | None:
    """The day the weights in force on `on` took effect (the latest of the seven parts'), so a
    stored result can say which version of the weights it used."""
    tree = parameter_tree()
    days = [
        resolved.dated.effective_from
        for part in fields(Weights)
        if (resolved := tree.resolve(PARAMETER.format(part.name), (), on)) is not None
    ]
    return max(days) if days else None
