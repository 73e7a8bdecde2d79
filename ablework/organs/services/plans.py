"""Work plans (工作计划, 国办发〔2025〕23号) of units with a gap: made and changed by staff of the
unit's area, each change on the version the form was opened with (a stale one is refused with
what changed since), each progress entry dated; all audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.employers.models import Employer
from ablework.organs.access import access_unit
from ablework.organs.audit_actions import OrgansAction
from ablework.organs.models import PlacementPlan, PlanProgress

PLAN_FIELDS = (
    "posts_to_reserve",
    "posts_description",
    "recruitment_on",
    "responsible_name",
    "responsible_role",
)
# The writes that advance a plan's version (for the 409 page's "what changed since").
PLAN_VERSION_ACTIONS = (OrgansAction.PLAN_UPDATE, OrgansAction.PLAN_PROGRESS)


@dataclass(frozen=True, kw_only=True)
class PlanDetails:
    posts_to_reserve: int
    recruitment_on: date
    responsible_name: str
    responsible_role: str
    posts_description: str = ""


@dataclass(frozen=True, kw_only=True)
class ProgressEntry:
    recorded_on: date
    note: str
    placed: int = 0


def check_plan(details: PlanDetails) -> None:
    """A plan reserves at least one post and names who answers for it."""
    if details.posts_to_reserve < 1:
        raise Invalid(_("至少预留 1 个岗位。"), field="posts_to_reserve")
    if not details.responsible_name.strip():
        raise Invalid(_("请填写责任人。"), field="responsible_name")
    if not details.responsible_role.strip():
        raise Invalid(_("请填写责任人职务。"), field="responsible_role")


def _apply(plan: PlacementPlan, details: PlanDetails) -> None:
    plan.posts_to_reserve = details.posts_to_reserve
    plan.posts_description = details.posts_description.strip()
    plan.recruitment_on = details.recruitment_on
    plan.responsible_name = details.responsible_name.strip()
    plan.responsible_role = details.responsible_role.strip()


def create_plan(*, actor: User, employer: Employer, details: PlanDetails) -> PlacementPlan:
    """The unit's work plan (one per unit)."""
    unit = access_unit(actor, employer.pk, permission=Permission.ORGANS_PLAN)
    check_plan(details)
    plan = PlacementPlan(employer=unit)
    _apply(plan, details)
    with transaction.atomic():
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            raise Conflict(_("该单位已有工作计划，请修改已有的计划。")) from None
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=OrgansAction.PLAN_CREATE,
            target=plan,
            target_label=unit.name,
            changes=diff({}, snapshot(plan, PLAN_FIELDS)),
        )
    return plan


def update_plan(
    *, actor: User, plan: PlacementPlan, details: PlanDetails, seen_version: int
) -> PlacementPlan:
    """Change a plan opened at `seen_version`; StaleRecord (409) when it moved on since."""
    access_unit(actor, plan.employer_id, permission=Permission.ORGANS_PLAN)
    check_plan(details)
    before = snapshot(plan, PLAN_FIELDS)
    _apply(plan, details)
    with transaction.atomic():
        advance_version(plan, seen=seen_version)
        plan.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.PLAN_UPDATE,
            target=plan,
            target_label=plan.employer.name,
            changes=diff(before, snapshot(plan, PLAN_FIELDS)),
        )
    return plan


def record_progress(
    *, actor: User, plan: PlacementPlan, entry: ProgressEntry, seen_version: int
) -> PlanProgress:
    """Add a dated progress entry (not after today); the plan's version advances."""
    access_unit(actor, plan.employer_id, permission=Permission.ORGANS_PLAN)
    if entry.recorded_on > timezone.localdate():
        raise Invalid(_("进展日期不能晚于今天。"), field="recorded_on")
    if not entry.note.strip():
        raise Invalid(_("请填写进展情况。"), field="note")
    with transaction.atomic():
        advance_version(plan, seen=seen_version)
        row = PlanProgress.objects.create(
            plan=plan,
            recorded_on=entry.recorded_on,
            note=entry.note.strip(),
            placed=entry.placed,
            recorded_by=actor,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.PLAN_PROGRESS,
            target=plan,
            target_label=plan.employer.name,
            detail={"recorded_on": entry.recorded_on.isoformat(), "placed": entry.placed},
        )
    return row
