"""Writes of the plans (一人一策), each in one transaction with its audit record and a refresh
of the person's queue rows. Every write names the plan version the page was opened on
(`seen_version`, core.versioning): a write over another's is refused (409), never silently
overwriting it.

- `write_plan` saves the plan's content as a new version (the first one makes the plan); a
  newer version replaces an older one that was not approved.
- `submit_plan` sends the latest version for approval; `approve_plan` (a supervisor, never the
  version's author: maker-checker) puts it in force; `return_plan` sends it back with a reason.
- `record_action_done` records that an action of the approved version was carried out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import TEXT_CHANGED, record_audit
from ablework.core.errors import Conflict, FieldsInvalid, Invalid, NotFound, PermissionDenied
from ablework.core.models import AuditKind
from ablework.core.versioning import StaleRecord, advance_version
from ablework.registry.models import Person
from ablework.support.access import DECIDE, RECORD, person_for_support
from ablework.support.audit_actions import SupportAction
from ablework.support.models import Plan, PlanAction, PlanState, PlanVersion
from ablework.support.selectors.plans import actions_of, staff_of_area
from ablework.support.services.cases import refresh_cases

# The states a version may be replaced from by a newer one (an approved one stays approved).
REPLACEABLE = (PlanState.DRAFT, PlanState.SUBMITTED, PlanState.RETURNED)


@dataclass(frozen=True, kw_only=True)
class ActionInput:
    text: str
    owner_id: int
    due_on: date
    done_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class PlanContent:
    goals: str
    supports: str
    review_on: date
    actions: tuple[ActionInput, ...]
    change_note: str = ""


class PlanInvalid(FieldsInvalid):
    """The plan breaks one or more rules; each problem names its field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            by_field.setdefault(field, []).append(message)
        super().__init__(by_field)


def _content_problems(person: Person, content: PlanContent, today: date) -> list[tuple[str, str]]:
    problems = []
    if not content.goals.strip():
        problems.append(("goals", _("请写明计划的目标。")))
    if content.review_on < today:
        problems.append(("review_on", _("复核日期不能早于今天。")))
    owners = set(staff_of_area(person).values_list("pk", flat=True))
    for index, action in enumerate(content.actions, start=1):
        if action.owner_id not in owners:
            problems.append(
                (
                    f"action_{index}_owner",
                    _("行动 %(n)s 的负责人须是该残疾人所在县（市、区）的工作人员。") % {"n": index},
                )
            )
        if action.done_on and action.done_on > today:
            problems.append(
                (
                    f"action_{index}_done_on",
                    _("行动 %(n)s 的完成日期不能晚于今天。") % {"n": index},
                )
            )
    return problems


def _same_content(version: PlanVersion, content: PlanContent) -> bool:
    stored = [(a.text, a.owner_id, a.due_on, a.done_on) for a in actions_of(version)]
    given = [(a.text.strip(), a.owner_id, a.due_on, a.done_on) for a in content.actions]
    return (
        version.goals == content.goals.strip()
        and version.supports == content.supports.strip()
        and version.review_on == content.review_on
        and stored == given
    )


def _locked_plan(person: Person, seen_version: int | None) -> Plan | None:
    """The person's plan locked on the version seen; None when there is none yet and the page
    was opened without one. A plan made by someone else since the page opened is stale."""
    plan = Plan.objects.select_related("latest").filter(person=person).first()
    if plan is None:
        return None
    if seen_version is None:
        raise StaleRecord(target=plan, seen=0, current=plan.version)
    advance_version(plan, seen=seen_version)
    return plan


def _new_plan(person: Person) -> Plan:
    """The person's first plan; another made at the same moment wins and this one is refused."""
    try:
        with transaction.atomic():
            return Plan.objects.create(person=person)
    except IntegrityError:
        raise Conflict(
            _("另一名工作人员刚刚为该残疾人制定了计划。请打开计划查看后再修改。")
        ) from None


def write_plan(
    *, actor: User, person_id: int, content: PlanContent, seen_version: int | None
) -> PlanVersion:
    """Save the plan's content as a new draft version (`seen_version` None: the page was opened
    on a person without a plan)."""
    today = timezone.localdate()
    with transaction.atomic():
        person = person_for_support(actor, person_id, permission=RECORD)
        problems = _content_problems(person, content, today)
        if problems:
            raise PlanInvalid(problems)
        plan = _locked_plan(person, seen_version)
        previous = plan.latest if plan is not None else None
        if previous is not None and _same_content(previous, content):
            raise Invalid(_("计划的内容没有改动，无需保存新版本。"))
        if plan is None:
            plan = _new_plan(person)
        if previous is not None and previous.state in REPLACEABLE:
            previous.state = PlanState.REPLACED
            previous.save(update_fields=["state", "updated_at"])
        version = PlanVersion.objects.create(
            plan=plan,
            number=(previous.number + 1) if previous else 1,
            goals=content.goals.strip(),
            supports=content.supports.strip(),
            review_on=content.review_on,
            change_note=content.change_note.strip()[:200],
            author=actor,
        )
        PlanAction.objects.bulk_create(
            PlanAction(
                version=version,
                position=index,
                text=action.text.strip()[:200],
                owner_id=action.owner_id,
                due_on=action.due_on,
                done_on=action.done_on,
            )
            for index, action in enumerate(content.actions, start=1)
        )
        plan.latest = version
        plan.save(update_fields=["latest", "updated_at"])
        changes: dict[str, list[object]] = {
            "number": [previous.number if previous else None, version.number],
            "state": [previous.state if previous else None, PlanState.DRAFT],
            "review_on": [
                previous.review_on.isoformat() if previous else None,
                version.review_on.isoformat(),
            ],
            "goals": ["", TEXT_CHANGED],
        }
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE if previous is None else AuditKind.CHANGE,
            action=SupportAction.PLAN_WRITE,
            target=plan,
            changes=changes,
            detail={"actions": len(content.actions)},
        )
        refresh_cases(person_ids=[person.pk])
    return version


