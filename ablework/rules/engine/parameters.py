"""Parameters: YAML files in the OpenFisca shape, national with regional overrides, by date.

A file holds `description`, `unit`, `reference` {title, article, url}, `confidence` (V/S/K as in
the rules spec), `values` keyed by effective date and `last_reviewed_on`. A value may carry its own
`reference`, `confidence` and `note`. `null` is a real value ("none in force", e.g. no wage cap); a
date before the first value, or a parameter a place never states, is *missing* — evaluation then
fails with the parameter's name instead of guessing. An entry `{unsourced: true, note: …}` says a
source shows the value changed on that date but its new figure was not found: from then on the
place is *missing* too, and the search does not fall back to a wider level.

Local values: staff may record a value for their region that the YAML lacks (or that changed
since). The engine knows no database; an app registers a `LocalValues` source
(`register_local_values`), and `ParameterTree.resolve` asks it first, most specific level first:
a local value in force for the place or a wider region beats every shipped YAML value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import yaml

from ablework.rules.engine.errors import InvalidParameterFile

NATIONAL = "national"
REGION_FOLDER = re.compile(r"^(?P<code>\d{2}|\d{4}|\d{6})(?:-[a-z0-9-]+)?$")
DECIMAL_UNITS = frozenset(
    {"ratio", "factor", "multiple", "yuan", "yuan_per_month", "yuan_per_year", "persons"}
)
INTEGER_UNITS = frozenset({"months", "years", "decimal_places", "weight", "times"})
OTHER_UNITS = frozenset({"boolean", "date", "code", "month", "grades", "codes"})
UNITS = DECIMAL_UNITS | INTEGER_UNITS | OTHER_UNITS
CONFIDENCE_TAGS = frozenset({"V", "S", "K"})
REQUIRED_KEYS = ("description", "unit", "reference", "values", "last_reviewed_on")


@dataclass(frozen=True)
class Reference:
    """Where a value comes from: the document, the article and, when public, a URL."""

    title: str
    article: str | None = None
    url: str | None = None

    def render(self, confidence: str | None = None) -> str:
        """One line a person can look up: title, article, URL and the confidence tag."""
        parts = [self.title + (f" {self.article}" if self.article else "")]
        if self.url:
            parts.append(self.url)
        if confidence:
            parts.append(f"[{confidence}]")
        return " ".join(parts)


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from `effective_from` until the next one."""

    effective_from: date
    value: Any
    reference: Reference
    confidence: str
    note: str | None = None
    unsourced: bool = False


@dataclass(frozen=True)
class Parameter:
    """A parameter file of one jurisdiction level (national or a region)."""

    name: str
    description: str
    description_en: str
    unit: str
    reference: Reference
    confidence: str
    values: tuple[DatedValue, ...]
    last_reviewed_on: date
    path: Path

    def value_on(self, on: date) -> DatedValue | None:
        """The value in force on a date, or None when the date precedes every value."""
        found: DatedValue | None = None
        for dated in self.values:
            if dated.effective_from <= on:
                found = dated
            else:
                break
        return found


@dataclass(frozen=True)
class Resolved:
    """A parameter value found for a place and date, and the level that stated it."""

    name: str
    dated: DatedValue
    level: str


class LocalValues(Protocol):
    """Extra dated values kept outside the YAML files (e.g. approved by staff in the app)."""

    def value_on(self, name: str, code: str, on: date) -> DatedValue | None:
        """The local value of `name` stated for exactly the region `code`, in force on `on`."""

    def codes(self) -> frozenset[str]:
        """The region codes (2, 4 or 6 digits) that have any local value."""


_LOCAL_SOURCES: list[LocalValues] = []


def register_local_values(source: LocalValues) -> None:
    """Consult `source` before the YAML files in every `ParameterTree.resolve` (idempotent)."""
    if source not in _LOCAL_SOURCES:
        _LOCAL_SOURCES.append(source)


def unregister_local_values(source: LocalValues) -> None:
    """Stop consulting `source`."""
    if source in _LOCAL_SOURCES:
        _LOCAL_SOURCES.remove(source)


