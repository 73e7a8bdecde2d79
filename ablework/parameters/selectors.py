"""What the engine and the pages read: approved local values, and the rows an actor may see."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.region_names import region_full_name
from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.rules.engine.parameters import (
    DECIMAL_UNITS,
    INTEGER_UNITS,
    DatedValue,
    Reference,
)
from ablework.rules.jurisdictions.cn import parameter_tree

if TYPE_CHECKING:
    from ablework.accounts.models import User

# Bumped on every approval: a process whose snapshot carries another token reloads it.
VERSION_KEY = "parameters:local-values:version"
LOCAL_CONFIDENCE = "V"  # staff of the region vouch for it, with its reference


def rules_code(region_code: str) -> str:
    """The engine's code of a stored six-digit code (`370800` → `3708`, `370000` → `37`)."""
    if region_code.endswith("0000"):
        return region_code[:2]
    if region_code.endswith("00"):
        return region_code[:4]
    return region_code


def dated_value(row: LocalParameterValue) -> DatedValue:
    """The engine's view of one local value: its value, reference and who approved it."""
    unit = parameter_tree().definition(row.name).unit
    return DatedValue(
        effective_from=row.effective_from,
        value=typed_value(unit, row.value),
        reference=Reference(row.reference),
        confidence=LOCAL_CONFIDENCE,
        note=f"本地参数（编号 {row.pk}）",
    )


def typed_value(unit: str, text: str) -> Any:
    """A stored value's text as the engine's value: Decimal (exact), int, date, bool or str."""
    if unit in DECIMAL_UNITS:
        return Decimal(text)
    if unit in INTEGER_UNITS:
        return int(text)
    if unit == "date":
        return date.fromisoformat(text)
    if unit == "boolean":
        return text == "true"
    return text


def parameter_description(name: str) -> str:
    """The parameter's description as its national file states it, without a closing
    parenthesised explanation (the name when there is no such parameter)."""
    try:
        text = parameter_tree().definition(name).description
    except KeyError:
        return name
    opening = text.rfind("（")
    return text[:opening] if text.endswith("）") and opening > 0 else text


class ParameterDescriptions(Mapping[str, str]):
    """Parameter names → descriptions, read when first needed (audit labels the names so)."""

    def __getitem__(self, name: str) -> str:
        if name not in parameter_tree().national:
            raise KeyError(name)
        return parameter_description(name)

    def __iter__(self) -> Iterator[str]:
        return iter(parameter_tree().national)

    def __len__(self) -> int:
        return len(parameter_tree().national)


def value_label(row: LocalParameterValue) -> str:
    """What a person reads: `最低月工资标准 · 济宁市任城区 · 2025-01-01 起：2200`."""
    return (
        f"{parameter_description(row.name)} · {region_full_name(row.region_code)} · "
        f"{row.effective_from.isoformat()} 起：{row.value}"
    )


@dataclass
class _Snapshot:
    token: str | None = None
    loaded_at: float = 0.0
    values: dict[tuple[str, str], tuple[DatedValue, ...]] = field(default_factory=dict)


class ApprovedLocalValues:
    """The approved local values, loaded in one query and kept in memory.

    Reloaded when an approval in any process changed the token in the cache, and at the latest
    after `LOCAL_PARAMETERS_CACHE_SECONDS` (the cache may be per process)."""

    def __init__(self) -> None:
        self._snapshot = _Snapshot()
        self._lock = threading.Lock()

    def value_on(self, name: str, code: str, on: date) -> DatedValue | None:
        """The approved value of `name` stated for region `code`, in force on `on`."""
        found = None
        for dated in self._current().values.get((name, code), ()):
            if dated.effective_from > on:
                break
            found = dated
        return found

    def codes(self) -> frozenset[str]:
        """The regions with an approved local value."""
        return frozenset(code for _, code in self._current().values)

    def invalidate(self) -> None:
        """After an approval: every process reloads on its next use."""
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        self._snapshot = _Snapshot()

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        token = cache.get(VERSION_KEY)
        max_age = settings.LOCAL_PARAMETERS_CACHE_SECONDS
        fresh = time.monotonic() - snapshot.loaded_at < max_age
        if token is not None and token == snapshot.token and fresh:
            return snapshot
        with self._lock:
            if token is None:
                token = uuid.uuid4().hex
                cache.set(VERSION_KEY, token, timeout=None)
            self._snapshot = _Snapshot(token, time.monotonic(), _load())
            return self._snapshot


def _load() -> dict[tuple[str, str], tuple[DatedValue, ...]]:
    values: dict[tuple[str, str], list[DatedValue]] = {}
    rows = LocalParameterValue.objects.filter(status=LocalValueStatus.APPROVED).order_by(
        "effective_from"
    )
    for row in rows:
        values.setdefault((row.name, rules_code(row.region_code)), []).append(dated_value(row))
    return {key: tuple(dated) for key, dated in values.items()}


APPROVED_LOCAL_VALUES = ApprovedLocalValues()


def local_values_visible_to(actor: User, *, region_code: str = "") -> QuerySet[LocalParameterValue]:
    """The local values inside the actor's region (optionally one region and below), newest
    first per parameter and region."""
    rows = visible(actor, LocalParameterValue, permission=Permission.PARAMETERS_MANAGE)
    if region_code:
        rows = rows.filter(region_code__startswith=rules_code(region_code))
    return rows.select_related("proposed_by", "decided_by")


def all_local_values(*, region_code: str = "") -> QuerySet[LocalParameterValue]:
    """Every local value (the system administrator at the server), optionally one region."""
    rows = LocalParameterValue.objects.all()
    if region_code:
        rows = rows.filter(region_code__startswith=rules_code(region_code))
    return rows.select_related("proposed_by", "decided_by")
