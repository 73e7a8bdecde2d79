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
from ablework.employers.services.contacts import primary_contacts, write_primary_contact
from ablework.employers.services.register import (
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
    employers, their primary contacts and the parents are read in three queries for the chunk,
    not three a row. The 联系人 and 联系电话 columns fill the primary contact (added when there
    is none)."""
    stored = Employer.objects.in_bulk([item.pk for item in employers if item.pk is not None])
    contacts = primary_contacts(list(stored))
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
            changes=diff(before, snapshot(employer, AUDITED_FIELDS)),
            detail={**detail, "row": item.row},
        )
        contact = contacts.get(employer.pk)
        stored_contact = (contact.name, contact.phone or "") if contact else ("", "")
        if (details.contact_name, details.contact_phone) != stored_contact:
            write_primary_contact(
                actor=actor,
                employer=employer,
                name=details.contact_name,
                phone=details.contact_phone,
                detail={**detail, "row": item.row},
            )