@contextmanager
def without_local_values() -> Iterator[None]:
    """The shipped YAML alone, e.g. to test the rules files themselves (`ablework rules test`)."""
    saved = list(_LOCAL_SOURCES)
    _LOCAL_SOURCES.clear()
    try:
        yield
    finally:
        _LOCAL_SOURCES[:] = saved


def local_codes() -> frozenset[str]:
    """Every region code with a local value: such a level can differ from its neighbours."""
    return frozenset(code for source in _LOCAL_SOURCES for code in source.codes())


def local_value(name: str, chain: Sequence[str], on: date) -> Resolved | None:
    """The local value in force on `on` at the most specific level of `chain` that has one."""
    for code in chain:
        for source in _LOCAL_SOURCES:
            dated = source.value_on(name, code, on)
            if dated is not None:
                return Resolved(name, dated, code)
    return None


@dataclass
class ParameterTree:
    """All parameter files of a country: national definitions and regional overrides."""

    national: dict[str, Parameter] = field(default_factory=dict)
    regional: dict[str, dict[str, Parameter]] = field(default_factory=dict)

    def definition(self, name: str) -> Parameter:
        """The national file of a parameter (its description and unit)."""
        try:
            return self.national[name]
        except KeyError:
            raise KeyError(f"unknown parameter {name!r}") from None

    def resolve(self, name: str, chain: Sequence[str], on: date) -> Resolved | None:
        """The value in force on `on` for the most specific level of `chain` that states one."""
        national = self.definition(name)
        if chain and (local := local_value(name, chain, on)) is not None:
            return local
        for code in chain:
            parameter = self.regional.get(code, {}).get(name)
            dated = parameter.value_on(on) if parameter else None
            if dated is not None:
                # a change whose figure is not sourced: missing here, never a wider level's value
                return None if dated.unsourced else Resolved(name, dated, code)
        dated = national.value_on(on)
        if dated is None or dated.unsourced:
            return None
        return Resolved(name, dated, NATIONAL)

    def all_parameters(self) -> Iterable[Parameter]:
        """Every file, national first."""
        yield from self.national.values()
        for parameters in self.regional.values():
            yield from parameters.values()


def load_parameter_tree(root: Path) -> ParameterTree:
    """Load `root/national/**.yaml` and every `root/<code>[-name]/**.yaml` override folder."""
    tree = ParameterTree()
    national = root / NATIONAL
    if not national.is_dir():
        raise InvalidParameterFile(f"{national}: the national parameter folder is missing")
    tree.national = _load_folder(national)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != NATIONAL):
        match = REGION_FOLDER.match(folder.name)
        if not match:
            raise InvalidParameterFile(f"{folder}: a region folder is named <code>[-name]")
        parameters = _load_folder(folder)
        for name, parameter in parameters.items():
            _check_override(tree, name, parameter)
        tree.regional.setdefault(match["code"], {}).update(parameters)
    return tree


def _check_override(tree: ParameterTree, name: str, parameter: Parameter) -> None:
    """A regional file must override a national definition of the same unit."""
    national = tree.national.get(name)
    if national is None:
        raise InvalidParameterFile(f"{parameter.path}: no national definition of {name}")
    if national.unit != parameter.unit:
        raise InvalidParameterFile(f"{parameter.path}: unit {parameter.unit} != {national.unit}")


def _load_folder(folder: Path) -> dict[str, Parameter]:
    """Every YAML file under a folder, named by its relative path (`levy/quota_ratio`)."""
    parameters: dict[str, Parameter] = {}
    for path in sorted(folder.rglob("*.yaml")):
        name = ".".join(path.relative_to(folder).with_suffix("").parts)
        parameters[name] = load_parameter_file(path, name)
    return parameters


