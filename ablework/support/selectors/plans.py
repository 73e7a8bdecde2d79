"""Reads of the plans (一人一策): a person's plan and its versions, two versions side by side,
the plans awaiting approval, the staff of the area who may own an action, and a viewer's
overdue actions (bounded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import visible
from ablework.registry.models import Person
from ablework.support.access import DECIDE, RECORD
from ablework.support.models import Plan, PlanAction, PlanState, PlanVersion

# Roles whose accounts may own an action of a plan: the area's employment-service workers and
# its federation's administrators.
OWNER_ROLES = (Role.COUNSELLOR, Role.COUNTY_ADMIN)
# How many overdue actions the queue's panel lists (the home card counts them all).
OVERDUE_SHOWN = 20


def plan_of(person: Person) -> Plan | None:
    return (
        Plan.objects.select_related("latest__author", "approved__decided_by")
        .filter(person=person)
        .first()
    )


def versions_of(plan: Plan) -> list[PlanVersion]:
    """Every version, newest first, with its author."""
    return list(plan.versions.select_related("author", "decided_by").order_by("-number"))


def actions_of(version: PlanVersion) -> list[PlanAction]:
    return list(version.actions.select_related("owner").order_by("position"))


def staff_of_area(person: Person) -> QuerySet[User]:
    """The accounts that may own an action of this person's plan: the employment-service
    workers and administrators of the person's county (its townships included)."""
    return User.objects.filter(
        is_active=True, role__in=OWNER_ROLES, region__code__startswith=person.county_code
    ).order_by("region_id", "display_name", "pk")


def plans_awaiting(actor: User) -> QuerySet[PlanVersion]:
    """The submitted versions the actor may decide, oldest submission first."""
    return (
        visible(actor, PlanVersion, permission=DECIDE)
        .filter(state=PlanState.SUBMITTED)
        .select_related("plan__person", "author")
        .order_by("submitted_at", "pk")
    )


def overdue_actions_of(actor: User, *, today: date) -> QuerySet[PlanAction]:
    """The actions of approved plans the actor owns, past their due date and not done, in the
    actor's area; the caller slices it (the panel shows OVERDUE_SHOWN)."""
    return (
        visible(actor, PlanAction, permission=RECORD)
        .filter(
            owner=actor,
            done_on__isnull=True,
            due_on__lt=today,
            version__approved_of__isnull=False,
        )
        .select_related("version__plan__person")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class ChangedRow:
    """One line of the comparison: what, its value in each version, and the change in words."""

    label: str
    old: str
    new: str
    change: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _action_words(action: PlanAction | None) -> str:
    if action is None:
        return "—"
    words = _("%(text)s；负责人：%(owner)s；期限：%(due)s") % {
        "text": action.text,
        "owner": action.owner,
        "due": action.due_on.isoformat(),
    }
    if action.done_on:
        words += _("；%(done)s 完成") % {"done": action.done_on.isoformat()}
    return words


def _change(old: str, new: str) -> str:
    if old == new:
        return _("未变")
    if old == "—":
        return _("新增")
    if new == "—":
        return _("删除")
    return _("修改")


def compare(old: PlanVersion, new: PlanVersion) -> list[ChangedRow]:
    """The two versions field by field and action by action (by their order), each row saying
    whether it was added, removed, changed or left as it was."""
    rows = [
        (_("目标"), old.goals, new.goals),
        (_("支持措施"), old.supports or "—", new.supports or "—"),
        (_("复核日期"), old.review_on.isoformat(), new.review_on.isoformat()),
    ]
    old_actions, new_actions = actions_of(old), actions_of(new)
    for index in range(max(len(old_actions), len(new_actions))):
        rows.append(
            (
                _("行动 %(n)s") % {"n": index + 1},
                _action_words(old_actions[index] if index < len(old_actions) else None),
                _action_words(new_actions[index] if index < len(new_actions) else None),
            )
        )
    return [ChangedRow(str(label), a, b, _change(a, b)) for label, a, b in rows]
