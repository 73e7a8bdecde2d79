"""What staff read of employment difficulty that the audit trail records: a proof opened, and
the list of recognised persons exported (naming each person in it)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit, record_audit_persons
from ablework.core.errors import NotFound
from ablework.core.models import AuditKind
from ablework.registry.models import Person
from ablework.support.access import VIEW, access_application
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import DifficultyApplication, DifficultyProof


def open_proof(*, actor: User, application_id: int, proof_id: int) -> DifficultyProof:
    """A proof of an application the actor may see, the viewing audited; NotFound for anyone
    else (another county's staff) and for a proof of another application."""
    application = access_application(actor, application_id, permission=VIEW)
    proof = DifficultyProof.objects.filter(application=application, pk=proof_id).first()
    if proof is None:
        raise NotFound(_("没有找到该认定材料。"))
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=DifficultyAction.PROOF_VIEW,
        target=application,
        detail={"proof": proof.description},
    )
    return proof


def record_list_export(
    *, actor: User, rows: QuerySet[DifficultyApplication], filters: Mapping[str, object]
) -> None:
    """Log an export of the list of recognised persons, naming each person in it."""
    record = record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=DifficultyAction.EXPORT,
        target_type="support.difficultyapplication",
        detail={
            "rows": rows.count(),
            "validity": filters.get("validity") or "",
            "township": filters.get("township") or "",
        },
    )
    record_audit_persons(record, Person.objects.filter(pk__in=rows.values("person_id")))
