"""The over-quota rewards of certified declarations, as the rules engine computed them when
staff certified the declaration (the certification's stored trace, `DeclarationEvent.rules_trace`;
the submission's for a declaration certified before decisions stored one): which employers of a
year are eligible (a reward above zero), their amounts and the working of the reward step with
its legal references. The declarations are first narrowed in the database to those whose stored
result has a reward at all (quota's summary `with_figures`: null outside a province with a reward
rule), so nothing is listed, or even read, outside reward provinces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum

from ablework.core.measure_parts import Place, Tally
from ablework.core.pagination import Page, keyset_page_by
from ablework.core.scoping import RegionFields
from ablework.quota.models import Declaration, DeclarationEvent, DeclarationStatus
from ablework.quota.selectors.summary import with_figures
from ablework.quota.selectors.worksheet import STEP_REWARD
from ablework.rewards.models import RewardApplication, RewardStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RewardBasis:
    """The reward of one certified declaration: the amount, the excess over the quota, the
    engine's working and the references of the parameters it used."""

    amount: Decimal
    over_quota: str
    working: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    declaration: Declaration
    basis: RewardBasis
    application: RewardApplication | None


def basis_of(trace: dict[str, Any]) -> RewardBasis | None:
    """The reward step of a stored levy result, or None when there is no reward above zero."""
    raw = trace.get("reward")
    if raw in (None, "", "null"):
        return None
    amount = Decimal(str(raw))
    if amount <= ZERO:
        return None
    steps: list[dict[str, Any]] = list(trace.get("trace") or ())
    step: dict[str, Any] = next((s for s in steps if s.get("step") == STEP_REWARD), {})
    references = tuple(
        dict.fromkeys(
            f"{p.get('reference', '')}（{p.get('name', '')} = {p.get('value', '')}，"
            f"{p.get('effective_from', '')} 起）"
            for p in step.get("parameters", ())
            if p.get("reference")
        )
    )
    return RewardBasis(
        amount=amount,
        over_quota=str(trace.get("over_quota", "")),
        working=str(step.get("formula", "")),
        references=references,
    )


def with_reward(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """The declarations whose stored result has a reward (null outside reward provinces)."""
    return with_figures(with_a_reward_result(declarations))


def with_a_reward_result(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """Those whose stored result has a reward, even zero: the key is there and not JSON null
    (null where no reward rule is in force)."""
    return declarations.exclude(rules_trace__reward=None).exclude(rules_trace__reward__isnull=True)


def certified_trace(declaration: Declaration) -> dict[str, Any]:
    """The levy result staff certified: the certification's stored computation, else (certified
    before decisions stored one) the submission's. Uses prefetched `events` when there."""
    events = [
        e
        for e in declaration.events.all()
        if e.to_status == DeclarationStatus.CERTIFIED and e.rules_trace
    ]
    if events:
        return events[-1].rules_trace
    return declaration.rules_trace or {}


def reward_basis(declaration: Declaration) -> RewardBasis | None:
    """The certified reward of a declaration, None when there is none above zero."""
    return basis_of(certified_trace(declaration))


def _with_events(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    events = DeclarationEvent.objects.filter(to_status=DeclarationStatus.CERTIFIED).order_by(
        "at", "pk"
    )
    return declarations.select_related("employer").prefetch_related(
        Prefetch("events", queryset=events)
    )


def candidates(declarations: QuerySet[Declaration], *, year: int) -> list[Candidate]:
    """The eligible declarations of the year among `declarations` (scoped, certified), by
    employer name, each with its application if one was made; four queries."""
    rows = list(
        _with_events(with_reward(declarations.filter(levy_year=year))).order_by(
            "employer__name", "pk"
        )
    )
    return _candidates_of(rows)


def candidates_page(
    declarations: QuerySet[Declaration], *, year: int, after: int | None, size: int
) -> tuple[list[Candidate], Page[Declaration]]:
    """One page of `candidates` by employer name (the cursor is the last declaration shown),
    in the same four queries at any depth. A declaration the database lists with a reward
    whose certified trace has none above zero is left off its page, so a page may be short."""
    page = keyset_page_by(
        _with_events(with_reward(declarations.filter(levy_year=year))),
        field="employer__name",
        after=after,
        size=size,
    )
    return _candidates_of(page.items), page


def _candidates_of(rows: list[Declaration]) -> list[Candidate]:
    applications = {
        a.declaration_id: a
        for a in RewardApplication.objects.filter(declaration__in=[r.pk for r in rows])
    }
    found = []
    for row in rows:
        basis = reward_basis(row)
        if basis is not None:
            found.append(Candidate(row, basis, applications.get(row.pk)))
    return found


def has_rewards(declarations: QuerySet[Declaration]) -> bool:
    """Whether any of the declarations has a reward rule's result (a reward, even zero): the
    employer is in a province with a reward rule."""
    return with_a_reward_result(declarations).exists()


REWARD_PLACE = RegionFields(
    county="declaration__employer__county_code",
    township="declaration__employer__township_code",
)


def rewards_paid(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """超比例奖励发放 (issue 14's indicator): the amounts paid from `start` to `end` (发放日期),
    in 元, by the employer's county and township as registered now, in one query."""
    rows = (
        RewardApplication.objects.filter(
            REWARD_PLACE.inside(prefix),
            status=RewardStatus.PAID,
            paid_on__gte=start,
            paid_on__lte=end,
        )
        .values(REWARD_PLACE.county, REWARD_PLACE.township)
        .annotate(amount=Sum("paid_amount"))
        .values_list(REWARD_PLACE.county, REWARD_PLACE.township, "amount")
        .order_by()
    )
    return {(county, township or ""): Tally(amount or ZERO) for county, township, amount in rows}


def rewards_paid_units(prefix: str, start: date, end: date) -> dict[int, Decimal]:
    """The employers behind `rewards_paid`, each with the rewards paid to it in the period."""
    rows = (
        RewardApplication.objects.filter(
            REWARD_PLACE.inside(prefix),
            status=RewardStatus.PAID,
            paid_on__gte=start,
            paid_on__lte=end,
        )
        .values("declaration__employer_id")
        .annotate(amount=Sum("paid_amount"))
        .values_list("declaration__employer_id", "amount")
        .order_by()
    )
    return {employer: amount or ZERO for employer, amount in rows}
