"""Dated history: a change closes the open period and opens a new one; nothing is overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import Enum
from typing import Any

from django.utils import timezone

from ablework.registry.certificates import (
    CERTIFICATE_FIELDS,
    events_from_change,
    events_from_record,
)
from ablework.registry.models import (
    CertificateEvent,
    CertificateEventSource,
    EmploymentPeriod,
    FlagKind,
    Person,
    PersonFlag,
)


class _LookUp(Enum):
    LOOK_UP = "look up"


# `current=LOOK_UP` (the default): the open period or flag is read from the database. A caller
# that already loaded it passes it instead, or None when it knows none is open.
LOOK_UP = _LookUp.LOOK_UP


def same_employment(
    current: EmploymentPeriod | None, status: str, kind: str, employer_name: str
) -> bool:
    """Whether the open period already has this status, kind and employer."""
    return current is not None and (current.status, current.kind, current.employer_name) == (
        status,
        kind,
        employer_name,
    )


def change_employment_status(
    *,
    person: Person,
    status: str,
    kind: str = "",
    employer_name: str = "",
    on: date,
    source: str = "",
    current: EmploymentPeriod | _LookUp | None = LOOK_UP,
) -> EmploymentPeriod | None:
    """Record a status from `on`; returns the new period, or None when nothing changed.

    `current` is the person's open period when the caller already has it (None: none is open).
    Call inside the caller's transaction; the caller saves `person` and writes the audit record.
    """
    if current is LOOK_UP:
        current = open_period(person)
    if same_employment(current, status, kind, employer_name):
        return None
    if current is not None:
        current.ended_on = max(current.started_on, on - timedelta(days=1))
        current.save(update_fields=["ended_on"])
    person.employment_status = status
    person.employment_kind = kind
    return EmploymentPeriod.objects.create(
        person=person,
        status=status,
        kind=kind,
        employer_name=employer_name,
        started_on=on,
        source=source,
    )


def open_period(person: Person) -> EmploymentPeriod | None:
    """The person's open employment period, if any."""
    return person.employment_periods.filter(ended_on__isnull=True).first()


def set_flag(
    *,
    person: Person,
    kind: FlagKind | str,
    active: bool,
    on: date,
    source: str = "",
    current: PersonFlag | _LookUp | None = LOOK_UP,
) -> PersonFlag | None:
    """Open (active) or close (not active) a dated flag; returns what changed, or None.

    `current` is the person's open flag of this kind when the caller already has it (None: none
    is open).
    """
    if current is LOOK_UP:
        current = person.flags.filter(kind=kind, ended_on__isnull=True).first()
    if active and current is None:
        return PersonFlag.objects.create(person=person, kind=kind, started_on=on, source=source)
    if not active and current is not None:
        current.ended_on = max(current.started_on, on)
        current.save(update_fields=["ended_on"])
        return current
    return None


def start_history(
    person: Person,
    *,
    record: Mapping[str, Any] | None = None,
    source: str = CertificateEventSource.EARLIER_RECORD,
) -> None:
    """Give a person without history the events their record stands for (registry/
    certificates.py `events_from_record`): at registration, and before a first event. `record`
    holds the CERTIFICATE_FIELDS as they were, when the person's are already changed."""
    if person.certificate_events.exists():
        return
    was = record or {name: getattr(person, name) for name in CERTIFICATE_FIELDS}
    CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(
                person=person,
                source=source,
                certificate_hash=was["certificate_hash"] if values["kind"] == "issued" else "",
                certificate_masked=was["certificate_masked"] if values["kind"] == "issued" else "",
                **values,
            )
            for values in events_from_record(
                category=was["disability_category"],
                grade=was["disability_grade"],
                status=was["certificate_status"],
                valid_until=was["certificate_valid_until"],
                last_change=timezone.localdate(person.updated_at)
                if person.updated_at
                else timezone.localdate(),
            )
        ]
    )


def record_certificate_change(
    person: Person, *, before: Mapping[str, Any], on: date, recorded_by: Any, source: str
) -> list[CertificateEvent]:
    """The events a direct change of the person's certificate fields means (`before` → the
    person's values now; registry/certificates.py `events_from_change`), written after the
    person's earlier history is started from `before`."""
    after = {name: getattr(person, name) for name in CERTIFICATE_FIELDS}
    if after == dict(before):
        return []
    start_history(person, record=before)
    return CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(person=person, source=source, recorded_by=recorded_by, **values)
            for values in events_from_change(before, after, on=on)
        ]
    )


def correct_certificate_history(person: Person, *, old_hash: str) -> None:
    """A corrected certificate number (a typing mistake, not a reassessment) corrects the events
    that carried the mistyped one: their number, category and grade become the corrected ones;
    a person without history starts it from the corrected record."""
    if not person.certificate_events.exists():
        start_history(person)
        return
    mistyped = person.certificate_events.filter(certificate_hash=old_hash) if old_hash else None
    if mistyped is None or not mistyped.exists():  # none carries a number: the first issue does
        mistyped = person.certificate_events.filter(
            pk__in=person.certificate_events.filter(kind="issued").order_by("id").values("pk")[:1]
        )
    mistyped.update(
        certificate_hash=person.certificate_hash,
        certificate_masked=person.certificate_masked,
        disability_category=person.disability_category,
        disability_grade=person.disability_grade,
    )
