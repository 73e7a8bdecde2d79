"""Optimistic locking: an editable record carries a `version` that every write advances in one
guarded UPDATE, so a form opened on an older version is refused instead of overwriting a change
it never saw (a lost update), and the audit trail only records changes that happened."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ablework.core.errors import Conflict, ErrorCode
from ablework.core.models import AuditKind, AuditRecord

STALE_MESSAGE = _("此记录已被他人修改。请查看对方改动的内容，核对后再保存；您填写的内容仍在表中。")


class StaleRecord(Conflict):
    """The record moved on since the form was opened (`seen`); `current` is its version now."""

    code = ErrorCode.STALE_RECORD

    def __init__(self, *, target: models.Model, seen: int, current: int | None) -> None:
        super().__init__(str(STALE_MESSAGE))
        self.target = target
        self.seen = seen
        self.current = current


def advance_version(instance: Any, *, seen: int | None = None) -> None:
    """Compare-and-increment the record's version in one `UPDATE … WHERE version = seen` (the
    instance's own version by default); raise StaleRecord when another write moved it. Call
    inside the write's transaction, before the write and its audit record: the row then stays
    locked until the transaction ends, so nothing slips in between."""
    seen = instance.version if seen is None else seen
    rows = type(instance)._default_manager.filter(pk=instance.pk, version=seen)
    if not rows.update(version=F("version") + 1):
        current = (
            type(instance)
            ._default_manager.filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        raise StaleRecord(target=instance, seen=seen, current=current)
    instance.version = seen + 1


def advance_versions(rows: models.QuerySet[Any]) -> int:
    """Advance the version of every record in `rows` (a bulk write: an import, a check round),
    so forms opened before it are refused after it; returns how many."""
    return rows.update(version=F("version") + 1)


def changes_since(error: StaleRecord, *, actions: Collection[str]) -> Sequence[AuditRecord]:
    """The change records written since the version the refused form was opened with, newest
    first: each version step writes exactly one record of its target with one of `actions`
    (the app's writes that advance the version)."""
    if error.current is None or error.current <= error.seen:
        return []
    target = error.target
    return list(
        AuditRecord.objects.filter(
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            kind=AuditKind.CHANGE,
            action__in=[str(action) for action in actions],
        ).order_by("-at", "-id")[: error.current - error.seen]
    )
