"""Reads of the person's own view (`/support/mine/`) and of what persons said back: the persons
the viewer may speak for, one person's services, latest assessment, plan in force and next
steps in plain words, and for staff the complaints and correction requests (bounded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.scope import visible
from ablework.registry.models import Person
from ablework.support.access import RECORD, SUPERVISE, VIEW
from ablework.support.models import (
    Assessment,
    CorrectionRequest,
    CorrectionState,
    FeedbackKind,
    PlanAction,
    PlanVersion,
    ServiceFeedback,
    ServiceRecord,
)
from ablework.support.selectors.plans import actions_of, plan_of
from ablework.support.vocabulary import Ability, Accommodation, Demand

# How many of the person's latest services their page lists.
SERVICES_SHOWN = 30
# How many complaints or correction requests a staff list shows.
LIST_SHOWN = 200


def persons_for(actor: User) -> QuerySet[Person]:
    """The persons the viewer may see as themselves: their own person, or for a family member
    the persons whose consent is recorded and not revoked."""
    return visible(actor, Person, permission=VIEW).order_by("name", "pk")


@dataclass(frozen=True)
class ServiceShown:
    service: ServiceRecord
    feedback: ServiceFeedback | None


@dataclass(frozen=True)
class AssessmentShown:
    assessment: Assessment
    pathway: str
    needs: list[str]
    with_help: list[str]  # "阅读屏幕文字：借助读屏软件"
    cannot: list[str]


@dataclass(frozen=True)
class NextStep:
    text: str
    due_on: date | None
    who: str


@dataclass
class MyOverview:
    services: list[ServiceShown] = field(default_factory=list)
    assessment: AssessmentShown | None = None
    plan: PlanVersion | None = None
    plan_actions: list[PlanAction] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    corrections: list[CorrectionRequest] = field(default_factory=list)


def _label(choices: type, code: object) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


def _assessment_shown(assessment: Assessment) -> AssessmentShown:
    with_help, cannot = [], []
    for demand, ability in sorted((assessment.abilities or {}).items()):
        name = _label(Demand, demand)
        if ability == Ability.CANNOT:
            cannot.append(name)
        elif isinstance(ability, dict):
            helps = "、".join(_label(Accommodation, code) for code in ability.get("with", []))
            with_help.append(_("%(demand)s：借助%(help)s") % {"demand": name, "help": helps})
    return AssessmentShown(
        assessment=assessment,
        pathway=assessment.get_pathway_display(),
        needs=[_label(Accommodation, code) for code in assessment.needs or []],
        with_help=with_help,
        cannot=cannot,
    )


def overview_of(actor: User, person: Person) -> MyOverview:
    """What the person's page shows, in a fixed number of queries."""
    shown = MyOverview()
    services = list(
        visible(actor, ServiceRecord, permission=VIEW)
        .filter(person=person)
        .order_by("-on", "-pk")[:SERVICES_SHOWN]
    )
    latest: dict[int, ServiceFeedback] = {}
    for feedback in ServiceFeedback.objects.filter(
        person=person, service__in=[s.pk for s in services]
    ).order_by("created_at", "pk"):
        latest[feedback.service_id] = feedback
    shown.services = [ServiceShown(s, latest.get(s.pk)) for s in services]
    assessment = (
        visible(actor, Assessment, permission=VIEW).filter(person=person).order_by("-on", "-pk")
    ).first()
    if assessment is not None:
        shown.assessment = _assessment_shown(assessment)
    plan = plan_of(person)
    if plan is not None and plan.approved is not None:
        shown.plan = plan.approved
        shown.plan_actions = actions_of(plan.approved)
    shown.next_steps = [
        NextStep(text=a.text, due_on=a.due_on, who=str(a.owner))
        for a in shown.plan_actions
        if a.done_on is None
    ] + [
        NextStep(text=s.next_step, due_on=s.next_due, who=s.given_by)
        for s in services[:5]
        if s.next_step
    ]
    shown.corrections = list(
        CorrectionRequest.objects.filter(person=person).order_by("-created_at", "-pk")[:20]
    )
    return shown


def complaints_visible_to(actor: User) -> QuerySet[ServiceFeedback]:
    """The complaints about services of the actor's area, newest first (supervisors)."""
    return (
        visible(actor, ServiceFeedback, permission=SUPERVISE)
        .filter(kind=FeedbackKind.COMPLAINT)
        .select_related("service", "person", "given_by")
        .order_by("-created_at", "-pk")
    )


def feedback_of(actor: User, person: Person) -> list[ServiceFeedback]:
    """What the person said about their services, newest first, for staff of the area."""
    return list(
        visible(actor, ServiceFeedback, permission=VIEW)
        .filter(person=person)
        .select_related("service", "given_by")
        .order_by("-created_at", "-pk")[:LIST_SHOWN]
    )


def corrections_visible_to(actor: User) -> QuerySet[CorrectionRequest]:
    """The correction requests of the actor's area, open ones first, oldest first."""
    return (
        visible(actor, CorrectionRequest, permission=RECORD)
        .select_related("person", "requested_by", "answered_by")
        .order_by("-state", "created_at", "pk")
    )


def open_corrections_of(actor: User, person: Person) -> list[CorrectionRequest]:
    """The person's correction requests not answered yet, for staff of the area."""
    return list(
        visible(actor, CorrectionRequest, permission=VIEW)
        .filter(person=person, state=CorrectionState.OPEN)
        .order_by("created_at", "pk")[:LIST_SHOWN]
    )
