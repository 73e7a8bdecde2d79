"""Changes another department's evidence makes to a person's record, once a reviewer accepts
them (`exchange/comparison/decisions.py`): the registry's own writes, through its dated
history. The caller holds the transaction and audits the decision with the list it came from."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.versioning import advance_version
from ablework.registry.history import change_employment_status, open_period, set_flag
from ablework.registry.models import (
    CertificateEventKind,
    CertificateEventSource,
    CertificateStatus,
    EmploymentStatus,
    Person,
)
from ablework.registry.services.certificates import add_certificate_event
from ablework.registry.services.persons import require_active


def record_death(
    *, person: Person, on: date | None = None, source: str = "", actor: User | None = None
) -> dict[str, list[Any]]:
    """The holder's death ends the certificate from `on` (today when the evidence has no date):
    a "holder died" event in the certificate history, the status following from it; returns
    old → new for the audit (nothing when the death is already recorded)."""
    require_active(person)
    if person.certificate_status == CertificateStatus.DECEASED:
        return {}
    _event, changes = add_certificate_event(
        person=person,
        kind=CertificateEventKind.HOLDER_DIED,
        on=on or timezone.localdate(),
        source=CertificateEventSource.COMPARISON,
        recorded_by=actor,
        source_detail=source,
    )
    return changes


def record_flag_evidence(
    *, person: Person, flag_kind: str, on: date, source: str
) -> dict[str, list[Any]]:
    """Open a flag the evidence shows, from `on`; returns the change (none if already open)."""
    require_active(person)
    flag = set_flag(person=person, kind=flag_kind, active=True, on=on, source=source)
    if flag:
        advance_version(person)  # the accepted change is audited as one of the person's steps
    return {f"flag.{flag_kind}": [False, True]} if flag else {}


def record_employment_evidence(
    *, person: Person, kind: str, employer_name: str, on: date, source: str
) -> dict[str, list[Any]]:
    """Record employment the evidence shows, from `on` (never before the open period began);
    returns old → new for the audit, nothing when the record already says so."""
    require_active(person)
    status_before = [person.employment_status, person.employment_kind]
    current = open_period(person)
    opened = change_employment_status(
        person=person,
        status=EmploymentStatus.EMPLOYED,
        kind=kind,
        employer_name=employer_name,
        on=max(on, current.started_on) if current else on,
        source=source,
        current=current,
    )
    if opened is None:
        return {}
    advance_version(person)
    person.save(update_fields=["employment_status", "employment_kind", "updated_at"])
    return {
        "employment_status": [status_before[0], person.employment_status],
        "employment_kind": [status_before[1], person.employment_kind],
        "employer_name": [current.employer_name if current else "", employer_name],
    }
