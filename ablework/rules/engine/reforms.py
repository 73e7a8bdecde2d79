"""Reforms: sets of dated parameter overrides applied to an evaluation or a whole population.

A reform file (YAML)::

    name: 湖南比例提高到1.6%
    description: What if Hunan raised its ratio from 2027?
    overrides:
      - parameter: levy.quota_ratio
        regions: ["43"]          # optional: GB/T 2260 codes; default everywhere
        values:
          2027-01-01: "0.016"

Among the overrides that apply to a region, the latest value in force on the date wins; before
the first reform date the ordinary parameters apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ablework.rules.engine.errors import InvalidParameterFile
from ablework.rules.engine.parameters import (
    DatedValue,
    ParameterTree,
    Reference,
    coerce_value,
)
from ablework.rules.engine.regions import Region, resolve_region

OVERRIDE_LEVEL = "override"


@dataclass(frozen=True)
class ReformOverride:
    """New values of one parameter, optionally only in some regions."""

    parameter: str
    values: tuple[DatedValue, ...]
    regions: tuple[str, ...] | None = None

    def applies_to(self, region: Region) -> bool:
        """Whether the override covers a region (a listed code is the region or contains it)."""
        return self.regions is None or any(code in region.chain for code in self.regions)


@dataclass(frozen=True)
class Reform:
    """A named set of parameter overrides."""

    name: str
    overrides: tuple[ReformOverride, ...]

    def resolve(self, parameter: str, region: Region, on: date) -> DatedValue | None:
        """The reform's value in force for a region and date, if it states one."""
        best: DatedValue | None = None
        for override in self.overrides:
            if override.parameter != parameter or not override.applies_to(region):
                continue
            for dated in override.values:
                if dated.effective_from <= on and (
                    best is None or dated.effective_from >= best.effective_from
                ):
                    best = dated
        return best

    def combined_with(self, other: Reform | None) -> Reform:
        """This reform with another applied on top (the other's overrides win ties)."""
        if other is None:
            return self
        return Reform(f"{self.name} + {other.name}", self.overrides + other.overrides)


def load_reform(path: Path, tree: ParameterTree) -> Reform:
    """Read a reform YAML file and check every override against the parameter definitions."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, Mapping) or not isinstance(raw.get("overrides"), list):
        raise InvalidParameterFile(f"{path}: a reform has `name` and a list of `overrides`")
    overrides = tuple(_override(path, item, tree) for item in raw["overrides"])
    return Reform(str(raw.get("name", path.stem)), overrides)


def _override(path: Path, item: object, tree: ParameterTree) -> ReformOverride:
    """One override entry of a reform file."""
    if not isinstance(item, Mapping) or "parameter" not in item or "values" not in item:
        raise InvalidParameterFile(f"{path}: each override has `parameter` and `values`")
    name = str(item["parameter"])
    try:
        unit = tree.definition(name).unit
    except KeyError:
        raise InvalidParameterFile(f"{path}: unknown parameter {name}") from None
    reference = Reference(f"情景/reform: {path.name}")
    values = []
    for key, value in dict(item["values"]).items():
        if not isinstance(key, date):
            raise InvalidParameterFile(f"{path}: override dates are YYYY-MM-DD")
        values.append(DatedValue(key, coerce_value(path, unit, value), reference, "K"))
    regions = item.get("regions")
    if regions is not None:
        regions = tuple(resolve_region(str(code), f"{name}.regions").code for code in regions)
    return ReformOverride(name, tuple(sorted(values, key=lambda v: v.effective_from)), regions)


def situation_override(
    tree: ParameterTree, parameter: str, value: object, field: str
) -> ReformOverride:
    """An override given inside one situation (`overrides.ratio`): in force on every date."""
    unit = tree.definition(parameter).unit
    dated = DatedValue(
        date.min,
        coerce_value(field, unit, value),
        Reference(f"情景覆盖 / what-if override ({field})"),
        "K",
    )
    return ReformOverride(parameter, (dated,))
