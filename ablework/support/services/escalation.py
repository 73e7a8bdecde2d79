"""Deciding an escalation proposal (升级帮扶): accepted — the person placed into a route
(公益性岗位, 辅助性就业 or 培训) — or declined with the reason. One transaction: scoped to the
actor's area, on the version the page was opened with (a decision over another's is refused,
409), audited, and the person's queue rows refreshed.
The proposals themselves are made by the refresh
(services/proposals.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one
from ablework.core.audit import record_audit
from ablework.core.errors import FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.support.access import RECORD
from ablework.support.audit_actions import SupportAction
from ablework.support.models import Decision, EscalationProposal, Route
from ablework.support.services.cases import refresh_cases

NOT_FOUND = _("没有找到该升级帮扶建议。")


@dataclass(frozen=True, kw_only=True)
class DecisionInput:
    decision: str
    placed_route: str = ""
    reason: str = ""
    decided_on: date | None = None


def _problems(decision: DecisionInput, today: date) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if decision.decision not in (Decision.ACCEPTED, Decision.DECLINED):
        problems["decision"] = [_("请选择“已安置”或“不予安置”。")]
    if decision.decision == Decision.ACCEPTED and decision.placed_route not in Route.values:
        problems["placed_route"] = [
            _("已安置的，请选择安置到哪一途径（公益性岗位、辅助性就业或培训）。")
        ]
    if decision.decision == Decision.DECLINED and not decision.reason.strip():
        problems["reason"] = [_("不予安置的，请写明理由。")]
    if len(decision.reason.strip()) > 300:
        problems["reason"] = [_("决定说明最多 300 字。")]
    if decision.decided_on is not None and decision.decided_on > today:
        problems["decided_on"] = [_("决定日期不能晚于今天。")]
    return problems


def access_proposal(
    actor: User, proposal_id: int, *, permission: Permission = RECORD
) -> EscalationProposal:
    """One proposal of the actor's area, or NotFound (absent and not yours alike)."""
    return access_one(
        actor,
        EscalationProposal,
        proposal_id,
        permission=permission,
        not_found_message=str(NOT_FOUND),
    )


def decide_escalation(
    *, actor: User, proposal_id: int, seen_version: int, decision: DecisionInput
) -> EscalationProposal:
    """Record the decision on an open proposal."""
    today = timezone.localdate()
    problems = _problems(decision, today)
    if problems:
        raise FieldsInvalid(problems)
    with transaction.atomic():
        proposal = access_proposal(actor, proposal_id)
        advance_version(proposal, seen=seen_version)
        if not proposal.is_open:
            raise Invalid(_("该建议已经作出决定。"))
        proposal.decision = decision.decision
        proposal.placed_route = (
            decision.placed_route if decision.decision == Decision.ACCEPTED else ""
        )
        proposal.reason = decision.reason.strip()
        proposal.decided_on = decision.decided_on or today
        proposal.decided_by = actor
        proposal.save(
            update_fields=[
                "decision",
                "placed_route",
                "reason",
                "decided_on",
                "decided_by",
                "updated_at",
            ]
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=SupportAction.ESCALATION_DECIDE,
            target=proposal,
            changes={
                "decision": [Decision.OPEN, proposal.decision],
                "placed_route": ["", proposal.placed_route],
                "decided_on": [None, proposal.decided_on.isoformat()],
            },
            detail={"rule": proposal.rule, "route": proposal.route},
        )
        refresh_cases(person_ids=[proposal.person_id])
    return proposal
