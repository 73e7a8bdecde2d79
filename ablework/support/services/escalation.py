"""Deciding an escalation proposal (升级帮扶): accepted — the person placed into a route
(公益性岗位, 辅助性就业 or 培训) — or declined with the reason; and, while it is open, giving it
to another owner with the reason. One transaction each: scoped to the actor's area, on the
version the page was opened with (a write over another's is refused, 409), audited, and the
person's queue rows refreshed.
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
from ablework.accounts.scope import access_one, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.models import Person
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


def may_own(user: User, person: Person) -> bool:
    """Whether the account may own a proposal about the person: an active worker who records
    services in the person's place (their county's staff, or their township's worker)."""
    return (
        user.is_active
        and user.has_named_permission(RECORD)
        and scope_of(user).covers_code(person.township_code or person.county_code)
    )


def reassign_escalation(
    *, actor: User, proposal_id: int, seen_version: int, owner_id: int, reason: str
) -> EscalationProposal:
    """Give an open proposal to another owner, who must work in the person's place."""
    reason = reason.strip()
    problems: dict[str, list[str]] = {}
    if not reason:
        problems["reason"] = [_("请写明改派的原因。")]
    elif len(reason) > 200:
        problems["reason"] = [_("改派原因最多 200 字。")]
    with transaction.atomic():
        proposal = access_proposal(actor, proposal_id)
        advance_version(proposal, seen=seen_version)
        if not proposal.is_open:
            raise Invalid(_("该建议已经作出决定，不能再改派负责人。"))
        owner = User.objects.filter(pk=owner_id).first()
        if owner is None or not may_own(owner, proposal.person):
            problems["owner"] = [_("新的负责人须是负责此人所在地就业服务的工作人员。")]
        elif owner.pk == proposal.owner_id:
            problems["owner"] = [_("此人已是这条建议的负责人，请选择另一位。")]
        if problems:
            raise FieldsInvalid(problems)
        assert owner is not None
        before = proposal.owner
        proposal.owner = owner
        proposal.save(update_fields=["owner", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=SupportAction.ESCALATION_REASSIGN,
            target=proposal,
            changes={"owner": [str(before) if before else None, str(owner)]},
            detail={"reason": reason},
        )
        refresh_cases(person_ids=[proposal.person_id])
    return proposal
