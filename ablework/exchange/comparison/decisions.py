"""A reviewer's decisions on what a department's list proposes: accepted changes go through
the registry's dated history, each audited with the list it came from."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.exchange.access import proposals_visible_to
from ablework.exchange.audit_actions import ExchangeAction
from ablework.exchange.models import ComparisonProposal, ImportBatch, ProposalChange, ProposalStatus
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.history import change_employment_status, open_period, set_flag
from ablework.registry.models import CertificateStatus, EmploymentStatus
from ablework.registry.services.persons import require_active


def decide_proposals(
    *,
    actor: User,
    batch: ImportBatch,
    proposal_ids: Collection[int],
    accept: bool,
    note: str = "",
) -> int:
    """Accept (apply through the registry's history) or reject pending proposals, in one
    transaction; each decision is audited with the list it came from. Returns how many."""
    pending = proposals_visible_to(actor, batch).filter(
        pk__in=list(proposal_ids), status=ProposalStatus.PENDING
    )
    now = timezone.now()
    decided = 0
    with transaction.atomic():
        for proposal in pending.select_for_update(of=("self",)):
            changes = _apply(proposal, actor) if accept else {}
            proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
            proposal.decided_by = actor
            proposal.decided_at = now
            proposal.decision_note = note[:200]
            proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
            record_audit(
                actor=actor,
                kind=AuditKind.CHANGE,
                action=RegistryAction.PERSON_COMPARISON_ACCEPT
                if accept
                else ExchangeAction.COMPARISON_REJECT,
                target=proposal.person,
                changes=changes,
                detail={
                    "import_batch": batch.pk,
                    "file_name": batch.file_name,
                    "department_list": batch.kind,
                    "proposal": proposal.pk,
                    "row": proposal.row_number,
                    "evidence": proposal.evidence,
                    "note": note[:200],
                },
            )
            decided += 1
    return decided


def _apply(proposal: ComparisonProposal, actor: User) -> dict[str, list[Any]]:
    """Make the proposed change, from its evidence date (never in the future, never before the
    open period began); returns old → new for the audit."""
    person = proposal.person
    require_active(person)
    source = f"部门数据比对：{proposal.batch.file_name}（批次#{proposal.batch_id}）"[:200]
    on = min(proposal.effective_on, timezone.localdate())
    if proposal.change == ProposalChange.DECEASED:
        certificate_before = person.certificate_status
        person.certificate_status = CertificateStatus.DECEASED
        person.save(update_fields=["certificate_status", "updated_at"])
        return {"certificate_status": [certificate_before, person.certificate_status]}
    if proposal.change == ProposalChange.FLAG:
        flag = set_flag(person=person, kind=proposal.flag_kind, active=True, on=on, source=source)
        return {f"flag.{proposal.flag_kind}": [False, True]} if flag else {}
    status_before = [person.employment_status, person.employment_kind]
    current = open_period(person)
    opened = change_employment_status(
        person=person,
        status=EmploymentStatus.EMPLOYED,
        kind=proposal.employment_kind,
        employer_name=proposal.employer_name,
        on=max(on, current.started_on) if current else on,
        source=source,
        current=current,
    )
    if opened is None:
        return {}
    person.save(update_fields=["employment_status", "employment_kind", "updated_at"])
    return {
        "employment_status": [status_before[0], person.employment_status],
        "employment_kind": [status_before[1], person.employment_kind],
        "employer_name": [current.employer_name if current else "", proposal.employer_name],
    }
