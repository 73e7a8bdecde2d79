"""Dated circumstances of a person: flags opened and ended, and training received."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.history import set_flag
from ablework.registry.models import FlagKind, Person, PersonFlag, TrainingRecord
from ablework.registry.services.persons import require_active


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise Invalid(_("日期不能晚于今天。"), field=field)


def open_flag(
    *, actor: User, person: Person, kind: FlagKind | str, on: date, source: str = ""
) -> PersonFlag:
    """Mark a person with a flag (就业困难人员, 低保家庭 …) from `on`; one open flag per kind."""
    require_active(person)
    _not_in_future(on, "started_on")
    if kind not in FlagKind.values:
        raise Invalid(_("未知的标记类型。"), field="kind")
    with transaction.atomic():
        flag = set_flag(person=person, kind=kind, active=True, on=on, source=source)
        if flag is None:
            raise Conflict(_("该人员已有这一标记且尚未结束。"), field="kind")
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_FLAG_OPEN,
            target=person,
            changes={f"flag.{kind}": [None, on.isoformat()]},
            detail={"flag_id": flag.pk, "source": source},
        )
    return flag


def end_flag(*, actor: User | None, person: Person, flag_id: int, on: date) -> PersonFlag:
    """End an open flag on `on`; the flag stays in the history with both dates. `actor` None is
    the system itself (a recognition's validity ending in the daily refresh), audited as such."""
    require_active(person)
    _not_in_future(on, "ended_on")
    flag = person.flags.filter(pk=flag_id, ended_on__isnull=True).first()
    if flag is None:
        raise NotFound(_("没有找到该标记，或它已经结束。"))
    if on < flag.started_on:
        raise Invalid(
            _("结束日期不能早于开始日期（%(day)s）。") % {"day": f"{flag.started_on:%Y-%m-%d}"},
            field="ended_on",
        )
    with transaction.atomic():
        flag.ended_on = on  # checked above: open, and `on` not before it began
        flag.save(update_fields=["ended_on"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_FLAG_END,
            target=person,
            changes={f"flag.{flag.kind}": [flag.started_on.isoformat(), on.isoformat()]},
            detail={"flag_id": flag.pk},
        )
    return flag


def add_training_record(
    *,
    actor: User,
    person: Person,
    subject: str,
    provider: str = "",
    completed_on: date | None = None,
    certificate: str = "",
    source: str = "",
) -> TrainingRecord:
    """Record vocational training a person received (实名制 training records)."""
    require_active(person)
    if not subject.strip():
        raise Invalid(_("请填写培训项目。"), field="subject")
    if completed_on is not None:
        _not_in_future(completed_on, "completed_on")
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            person=person,
            subject=subject.strip(),
            provider=provider.strip(),
            completed_on=completed_on,
            certificate=certificate.strip(),
            source=source,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_TRAINING_ADD,
            target=person,
            changes={"training": [None, record.subject]},
            detail={"training_id": record.pk},
        )
    return record
