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
from ablework.registry.services.evidence import (
    record_death,
    record_employment_evidence,
    record_flag_evidence,
)


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
            changes = _apply(proposal, actor=actor) if accept else {}
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


def _apply(proposal: ComparisonProposal, *, actor: User) -> dict[str, list[Any]]:
    """Make the proposed change through the registry's services, from its evidence date (never
    in the future); returns old → new for the audit."""
    person = proposal.person
    source = f"部门数据比对：{proposal.batch.label}"[:200]
    on = min(proposal.effective_on, timezone.localdate())
    if proposal.change == ProposalChange.DECEASED:
        return record_death(person=person, on=on, source=source, actor=actor)
    if proposal.change == ProposalChange.FLAG:
        return record_flag_evidence(
            person=person, flag_kind=proposal.flag_kind, on=on, source=source
        )
    return record_employment_evidence(
        person=person,
        kind=proposal.employment_kind,
        employer_name=proposal.employer_name,
        on=on,
        source=source,
    )
