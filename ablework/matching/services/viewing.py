"""Logging what matching pages show of persons: the candidates page lists many job seekers at
once, so it writes one record (who, which posting, the day, how many) and notes each person it
listed as concerned by it (`core.AuditPerson`), so the view is in each one's access log, as an
export is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ablework.accounts.models import User
from ablework.core.audit import record_audit, record_audit_persons
from ablework.core.models import AuditKind
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import JobPosting
from ablework.registry.models import Person


def record_candidates_view(
    *, actor: User, posting: JobPosting, persons: Sequence[Person], on: date
) -> None:
    """Log that the actor saw these persons as candidates for the posting (none: no record)."""
    if not persons:
        return
    record = record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=MatchingAction.CANDIDATES_VIEW,
        target=posting,
        detail={"persons": len(persons), "as_of": on.isoformat()},
    )
    record_audit_persons(record, Person.objects.filter(pk__in=[p.pk for p in persons]))
