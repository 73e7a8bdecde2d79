"""Escalation proposals made by the queue's refresh (升级帮扶; docs/support.md), set-based: for
the refreshed rows of one county, one SELECT finds the persons the rule fires for, one reads
the evidence of those persons only, one bulk INSERT writes the proposals. A person already
having an open proposal gets no other (a unique constraint, so a refresh run twice, or two at
once, adds nothing).

What counts, for a person in scope who wants work (the cycle row):

- **Referrals (N, `support.escalation_referrals`).** Services of kind 职业介绍/岗位推荐 with
  result 推荐未成功, dated after the *anchor*: the latest of the person's last successful
  referral (推荐成功，已录用) and the evidence date of their last proposal (so a decided proposal's
  referrals are not counted again). Other results (已提供, 本人未接受) neither count nor reset.
  The proposal is made when they reach N.
- **Months (M, `support.escalation_months`).** The person's first needs registration after the
  anchor is M months old or more (the person is still in scope, so not employed).

The route proposed follows the latest assessment's pathway (辅助性就业 → 辅助性就业, 先参加培训 →
培训), else 公益性岗位 (what Hunan's rule names). The owner is the worker who recorded the last
failed referral (or the needs), if an employment-service worker of the person's county, else
the counsellor of the row, else the county's first such worker. The deadline is
`ABLEWORK_SUPPORT_ESCALATION_DAYS` after the day (our working setting, not a legal figure).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from ablework.accounts.models import User
from ablework.support.models import (
    CycleCase,
    Decision,
    EscalationProposal,
    EscalationRule,
    NeedsRegistration,
    Pathway,
    Plan,
    PlanAction,
    Route,
    ServiceKind,
    ServiceRecord,
    ServiceResult,
)
from ablework.support.models.records import Assessment
from ablework.support.selectors.escalation import Threshold, rule_in_force
from ablework.support.selectors.plans import OWNER_ROLES

_EARLIEST = date(1, 1, 1)
ROUTE_OF_PATHWAY = {Pathway.AUXILIARY: Route.AUXILIARY, Pathway.TRAINING_FIRST: Route.TRAINING}


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def deadline_after(day: date) -> date:
    """The day a proposal made on `day` is to be decided by (our working setting)."""
    return day + timedelta(days=settings.SUPPORT_ESCALATION_DAYS)


def _referrals(on: date) -> QuerySet[ServiceRecord]:
    return ServiceRecord.objects.filter(
        person=OuterRef("person_id"), kind=ServiceKind.REFERRAL, on__lte=on
    )


def _candidates(rows: QuerySet[CycleCase], on: date) -> QuerySet[CycleCase]:
    """The rows of persons in scope who want work and have no open proposal, with their anchor
    and the latest assessment's pathway."""
    hired = _referrals(on).filter(result=ServiceResult.HIRED).order_by("-on")
    last = EscalationProposal.objects.filter(person=OuterRef("person_id")).order_by(
        "-evidence_until"
    )
    pathway = Assessment.objects.filter(person=OuterRef("person_id"), on__lte=on).order_by(
        "-on", "-pk"
    )
    open_ = EscalationProposal.objects.filter(person=OuterRef("person_id"), decision=Decision.OPEN)
    return (
        rows.filter(in_scope=True, wants_work=True)
        .annotate(has_open=Exists(open_))
        .filter(has_open=False)
        .annotate(
            e_anchor=Greatest(
                Coalesce(Subquery(hired.values("on")[:1]), Value(_EARLIEST)),
                Coalesce(Subquery(last.values("evidence_until")[:1]), Value(_EARLIEST)),
                output_field=DateField(),
            ),
            e_pathway=Subquery(pathway.values("pathway")[:1], output_field=CharField()),
        )
    )


def _by_referrals(rows: QuerySet[CycleCase], n: int, on: date) -> list[tuple[int, str, date]]:
    failed = (
        _referrals(on)
        .filter(result=ServiceResult.NOT_HIRED, on__gt=OuterRef("e_anchor"))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        rows.annotate(e_failed=Coalesce(Subquery(failed, output_field=IntegerField()), 0))
        .filter(e_failed__gte=n)
        .values_list("person_id", "e_pathway", "e_anchor")
    )


def _by_months(rows: QuerySet[CycleCase], m: int, on: date) -> list[tuple[int, str, date]]:
    first = NeedsRegistration.objects.filter(
        person=OuterRef("person_id"), on__gt=OuterRef("e_anchor"), on__lte=on
    ).order_by("on", "pk")
    return list(
        rows.annotate(e_needs_on=Subquery(first.values("on")[:1]))
        .filter(e_needs_on__lte=months_before(on, m))
        .values_list("person_id", "e_pathway", "e_anchor")
    )


