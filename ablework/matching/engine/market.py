"""Read the contract's market JSON (`as_of`, `persons`, `postings`) into typed records, or
refuse it with every problem named by its path (`persons[3].abilities.read_scren：…`).

Money is read as Decimal from strings (or whole numbers) and kept as integer fen, so every
comparison of wages is exact; a float amount is refused, as it cannot say a fen exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from ablework.matching.engine.errors import InvalidMarket, Problem
from ablework.matching.engine.vocabulary import (
    ACCOMMODATION_LABELS,
    ADJUSTABLE,
    CAN,
    CANNOT,
    DEMAND_LABELS,
    ESSENTIAL,
    WITH,
)

MOST_PROBLEMS = 50
T = TypeVar("T")

# A person's ability for one demand: CAN, CANNOT, or the accommodations any one of which is enough.
Ability = str | frozenset[str]


@dataclass(frozen=True)
class Person:
    id: str
    lat: float
    lon: float
    commute_km: float
    accepts_remote: bool
    max_hours_per_week: float
    wage_floor_fen: int
    abilities: Mapping[str, Ability]
    needs: tuple[str, ...]
    skills: str
    occupations: tuple[str, ...]

    def ability(self, demand: str) -> Ability:
        """Demands not listed are `can`."""
        return self.abilities.get(demand, CAN)


@dataclass(frozen=True)
class Posting:
    id: str
    status: str
    valid_until: date
    openings_left: int
    lat: float
    lon: float
    minimum_wage_fen: int
    wage_min_fen: int
    wage_max_fen: int
    hours_per_week: float
    demands: Mapping[str, str]
    offers: frozenset[str]
    title: str
    description: str
    occupation: str


@dataclass(frozen=True)
class Market:
    as_of: date
    persons: tuple[Person, ...]
    postings: tuple[Posting, ...]


PERSON_KEYS = frozenset(
    {"id", "home", "commute_km", "accepts_remote", "max_hours_per_week", "wage_floor"}
    | {"abilities", "needs", "skills", "occupations"}
)
POSTING_KEYS = frozenset(
    {"id", "status", "valid_until", "openings_left", "place", "minimum_wage_monthly"}
    | {"wage_min", "wage_max", "hours_per_week", "demands", "offers", "title", "description"}
    | {"occupation"}
)
MISSING = object()


class _Reader:
    """Collects the problems of one input, each at its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        if len(self.problems) < MOST_PROBLEMS:
            self.problems.append(Problem(path, message))

    def obj(self, raw: object, path: str, keys: frozenset[str] | None = None) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            self.fail(path, "应当是一个对象（{…}）")
            return {}
        for key in raw:
            if keys is not None and key not in keys:
                self.fail(f"{path}.{key}", "不是约定中的字段")
        return raw

    def field(
        self,
        raw: Mapping[str, Any],
        path: str,
        key: str,
        read: Callable[[object, str], T],
        default: object = MISSING,
    ) -> T:
        value = raw.get(key, MISSING)
        if value is MISSING:
            if default is MISSING:
                if raw:  # an object that is not one was reported already
                    self.fail(f"{path}.{key}", "缺少这个字段")
                return read(_SKIP, f"{path}.{key}")
            return default  # type: ignore[return-value]
        return read(value, f"{path}.{key}")

    def text(self, value: object, path: str) -> str:
        if value is _SKIP:
            return ""
        if not isinstance(value, str):
            self.fail(path, "应当是文字")
            return ""
        return value

    def ident(self, value: object, path: str) -> str:
        if value is not _SKIP and (not isinstance(value, str) or not value.strip()):
            self.fail(path, "编号应当是非空的文字")
            return ""
        return value if isinstance(value, str) else ""

    def boolean(self, value: object, path: str) -> bool:
        if value is not _SKIP and not isinstance(value, bool):
            self.fail(path, "应当是 true 或 false")
        return value is True

    def number(self, value: object, path: str) -> float:
        if value is _SKIP:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.fail(path, "应当是一个数")
            return 0.0
        number = float(value)
        if not math.isfinite(number) or number < 0:
            self.fail(path, "应当是不小于 0 的数")
            return 0.0
        return number

    def count(self, value: object, path: str) -> int:
        if value is _SKIP:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(path, "应当是不小于 0 的整数")
            return 0
        return value

    def fen(self, value: object, path: str) -> int:
        """An amount of yuan, to the fen, as integer fen."""
        if value is _SKIP:
            return 0
        if isinstance(value, float):
            self.fail(path, '金额应当写成文字，例如 "2200.00"（小数不能精确到分）')
            return 0
        try:
            if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
                raise InvalidOperation
            amount = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            self.fail(path, '应当是金额，例如 "2200.00"')
            return 0
        if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
            self.fail(path, "金额应当不小于 0，且最多精确到分（两位小数）")
            return 0
        return int(amount * 100)

    def day(self, value: object, path: str) -> date:
        if value is _SKIP:
            return date.min
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(path, "应当是日期，例如 2026-06-01")
            return date.min

    def point(self, value: object, path: str) -> tuple[float, float]:
        if value is _SKIP:
            return 0.0, 0.0
        raw = self.obj(value, path, frozenset({"lat", "lon"}))
        lat, lon = raw.get("lat", MISSING), raw.get("lon", MISSING)
        for key, found, most in (("lat", lat, 90), ("lon", lon, 180)):
            if raw and found is MISSING:
                self.fail(f"{path}.{key}", "缺少这个字段")
            elif found is not MISSING and (
                isinstance(found, bool)
                or not isinstance(found, int | float)
                or not -most <= found <= most
            ):
                self.fail(f"{path}.{key}", f"应当是 -{most} 到 {most} 之间的度数")
                return 0.0, 0.0
        if not isinstance(lat, int | float) or not isinstance(lon, int | float):
            return 0.0, 0.0
        return float(lat), float(lon)

    def codes(self, value: object, path: str) -> tuple[str, ...]:
        if value is _SKIP:
            return ()
        if not isinstance(value, list):
            self.fail(path, "应当是便利条件代码的列表")
            return ()
        found: list[str] = []
        for index, code in enumerate(value):
            if not isinstance(code, str) or code not in ACCOMMODATION_LABELS:
                self.fail(f"{path}[{index}]", f"没有这项便利条件：{code}")
            elif code not in found:
                found.append(code)
        return tuple(found)

    def texts(self, value: object, path: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            if value is not _SKIP:
                self.fail(path, "应当是文字的列表")
            return ()
        return tuple(value)

    def abilities(self, value: object, path: str) -> dict[str, Ability]:
        found: dict[str, Ability] = {}
        for demand, ability in self.obj(value, path).items():
            where = f"{path}.{demand}"
            if demand not in DEMAND_LABELS:
                self.fail(where, f"没有这项工作要求：{demand}")
            elif ability in (CAN, CANNOT):
                found[demand] = ability
            elif isinstance(ability, Mapping) and set(ability) == {WITH}:
                chosen = self.codes(ability[WITH], f"{where}.{WITH}")
                if ability[WITH] == []:
                    self.fail(f"{where}.{WITH}", "借助便利条件时，至少要列出一项便利条件")
                found[demand] = frozenset(chosen)
            else:
                self.fail(where, '能力只能是 "can"、"cannot" 或 {"with": [便利条件…]}')
        return found

    def demands(self, value: object, path: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for demand, mark in self.obj(value, path).items():
            if demand not in DEMAND_LABELS:
                self.fail(f"{path}.{demand}", f"没有这项工作要求：{demand}")
            elif mark not in (ESSENTIAL, ADJUSTABLE):
                self.fail(f"{path}.{demand}", '应当是 "essential"（必需）或 "adjustable"（可调整）')
            else:
                found[demand] = mark
        return found


_SKIP = object()  # a missing required field: already reported, read as an empty value


def read_market(raw: object) -> Market:
    """The market of the contract's JSON, or InvalidMarket naming every problem's path."""
    reader = _Reader()
    top = reader.obj(raw, "(input)", frozenset({"as_of", "persons", "postings"}))
    as_of = reader.field(top, "", "as_of", reader.day)
    persons = tuple(
        _person(reader, item, f"persons[{i}]")
        for i, item in enumerate(_list(reader, top, "persons"))
    )
    postings = tuple(
        _posting(reader, item, f"postings[{i}]")
        for i, item in enumerate(_list(reader, top, "postings"))
    )
    for kind, ids in (("persons", [p.id for p in persons]), ("postings", [p.id for p in postings])):
        seen: set[str] = set()
        for index, record_id in enumerate(ids):
            if record_id in seen:
                reader.fail(f"{kind}[{index}].id", f"编号 {record_id} 重复")
            seen.add(record_id)
    if reader.problems:
        raise InvalidMarket(reader.problems)
    return Market(as_of=as_of, persons=persons, postings=postings)


def _list(reader: _Reader, top: Mapping[str, Any], key: str) -> list[Any]:
    value = top.get(key, MISSING)
    if not isinstance(value, list):
        if top or value is not MISSING:
            reader.fail(
                key, "缺少这个字段，或它不是一个列表" if value is MISSING else "应当是一个列表"
            )
        return []
    return value


def _person(reader: _Reader, item: object, path: str) -> Person:
    raw = reader.obj(item, path, PERSON_KEYS)
    lat, lon = reader.field(raw, path, "home", reader.point)
    return Person(
        id=reader.field(raw, path, "id", reader.ident),
        lat=lat,
        lon=lon,
        commute_km=reader.field(raw, path, "commute_km", reader.number),
        accepts_remote=reader.field(raw, path, "accepts_remote", reader.boolean, False),
        max_hours_per_week=reader.field(raw, path, "max_hours_per_week", reader.number),
        wage_floor_fen=reader.field(raw, path, "wage_floor", reader.fen),
        abilities=reader.field(raw, path, "abilities", reader.abilities, {}),
        needs=reader.field(raw, path, "needs", reader.codes, ()),
        skills=reader.field(raw, path, "skills", reader.text, ""),
        occupations=reader.field(raw, path, "occupations", reader.texts, ()),
    )


def _posting(reader: _Reader, item: object, path: str) -> Posting:
    raw = reader.obj(item, path, POSTING_KEYS)
    lat, lon = reader.field(raw, path, "place", reader.point)
    posting = Posting(
        id=reader.field(raw, path, "id", reader.ident),
        status=reader.field(raw, path, "status", reader.ident),
        valid_until=reader.field(raw, path, "valid_until", reader.day),
        openings_left=reader.field(raw, path, "openings_left", reader.count),
        lat=lat,
        lon=lon,
        minimum_wage_fen=reader.field(raw, path, "minimum_wage_monthly", reader.fen),
        wage_min_fen=reader.field(raw, path, "wage_min", reader.fen),
        wage_max_fen=reader.field(raw, path, "wage_max", reader.fen),
        hours_per_week=reader.field(raw, path, "hours_per_week", reader.number),
        demands=reader.field(raw, path, "demands", reader.demands, {}),
        offers=frozenset(reader.field(raw, path, "offers", reader.codes, ())),
        title=reader.field(raw, path, "title", reader.text, ""),
        description=reader.field(raw, path, "description", reader.text, ""),
        occupation=reader.field(raw, path, "occupation", reader.text, ""),
    )
    if posting.wage_min_fen > posting.wage_max_fen:
        reader.fail(f"{path}.wage_min", "月薪下限高于上限（wage_max）")
    return posting
