"""Reading employment difficulty (就业困难认定): the criteria in force for a person's place (rules
parameter `support.difficulty_criteria`, with its source), a person's applications, the
applications awaiting a decision, and the list of recognised persons of an area (valid now,
expiring soon, expired) with its filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.registry.models import Person
from ablework.registry.rulebook import rules_evaluation
from ablework.support.models import DifficultyApplication, DifficultyProof, DifficultyState

EXPIRING_SOON_DAYS = 30
"""A recognition whose validity ends within this many days is listed as "expiring soon", so a
renewal can be prepared. A working setting of ours, not a legal figure."""

CRITERIA = "support.difficulty_criteria"


@dataclass(frozen=True)
class Criteria:
    """The criteria a person may claim on a day, and where the list comes from."""

    choices: tuple[str, ...]
    source: str


def criteria_for(person: Person, on: date) -> Criteria:
    """The criteria list in force at the person's county on `on` (the province's when shipped or
    recorded as a local value, else the law's general categories)."""
    ctx = rules_evaluation(jurisdiction=person.county_code, on=on)
    found = ctx.find(CRITERIA)
    if found is None or not found.value:
        return Criteria(choices=(), source="")
    reference = found.dated.reference
    source = reference.title + (f" {reference.article.split('：')[0]}" if reference.article else "")
    return Criteria(choices=tuple(str(item) for item in found.value), source=source[:300])


def applications_of(person: Person) -> list[DifficultyApplication]:
    """A person's applications, newest first (the person already reached through access)."""
    rows = DifficultyApplication.objects.filter(person=person).select_related(
        "recorded_by", "decided_by", "ended_by"
    )
    return list(rows.order_by("-applied_on", "-pk"))


def proofs_of(application: DifficultyApplication) -> list[DifficultyProof]:
    return list(DifficultyProof.objects.filter(application=application).order_by("pk"))


def awaiting_decision(actor: User) -> QuerySet[DifficultyApplication]:
    """The pending applications of the actor's area, oldest first."""
    rows = visible(actor, DifficultyApplication, permission=Permission.SUPPORT_DECIDE)
    return (
        rows.filter(state=DifficultyState.PENDING)
        .select_related("person", "recorded_by")
        .order_by("applied_on", "pk")
    )


class Validity:
    """The list's filter on the validity of a recognition."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    CHOICES = (
        (VALID, _("有效")),
        (EXPIRING, _("即将到期")),
        (EXPIRED, _("已到期")),
    )


def recognised(
    actor: User,
    *,
    today: date,
    validity: str = "",
    township: str = "",
    permission: Permission = Permission.SUPPORT_VIEW,
) -> QuerySet[DifficultyApplication]:
    """The recognitions of the actor's area (revoked ones left out), soonest end first:
    `validity` one of Validity's (all when empty), `township` a township code (all when
    empty)."""
    rows = visible(actor, DifficultyApplication, permission=permission).filter(
        state__in=(DifficultyState.RECOGNISED, DifficultyState.EXPIRED)
    )
    soon = today + timedelta(days=EXPIRING_SOON_DAYS)
    in_force = Q(state=DifficultyState.RECOGNISED, valid_until__gte=today)
    if validity == Validity.VALID:
        rows = rows.filter(in_force)
    elif validity == Validity.EXPIRING:
        rows = rows.filter(in_force, valid_until__lte=soon)
    elif validity == Validity.EXPIRED:
        rows = rows.exclude(in_force)
    if township:
        rows = rows.filter(person__township_code=township)
    return rows.select_related("person", "decided_by").order_by("valid_until", "pk")


def validity_of(application: DifficultyApplication, today: date) -> str:
    """Which of Validity's a recognition is in on `today`."""
    if (
        application.state != DifficultyState.RECOGNISED
        or application.valid_until is None
        or application.valid_until < today
    ):
        return Validity.EXPIRED
    if application.valid_until <= today + timedelta(days=EXPIRING_SOON_DAYS):
        return Validity.EXPIRING
    return Validity.VALID