def propose_escalations(rows: QuerySet[CycleCase], *, county: str, on: date) -> int:
    """Make the proposals the rule in force at `county` on `on` calls for among `rows` (the
    county's rows just refreshed); how many were made."""
    rule = rule_in_force(jurisdiction=county, on=on)
    if not rule.applies:
        return 0
    candidates = _candidates(rows, on)
    fired: dict[int, tuple[Threshold, str, date]] = {}
    if rule.referrals is not None:
        for pk, pathway, anchor in _by_referrals(candidates, rule.referrals.value, on):
            fired[pk] = (rule.referrals, pathway, anchor)
    if rule.months is not None:
        for pk, pathway, anchor in _by_months(candidates, rule.months.value, on):
            fired.setdefault(pk, (rule.months, pathway, anchor))
    if not fired:
        return 0
    proposals = _proposals(fired, county=county, on=on, rows=rows)
    made = EscalationProposal.objects.bulk_create(proposals, ignore_conflicts=True)
    return len(made)


def _proposals(
    fired: dict[int, tuple[Threshold, str, date]],
    *,
    county: str,
    on: date,
    rows: QuerySet[CycleCase],
) -> list[EscalationProposal]:
    """The proposals of the persons fired for, with their evidence (two queries)."""
    since = min(anchor for _rule, _pathway, anchor in fired.values())
    referrals: dict[int, list[tuple[int, date, int | None]]] = {}
    for person_id, pk, day, by in (
        ServiceRecord.objects.filter(
            person_id__in=fired,
            kind=ServiceKind.REFERRAL,
            result=ServiceResult.NOT_HIRED,
            on__gt=since,
            on__lte=on,
        )
        .order_by("on", "pk")
        .values_list("person_id", "pk", "on", "recorded_by_id")
    ):
        referrals.setdefault(person_id, []).append((pk, day, by))
    needs: dict[int, list[NeedsRegistration]] = {}
    for record in NeedsRegistration.objects.filter(
        person_id__in=fired, on__gt=since, on__lte=on
    ).order_by("on", "pk"):
        needs.setdefault(record.person_id, []).append(record)
    staff = list(
        User.objects.filter(is_active=True, role__in=OWNER_ROLES, region__code__startswith=county)
        .order_by("region_id", "display_name", "pk")
        .values_list("pk", flat=True)
    )
    counsellors = dict(rows.filter(person_id__in=fired).values_list("person_id", "owner_id"))
    made = []
    for person_id, (threshold, pathway, anchor) in sorted(fired.items()):
        proposal = EscalationProposal(
            person_id=person_id,
            rule=threshold.rule,
            parameter=threshold.parameter,
            threshold=threshold.value,
            source=threshold.source,
            proposed_on=on,
            due_on=deadline_after(on),
            route=ROUTE_OF_PATHWAY.get(pathway, Route.PUBLIC_WELFARE),  # type: ignore[call-overload]
        )
        recorder: int | None
        if threshold.rule == EscalationRule.REFERRALS:
            counted = [item for item in referrals.get(person_id, []) if item[1] > anchor]
            proposal.referral_ids = [pk for pk, _day, _by in counted]
            proposal.evidence_until = counted[-1][1] if counted else on
            recorder = counted[-1][2] if counted else None
        else:
            first = next((n for n in needs.get(person_id, []) if n.on > anchor), None)
            proposal.needs = first
            proposal.evidence_until = on
            recorder = first.recorded_by_id if first else None
        choices = [recorder, counsellors.get(person_id)]
        proposal.owner_id = next((pk for pk in choices if pk in staff), staff[0] if staff else None)
        made.append(proposal)
    return made


def follow_up(rows: QuerySet[CycleCase], *, on: date) -> None:
    """Write the rows' figures beyond the four as of `on`: an approved plan, its overdue
    actions, an open escalation and whether it is past its deadline (one UPDATE)."""
    person = OuterRef("person_id")
    overdue_actions = (
        PlanAction.objects.filter(
            version__approved_of__person=person, done_on__isnull=True, due_on__lt=on
        )
        .order_by()
        .values("version__approved_of__person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_ = EscalationProposal.objects.filter(person=person, decision=Decision.OPEN)
    rows.update(
        plan_approved=Exists(Plan.objects.filter(person=person, approved__isnull=False)),
        actions_overdue=Coalesce(Subquery(overdue_actions, output_field=IntegerField()), 0),
        escalation_open=Exists(open_),
        escalation_overdue=Exists(open_.filter(due_on__lt=on)),
    )
