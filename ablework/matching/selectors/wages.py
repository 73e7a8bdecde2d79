"""The local minimum wage a posting is held to: the rules parameter `wages.minimum_wage_monthly`
of the posting's county on a day (approved local values first, then the shipped YAML), with
where the figure comes from. None where no figure is known (docs/rules.md "Local minimum wages":
济宁's from 2023-10-01, for one): a posting there cannot be checked against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ablework.registry.rulebook import rules_evaluation

PARAMETER = "wages.minimum_wage_monthly"


@dataclass(frozen=True)
class MinimumWage:
    value: Decimal
    effective_from: date
    reference: str


def minimum_wage(county_code: str, on: date) -> MinimumWage | None:
    """The monthly minimum wage in force in the county on `on`, or None when unknown."""
    found = rules_evaluation(jurisdiction=county_code, on=on).find(PARAMETER, on=on)
    if found is None or found.value is None:
        return None
    reference = found.dated.reference
    return MinimumWage(
        value=Decimal(str(found.value)).quantize(Decimal("0.01")),
        effective_from=found.dated.effective_from,
        reference=str(getattr(reference, "title", "") or ""),
    )