def load_parameter_file(path: Path, name: str) -> Parameter:
    """Read and check one parameter file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InvalidParameterFile(f"{path}: not valid YAML ({error})") from None
    if not isinstance(raw, dict):
        raise InvalidParameterFile(f"{path}: expected a mapping")
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise InvalidParameterFile(f"{path}: missing {', '.join(missing)}")
    unit = raw["unit"]
    if unit not in UNITS:
        raise InvalidParameterFile(f"{path}: unknown unit {unit!r}")
    reference = _reference(path, raw["reference"])
    confidence = _confidence(path, raw.get("confidence", "S"))
    values = _values(path, unit, raw["values"] or {}, reference, confidence)
    reviewed = raw["last_reviewed_on"]
    if not isinstance(reviewed, date):
        raise InvalidParameterFile(f"{path}: last_reviewed_on must be a date")
    return Parameter(
        name=name,
        description=str(raw["description"]),
        description_en=str(raw.get("description_en", raw["description"])),
        unit=unit,
        reference=reference,
        confidence=confidence,
        values=values,
        last_reviewed_on=reviewed,
        path=path,
    )


def _reference(path: Path, raw: object) -> Reference:
    """Parse a reference mapping; the title is required."""
    if not isinstance(raw, Mapping) or not raw.get("title"):
        raise InvalidParameterFile(f"{path}: reference needs a title")
    article = raw.get("article")
    url = raw.get("url")
    return Reference(str(raw["title"]), str(article) if article else None, url and str(url))


def _confidence(path: Path, raw: object) -> str:
    """A confidence tag of the rules spec: V (seen), S (secondary), K (unverified)."""
    if raw not in CONFIDENCE_TAGS:
        raise InvalidParameterFile(f"{path}: confidence must be V, S or K")
    return str(raw)


def _values(
    path: Path, unit: str, raw: Mapping[object, object], reference: Reference, confidence: str
) -> tuple[DatedValue, ...]:
    """Parse the dated values, sorted by date."""
    values = []
    for key, entry in raw.items():
        if isinstance(key, date) and isinstance(entry, Mapping) and "unsourced" in entry:
            values.append(_unsourced(path, key, entry, reference, confidence))
            continue
        if not isinstance(key, date) or not isinstance(entry, Mapping) or "value" not in entry:
            raise InvalidParameterFile(f"{path}: values are `YYYY-MM-DD: {{value: ...}}`")
        values.append(
            DatedValue(
                effective_from=key,
                value=coerce_value(path, unit, entry["value"]),
                reference=_reference(path, entry["reference"])
                if "reference" in entry
                else reference,
                confidence=_confidence(path, entry.get("confidence", confidence)),
                note=str(entry["note"]) if entry.get("note") else None,
            )
        )
    return tuple(sorted(values, key=lambda value: value.effective_from))


def _unsourced(
    path: Path, key: date, entry: Mapping[object, object], reference: Reference, confidence: str
) -> DatedValue:
    """`{unsourced: true, note: …}`: a change on that date whose figure was not found."""
    if entry.get("unsourced") is not True or "value" in entry or not entry.get("note"):
        raise InvalidParameterFile(
            f"{path}: {key}: an unsourced change is `{{unsourced: true, note: why}}`, with no value"
        )
    return DatedValue(
        effective_from=key,
        value=None,
        reference=_reference(path, entry["reference"]) if "reference" in entry else reference,
        confidence=_confidence(path, entry.get("confidence", confidence)),
        note=str(entry["note"]),
        unsourced=True,
    )


def coerce_value(path: Path | str, unit: str, raw: object) -> Any:
    """Check a raw value against its unit; decimals must be written as strings, never floats."""
    if raw is None:
        return None
    if unit in DECIMAL_UNITS:
        if isinstance(raw, Decimal):
            return raw
        if isinstance(raw, (bool, float)) or not isinstance(raw, str | int):
            raise InvalidParameterFile(f'{path}: {unit} values are quoted decimals, e.g. "0.5"')
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise InvalidParameterFile(f"{path}: {raw!r} is not a decimal") from None
    checks: dict[str, type | tuple[type, ...]] = {
        "boolean": bool,
        "date": date,
        "code": str,
        "month": str,
        "grades": list,
        "codes": list,
    }
    expected = checks.get(unit, int)
    if not isinstance(raw, expected) or (expected is int and isinstance(raw, bool)):
        raise InvalidParameterFile(f"{path}: {raw!r} does not fit unit {unit}")
    if unit == "month" and not re.fullmatch(r"\d{4}-\d{2}", str(raw)):
        raise InvalidParameterFile(f"{path}: months are written YYYY-MM")
    if unit == "grades" and not all(isinstance(item, int) for item in raw):  # type: ignore[attr-defined]
        raise InvalidParameterFile(f"{path}: grades are a list of integers")
    return raw
