"""Writing the dated certificate history: a reassessment, a renewal, a revocation, the holder's
death. Each event keeps the person's current certificate fields in step (category, grade,
number, status and valid-until are what the history says today), advances the person's version
(core/versioning.py) and is audited as one of the person's steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit, snapshot
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.certificates import MonthReason, state_on
from ablework.registry.history import start_history
from ablework.registry.models import (
    CertificateEvent,
    CertificateEventKind,
    CertificateEventSource,
    CertificateStatus,
    DisabilityCategory,
    DisabilityGrade,
    Person,
)
from ablework.registry.services.persons import (
    fill_protected_columns,
    person_changes,
    require_active,
)

# The person's fields that follow from the history.
AUDITED_CERTIFICATE_FIELDS = (
    "certificate_number",
    "disability_category",
    "disability_grade",
    "certificate_status",
    "certificate_valid_until",
)
# What staff may record on the record page (an issue is recorded at registration or import).
STAFF_KINDS = (
    CertificateEventKind.REASSESSED,
    CertificateEventKind.RENEWED,
    CertificateEventKind.REVOKED,
)
_STATUS = {
    MonthReason.VALID: CertificateStatus.VALID,
    MonthReason.EXPIRED: CertificateStatus.EXPIRED,
    MonthReason.REVOKED: CertificateStatus.REVOKED,
    MonthReason.DEAD: CertificateStatus.DECEASED,
}


def _renumbered(number: str, category: int, grade: int) -> str:
    """The certificate number after a reassessment: the same 18-digit ID, the new category and
    grade digits (rules.md R7.1), any suffix kept."""
    if len(number) < 20:
        return number
    return f"{number[:18]}{category}{grade}{number[20:]}"


def _check(
    *,
    person: Person,
    kind: str,
    on: date,
    category: int | None,
    grade: int | None,
    valid_until: date | None,
) -> None:
    if kind not in CertificateEventKind.values or kind == CertificateEventKind.ISSUED:
        raise Invalid(_("未知的证件事项。"), field="kind")
    if on > timezone.localdate():
        raise Invalid(_("生效日期不能晚于今天。"), field="effective_on")
    if person.certificate_status == CertificateStatus.DECEASED:
        raise Conflict(_("持证人已死亡，证件不能再变更。"), field="kind")
    if category is not None and category not in DisabilityCategory.values:
        raise Invalid(_("未知的残疾类别。"), field="disability_category")
    if grade is not None and grade not in DisabilityGrade.values:
        raise Invalid(_("未知的残疾等级。"), field="disability_grade")
    if kind == CertificateEventKind.REASSESSED and (
        (category or person.disability_category),
        (grade or person.disability_grade),
    ) == (person.disability_category, person.disability_grade):
        raise Invalid(_("重新评定须填写与现在不同的残疾类别或等级。"), field="disability_grade")
    if kind == CertificateEventKind.RENEWED and valid_until is None:
        raise Invalid(_("换证延期须填写新的证件有效期。"), field="valid_until")
    if valid_until is not None and valid_until < on:
        raise Invalid(_("证件有效期不能早于生效日期。"), field="valid_until")


def add_certificate_event(
    *,
    person: Person,
    kind: str,
    on: date,
    source: str,
    recorded_by: User | None = None,
    category: int | None = None,
    grade: int | None = None,
    valid_until: date | None = None,
    source_detail: str = "",
) -> tuple[CertificateEvent, dict[str, list[Any]]]:
    """Record one event and bring the person's current fields in step; returns the event and
    old → new for the audit, which the caller writes (it knows why: staff, a comparison …).
    Call inside the caller's transaction."""
    require_active(person)
    _check(person=person, kind=kind, on=on, category=category, grade=grade, valid_until=valid_until)
    reassessed = kind == CertificateEventKind.REASSESSED
    relevant = reassessed or kind == CertificateEventKind.RENEWED
    before = snapshot(person, AUDITED_CERTIFICATE_FIELDS)
    start_history(person)
    advance_version(person)  # before the write: a concurrent step is refused, not lost
    if reassessed:
        person.certificate_number = _renumbered(
            person.certificate_number,
            category or person.disability_category,
            grade or person.disability_grade,
        )
        fill_protected_columns(person)
    event = CertificateEvent.objects.create(
        person=person,
        kind=kind,
        effective_on=on,
        disability_category=category if reassessed else None,
        disability_grade=grade if reassessed else None,
        valid_until=valid_until if relevant else None,
        certificate_hash=person.certificate_hash if reassessed else "",
        certificate_masked=person.certificate_masked if reassessed else "",
        source=source,
        source_detail=source_detail.strip()[:200],
        recorded_by=recorded_by,
    )
    follow_history(person)
    person.save()
    changes = person_changes(before, snapshot(person, AUDITED_CERTIFICATE_FIELDS))
    changes["certificate_event"] = [None, str(CertificateEventKind(kind).label)]
    return event, changes


def follow_history(person: Person) -> None:
    """Set the person's current category, grade, status and valid-until from the history as of
    today (unsaved). A person without events keeps what the record says."""
    events = list(person.certificate_events.order_by("id"))
    if not events:
        return
    state = state_on(events, timezone.localdate())
    person.disability_category = state.category or person.disability_category
    person.disability_grade = state.grade or person.disability_grade
    person.certificate_valid_until = state.valid_until
    person.certificate_status = _STATUS.get(state.reason, person.certificate_status)


def record_certificate_event(
    *,
    actor: User,
    person: Person,
    kind: str,
    on: date,
    category: int | None = None,
    grade: int | None = None,
    valid_until: date | None = None,
    source_detail: str = "",
) -> CertificateEvent:
    """Staff record a reassessment, a renewal or a revocation from the record page."""
    if kind not in STAFF_KINDS:
        raise Invalid(_("此处只能登记重新评定、换证延期或注销。"), field="kind")
    with transaction.atomic():
        event, changes = add_certificate_event(
            person=person,
            kind=kind,
            on=on,
            source=CertificateEventSource.STAFF,
            recorded_by=actor,
            category=category,
            grade=grade,
            valid_until=valid_until,
            source_detail=source_detail,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_CERTIFICATE_EVENT,
            target=person,
            changes=changes,
            detail={"certificate_event": event.pk, "source_detail": event.source_detail},
        )
    return event
