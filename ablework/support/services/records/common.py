"""What the four record services share: every problem of the input at once (each on its
field), the day of a record, the record being corrected on the version its form was opened
with, the audit record and the queue's refresh, all in the write's transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.models import Person
from ablework.support.access import RECORD, access_record, person_for_support
from ablework.support.audit_actions import SupportAction
from ablework.support.models import PersonRecord
from ablework.support.services.cases import refresh_cases

R = TypeVar("R", bound=PersonRecord)


class RecordInvalid(FieldsInvalid):
    """The record's input breaks one or more rules, each problem on its field."""


class Problems:
    """Collects the problems of one input; `raise_any()` raises them together."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, []).append(message)

    def day(self, field: str, value: date | None, *, label: str) -> None:
        """A record's day: given, and not after today (in China)."""
        if value is None:
            self.add(field, _("请填写%(label)s。") % {"label": label})
        elif value > timezone.localdate():
            self.add(field, _("%(label)s不能晚于今天。") % {"label": label})

    def choice(self, field: str, value: str, choices: Any, *, label: str) -> None:
        if value not in choices.values:
            self.add(field, _("请选择%(label)s。") % {"label": label})

    def text(self, field: str, value: str, *, label: str, limit: int, required: bool) -> None:
        if required and not value.strip():
            self.add(field, _("请填写%(label)s。") % {"label": label})
        elif len(value.strip()) > limit:
            self.add(
                field,
                _("%(label)s最多 %(limit)d 个字，现在有 %(count)d 个。")
                % {"label": label, "limit": limit, "count": len(value.strip())},
            )

    def raise_any(self) -> None:
        if self.found:
            raise RecordInvalid(self.found)


def write_record(
    *,
    actor: User,
    person_id: int,
    model: type[R],
    action: SupportAction,
    record_id: int | None,
    version: int | None,
    fill: Callable[[R, Person], None],
    audited: tuple[str, ...],
    before_save: Callable[[R, Person], None] | None = None,
    reached: Person | None = None,
) -> R:
    """Create a record of `model` for the person (record_id None) or correct one of theirs on
    the version seen (a correction over another's is refused: StaleRecord, 409); `fill` sets
    its fields from the input. Audited with the changes of `audited` fields, and the queue's
    rows of the person refreshed, in one transaction. `reached`: the person, when the caller
    has already reached them through its own access check (a new record only)."""
    with transaction.atomic():
        if reached is not None and reached.pk == person_id and record_id is None:
            person = reached
        else:
            person = person_for_support(actor, person_id, permission=RECORD)
        if record_id is None:
            record = model(person=person, recorded_by=actor)
            before: dict[str, Any] = {}
        else:
            record = access_record(actor, model, record_id, permission=RECORD)
            if record.person_id != person.pk:
                raise Invalid(_("该记录不属于此人。"))
            advance_version(record, seen=version)
            before = {name: _plain(getattr(record, name)) for name in audited}
        fill(record, person)
        if before_save is not None:
            before_save(record, person)
        record.save()
        after = {name: _plain(getattr(record, name)) for name in audited}
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE if record_id is None else AuditKind.CHANGE,
            action=action,
            target=record,
            target_label=str(_("%(name)s的%(record)s"))
            % {"name": person.name, "record": model._meta.verbose_name},
            changes={
                name: [before.get(name), after[name]]
                for name in audited
                if before.get(name) != after[name]
            },
        )
        refresh_cases(person_ids=[person.pk])
    return record


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it (dates and decimals as text)."""
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)
