"""The panels of plans and of what persons said back (through `Section.panels`).

- On the queue (`support:queue`): the viewer's overdue actions of approved plans, at most
  OVERDUE_SHOWN of them in one query, each with the person's plan and a button recording it
  done.
- On the queue: the viewer's own open escalation proposals (升级帮扶), nearest deadline first,
  at most OWN_SHOWN (none: no panel).
- On a person's page of services (the records' `support:person`): their plan (the latest
  version's state, the one in force, a link to it), and what the person said about their
  services, the complaints first, and their open correction requests; their employment
  difficulty (the latest application's state and validity, and the link to apply).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.section_parts import Panel, Viewer
from ablework.support.access import RECORD, VIEW
from ablework.support.models import DifficultyState, FeedbackKind
from ablework.support.selectors.difficulty import applications_of
from ablework.support.selectors.escalation import OWN_SHOWN, own_open_proposals, proposals_of
from ablework.support.selectors.mine import feedback_of, open_corrections_of
from ablework.support.selectors.plans import OVERDUE_SHOWN, overdue_actions_of, plan_of


def _overdue(viewer: Viewer, record: Any) -> dict[str, Any] | None:
    del record  # the queue is the viewer's own
    user: User = viewer  # type: ignore[assignment]
    today = timezone.localdate()
    actions = list(overdue_actions_of(user, today=today)[: OVERDUE_SHOWN + 1])
    return {
        "actions": actions[:OVERDUE_SHOWN],
        "more": len(actions) > OVERDUE_SHOWN,
        "today": today,
    }


QUEUE_OVERDUE_ACTIONS = Panel(
    key="support-overdue-plan-actions",
    page="support:queue",
    template="support/plans/_overdue_panel.html",
    context=_overdue,
    permission=RECORD,
    order=20,
)


def person_feedback(viewer: Viewer, person: Any) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    said = feedback_of(user, person)
    asked = open_corrections_of(user, person)
    if not said and not asked:
        return None
    complaints = [f for f in said if f.kind == FeedbackKind.COMPLAINT]
    return {
        "person": person,
        "complaints": complaints,
        "said": said,
        "asked": asked,
        "can_answer": user.has_named_permission(RECORD),
    }


PERSON_FEEDBACK = Panel(
    key="support-person-feedback",
    page="support:person",
    template="support/mine/_feedback_panel.html",
    context=person_feedback,
    permission=VIEW,
    order=50,
)


def _plan(viewer: Viewer, person: Any) -> dict[str, Any]:
    user: User = viewer  # type: ignore[assignment]
    plan = plan_of(person)
    return {
        "person": person,
        "plan": plan,
        "latest": plan.latest if plan else None,
        "approved": plan.approved if plan else None,
        "can_record": user.has_named_permission(RECORD),
    }


PERSON_PLAN = Panel(
    key="support-person-plan",
    page="support:person",
    template="support/plans/_person_plan_panel.html",
    context=_plan,
    permission=VIEW,
    order=40,
)


def _difficulty(viewer: Viewer, person: Any) -> dict[str, Any]:
    user: User = viewer  # type: ignore[assignment]
    applications = applications_of(person)
    latest = applications[0] if applications else None
    open_one = latest is not None and latest.state in (
        DifficultyState.PENDING,
        DifficultyState.RECOGNISED,
    )
    return {
        "person": person,
        "latest": latest,
        "can_apply": user.has_named_permission(RECORD) and not open_one,
    }


PERSON_DIFFICULTY = Panel(
    key="support-person-difficulty",
    page="support:person",
    template="support/difficulty/_person_panel.html",
    context=_difficulty,
    permission=VIEW,
    order=45,
)


def _own_escalations(viewer: Viewer, record: Any) -> dict[str, Any] | None:
    del record  # the queue is the viewer's own
    user: User = viewer  # type: ignore[assignment]
    proposals = list(own_open_proposals(user)[: OWN_SHOWN + 1])
    if not proposals:
        return None
    return {
        "proposals": proposals[:OWN_SHOWN],
        "more": len(proposals) > OWN_SHOWN,
        "today": timezone.localdate(),
    }


QUEUE_ESCALATIONS = Panel(
    key="support-own-escalations",
    page="support:queue",
    template="support/escalation/_queue_panel.html",
    context=_own_escalations,
    permission=RECORD,
    order=25,
)


def _person_escalations(viewer: Viewer, person: Any) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    proposals = proposals_of(person)
    if not proposals:
        return None
    return {
        "person": person,
        "proposals": proposals,
        "can_record": user.has_named_permission(RECORD),
    }


PERSON_ESCALATIONS = Panel(
    key="support-person-escalations",
    page="support:person",
    template="support/escalation/_person_panel.html",
    context=_person_escalations,
    permission=VIEW,
    order=35,
)
