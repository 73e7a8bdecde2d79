"""Reads of escalation (升级帮扶): the rule in force at a place (each parameter's value and
source, or that the place sets none), the proposals of an area for the list (open first, past
their deadline first), a person's proposals, and the viewer's own open ones for the queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, QuerySet, Value, When

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.scoping import inside_region_q
from ablework.registry.models import Person
from ablework.registry.rulebook import rules_evaluation
from ablework.support.access import RECORD
from ablework.support.models import (
    RULE_PARAMETERS,
    Decision,
    EscalationProposal,
    EscalationRule,
)

# How many of the viewer's open proposals the queue's panel lists.
OWN_SHOWN = 10


@dataclass(frozen=True)
class Threshold:
    """One rule's parameter in force: its name, value and source (with the level that set it:
    a region's YAML file, or a local value recorded by that region's staff)."""

    rule: str
    parameter: str
    value: int
    source: str

    @property
    def label(self) -> str:
        return str(EscalationRule(self.rule).label)


@dataclass(frozen=True)
class RuleInForce:
    """The escalation rule at a place on a day: N (referrals) and M (months), each or both
    absent where the place sets none."""

    referrals: Threshold | None
    months: Threshold | None

    @property
    def applies(self) -> bool:
        return self.referrals is not None or self.months is not None

    def thresholds(self) -> list[Threshold]:
        return [t for t in (self.referrals, self.months) if t is not None]


def _threshold(rule: str, *, jurisdiction: str, on: date) -> Threshold | None:
    name = RULE_PARAMETERS[EscalationRule(rule)]
    found = rules_evaluation(jurisdiction=jurisdiction, on=on).find(name)
    if found is None or found.value is None:
        return None
    source = found.dated.reference.render(found.dated.confidence)
    return Threshold(rule=rule, parameter=name, value=int(found.value), source=source[:500])


def rule_in_force(*, jurisdiction: str, on: date) -> RuleInForce:
    """The rule at a county (a region code) on `on` (rules `support.escalation_*`)."""
    return RuleInForce(
        referrals=_threshold(EscalationRule.REFERRALS, jurisdiction=jurisdiction, on=on),
        months=_threshold(EscalationRule.MONTHS, jurisdiction=jurisdiction, on=on),
    )


@dataclass(frozen=True)
class ProposalFilters:
    county: str = ""
    township: str = ""
    owner: int | None = None
    decided: bool = False


def proposals_visible_to(
    actor: User, *, permission: Permission = RECORD
) -> QuerySet[EscalationProposal]:
    return visible(actor, EscalationProposal, permission=permission)


def proposal_list(
    proposals: QuerySet[EscalationProposal], *, filters: ProposalFilters, today: date
) -> QuerySet[EscalationProposal]:
    """Open proposals (past their deadline first, then the nearest deadline), or the decided
    ones (latest first), of the area as filtered."""
    if filters.township:
        proposals = proposals.filter(person__township_code=filters.township)
    elif filters.county:
        proposals = proposals.filter(inside_region_q(filters.county, field="person__county_code"))
    if filters.owner is not None:
        proposals = proposals.filter(owner_id=filters.owner)
    proposals = proposals.select_related("person", "owner", "decided_by")
    if filters.decided:
        return proposals.exclude(decision=Decision.OPEN).order_by("-decided_on", "-pk")
    late = Case(
        When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        proposals.filter(decision=Decision.OPEN)
        .annotate(late=late)
        .order_by("late", "due_on", "pk")
    )


def proposals_of(person: Person) -> list[EscalationProposal]:
    """The person's proposals, the open one first, then the latest."""
    return list(
        EscalationProposal.objects.filter(person=person)
        .select_related("owner", "decided_by")
        .order_by("-proposed_on", "-pk")
    )


def own_open_proposals(actor: User) -> QuerySet[EscalationProposal]:
    """The open proposals the actor owns, in their area, nearest deadline first."""
    return (
        proposals_visible_to(actor)
        .filter(owner=actor, decision=Decision.OPEN)
        .select_related("person")
        .order_by("due_on", "pk")
    )
