"""Dated history: a change closes the open period and opens a new one; nothing is overwritten."""

from __future__ import annotations

from datetime import date, timedelta

from ablework.registry.models import EmploymentPeriod, FlagKind, Person, PersonFlag


def change_employment_status(
    *,
    person: Person,
    status: str,
    kind: str = "",
    employer_name: str = "",
    on: date,
    source: str = "",
) -> EmploymentPeriod | None:
    """Record a status from `on`; returns the new period, or None when nothing changed.

    Call inside the caller's transaction; the caller saves `person` and writes the audit record.
    """
    current = person.employment_periods.filter(ended_on__isnull=True).first()
    if (
        current is not None
        and current.status == status
        and current.kind == kind
        and current.employer_name == employer_name
    ):
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


def set_flag(
    *, person: Person, kind: FlagKind | str, active: bool, on: date, source: str = ""
) -> PersonFlag | None:
    """Open (active) or close (not active) a dated flag; returns what changed, or None."""
    current = person.flags.filter(kind=kind, ended_on__isnull=True).first()
    if active and current is None:
        return PersonFlag.objects.create(person=person, kind=kind, started_on=on, source=source)
    if not active and current is not None:
        current.ended_on = max(current.started_on, on)
        current.save(update_fields=["ended_on"])
        return current
    return None
