"""The functional vocabulary of work fixed by the matching contract
(`../shared/domain/matching-contract.md`): task demands, accommodations and a person's ability
for a demand. Codes are the contract's and never change; the labels are what people read.

Employment services record assessments and needs in these codes, and job postings their demands
and what they offer, so matching reads both without any mapping. Nothing here names a category
of disability: matching on a category is discrimination.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.matching.engine import vocabulary as words


def _choices(name: str, labelled: Iterable[tuple[str, str]]) -> Any:
    """Django choices over the engine's codes and labels (one list for services, postings and
    matching): member `READ_PRINT` is `"read_print"`, its label the translated Chinese."""
    members = [(code.upper(), (code, _(label))) for code, label in labelled]
    return models.TextChoices(name, members)  # type: ignore[call-overload]


# What a task demands (`demands`).
Demand = _choices("Demand", words.DEMANDS)
# What a workplace can offer, and what a person may need (`accommodations`).
Accommodation = _choices("Accommodation", words.ACCOMMODATIONS)
# A person's ability for one demand: `with` carries the accommodations, any one of which is
# enough.
Ability = _choices("Ability", words.ABILITIES)


# The contract's JSON of one ability: "can", "cannot" or {"with": ["screen_reader", …]}.
AbilityValue: TypeAlias = str | dict[str, list[str]]
DEMANDS = frozenset(Demand.values)
ACCOMMODATIONS = frozenset(Accommodation.values)


def ability_problems(abilities: Mapping[str, object]) -> list[str]:
    """What is wrong with an abilities object in the contract's shape, in plain Chinese (empty
    when it is right): unknown demands, unknown abilities, `with` without a known accommodation."""
    problems: list[str] = []
    for demand, value in abilities.items():
        if demand not in DEMANDS:
            problems.append(str(_("没有这项工作要求：%(code)s")) % {"code": demand})
            continue
        label = Demand(demand).label
        if value in (Ability.CAN, Ability.CANNOT):
            continue
        if isinstance(value, Mapping) and set(value) == {Ability.WITH}:
            chosen = value[Ability.WITH]
            if isinstance(chosen, list) and chosen and set(chosen) <= ACCOMMODATIONS:
                continue
            problems.append(
                str(_("“%(demand)s”借助便利条件时，至少要选一项已有的便利条件。"))
                % {"demand": label}
            )
            continue
        problems.append(
            str(_("“%(demand)s”的能力只能是能胜任、借助便利条件或不能胜任。")) % {"demand": label}
        )
    return problems


def accommodation_problems(codes: object) -> list[str]:
    """What is wrong with a list of accommodation codes (empty when every one is known)."""
    if not isinstance(codes, list):
        return [str(_("便利条件应当是一个列表。"))]
    return [
        str(_("没有这项便利条件：%(code)s")) % {"code": code}
        for code in codes
        if code not in ACCOMMODATIONS
    ]