def _latest(actor: User, person_id: int, seen_version: int, permission: str) -> PlanVersion:
    person = person_for_support(actor, person_id, permission=permission)  # type: ignore[arg-type]
    plan = _locked_plan(person, seen_version)
    if plan is None or plan.latest is None:
        raise NotFound(_("该残疾人还没有一人一策计划。"))
    version = plan.latest
    version.plan = plan
    return version


def _decided(actor: User, version: PlanVersion, action: SupportAction, old: str) -> None:
    version.save(
        update_fields=[
            "state",
            "submitted_at",
            "decided_by",
            "decided_at",
            "return_reason",
            "updated_at",
        ]
    )
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=action,
        target=version.plan,
        changes={"state": [old, version.state]},
        detail={"number": version.number},
    )
    refresh_cases(person_ids=[version.plan.person_id])


def submit_plan(*, actor: User, person_id: int, seen_version: int) -> PlanVersion:
    """Send the latest version (a draft, or one returned and not changed since) for approval."""
    with transaction.atomic():
        version = _latest(actor, person_id, seen_version, RECORD)
        if version.state not in (PlanState.DRAFT, PlanState.RETURNED):
            raise Invalid(_("只有草稿或退回的计划可以提交审批。"))
        old = version.state
        version.state = PlanState.SUBMITTED
        version.submitted_at = timezone.now()
        _decided(actor, version, SupportAction.PLAN_SUBMIT, old)
    return version


def _awaiting(actor: User, person_id: int, seen_version: int) -> PlanVersion:
    version = _latest(actor, person_id, seen_version, DECIDE)
    if version.state != PlanState.SUBMITTED:
        raise Invalid(_("该计划没有待审批的版本。"))
    if version.author_id == actor.pk:
        raise PermissionDenied(_("这一版计划由您制定，须由另一名工作人员审批。"))
    return version


def approve_plan(*, actor: User, person_id: int, seen_version: int) -> PlanVersion:
    """Put the submitted version in force (the previous approved version stays as it was)."""
    with transaction.atomic():
        version = _awaiting(actor, person_id, seen_version)
        version.state = PlanState.APPROVED
        version.decided_by = actor
        version.decided_at = timezone.now()
        version.return_reason = ""
        version.plan.approved = version
        version.plan.save(update_fields=["approved", "updated_at"])
        _decided(actor, version, SupportAction.PLAN_APPROVE, PlanState.SUBMITTED)
    return version


def return_plan(*, actor: User, person_id: int, seen_version: int, reason: str) -> PlanVersion:
    """Send the submitted version back to be changed, with the reason."""
    if not reason.strip():
        raise Invalid(_("请写明退回的理由。"), field="reason")
    with transaction.atomic():
        version = _awaiting(actor, person_id, seen_version)
        version.state = PlanState.RETURNED
        version.decided_by = actor
        version.decided_at = timezone.now()
        version.return_reason = reason.strip()[:300]
        _decided(actor, version, SupportAction.PLAN_RETURN, PlanState.SUBMITTED)
    return version


def record_action_done(
    *, actor: User, person_id: int, action_id: int, seen_version: int, done_on: date
) -> PlanAction:
    """Record that an action of the approved version was done on `done_on` (not after today)."""
    if done_on > timezone.localdate():
        raise Invalid(_("完成日期不能晚于今天。"), field="done_on")
    with transaction.atomic():
        person = person_for_support(actor, person_id, permission=RECORD)
        plan = _locked_plan(person, seen_version)
        action = (
            PlanAction.objects.filter(pk=action_id, version_id=plan.approved_id).first()
            if plan is not None and plan.approved_id
            else None
        )
        if plan is None or action is None:
            raise NotFound(_("没有找到该计划行动。"))
        if action.done_on is not None:
            raise Invalid(_("该行动已经登记完成。"))
        action.done_on = done_on
        action.save(update_fields=["done_on"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=SupportAction.PLAN_ACTION_DONE,
            target=plan,
            changes={"done_on": [None, done_on.isoformat()]},
            detail={"action": action.text},
        )
        refresh_cases(person_ids=[person.pk])
    return action
