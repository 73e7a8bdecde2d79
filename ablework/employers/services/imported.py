"""Writing the employers an import planned (each audited with its batch and row)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ablework.accounts.models import User
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.models import Employer
from ablework.employers.services.register import (
    AUDIT_MASKS,
    AUDITED_FIELDS,
    EmployerDetails,
    apply_details,
)


@dataclass(frozen=True)
class ImportedEmployer:
    """A row of an employers file, checked by the import's planner: a new employer (`pk`
    None) or a change to the stored one at `version`; `row` is its row in the file."""

    details: EmployerDetails
    row: int
    pk: int | None = None
    version: int = 0


def write_imported_employers(
    *, actor: User | None, employers: list[ImportedEmployer], detail: dict[str, Any]
) -> None:
    """Add or change each planned employer in file order (a parent may come earlier in the
    same file), each version advanced and audited with `detail` and its row. Call inside the
    import's transaction; the planner has checked place, scope, codes and parents. The stored
    employers and parents are read in two queries for the chunk, not two a row."""
    stored = Employer.objects.in_bulk([item.pk for item in employers if item.pk is not None])
    parents = Employer.objects.filter(
        uscc__in={item.details.parent_uscc for item in employers if item.details.parent_uscc}
    )
    by_uscc = {parent.uscc: parent for parent in parents}
    for item in employers:
        details = item.details
        parent = by_uscc[details.parent_uscc] if details.parent_uscc else None
        if item.pk is None:
            employer, before = Employer(), {}
            kind, action = AuditKind.CREATE, EmployersAction.EMPLOYER_CREATE
        else:
            employer = stored[item.pk]
            before = snapshot(employer, AUDITED_FIELDS)
            advance_version(employer, seen=item.version)
            kind, action = AuditKind.CHANGE, EmployersAction.EMPLOYER_UPDATE
        apply_details(employer, details, uscc=details.uscc, parent=parent)
        employer.save()
        by_uscc[employer.uscc] = employer  # a later row may name it as its parent
        record_audit(
            actor=actor,
            kind=kind,
            action=action,
            target=employer,
            changes=diff(before, snapshot(employer, AUDITED_FIELDS), sensitive=AUDIT_MASKS),
            detail={**detail, "row": item.row},
        )
