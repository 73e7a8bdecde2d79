"""Reading referrals: who may see which (the one scope: staff by the person's place, an employer
its own postings', a person their own, a family member with consent), the engine's check of one
person and one posting before a referral, and the staff's list with its counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.matching.engine import explain_pair, read_market
from ablework.matching.models import JobPosting, Referral, ReferralState, ReferralStep
from ablework.matching.selectors.market import build_market
from ablework.registry.models import Person

VIEW = Permission.REFERRALS_VIEW
REFER = Permission.REFERRALS_REFER
RECORD = Permission.REFERRALS_RECORD
ASK = Permission.REFERRALS_ASK


def referrals_visible_to(actor: User, *, permission: Permission = VIEW) -> QuerySet[Referral]:
    """The referrals the actor may see with `permission`."""
    return visible(
        actor,
        Referral.objects.select_related("person", "posting", "posting__employer", "referred_by"),
        permission=permission,
    )


def access_referral(actor: User, referral_id: int, *, permission: Permission = VIEW) -> Referral:
    """One referral, or NotFound for "absent" and "not yours" alike."""
    return access_one(
        actor,
        referrals_visible_to(actor, permission=permission),
        referral_id,
        permission=permission,
        not_found_message=_("没有找到该岗位推荐。"),
    )


def steps_of(referral: Referral) -> list[ReferralStep]:
    """The referral's history, oldest first, with who recorded each step."""
    return list(referral.steps.select_related("recorded_by").order_by("recorded_at", "pk"))


@dataclass(frozen=True)
class PairCheck:
    """The engine's answer for one person and one posting on a day: what stops a referral (a
    broken hard constraint, or a record that cannot enter a market, in plain Chinese) and the
    explanation of the fit."""

    problems: list[str] = field(default_factory=list)
    explanation: list[dict[str, str]] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.problems


def check_pair(person: Person, posting: JobPosting, *, on: date) -> PairCheck:
    """Run the engine's explain for the pair on the market `build_market` gives for these two
    (the same path as the batch recommendations). A posting whose county has no known minimum
    wage, or a person without an assessment or needs registration, cannot enter the market:
    the reason is the problem, since the engine cannot say the job is one the person can do at
    a legal wage."""
    built = build_market([person], [posting], on=on)
    problems = [reason for _pk, reason in built.skipped_persons]
    problems += [reason for _pk, reason in built.skipped_postings]
    if problems:
        return PairCheck(problems=[f"{text}。" for text in problems])
    answer: Mapping[str, Any] = explain_pair(
        read_market(built.input), str(person.pk), str(posting.pk), top=1
    )
    return PairCheck(
        problems=[
            _("硬性条件%(number)s：%(text)s") % {"number": item["constraint"], "text": item["text"]}
            for item in answer["broken"]
        ],
        explanation=list(answer["explanation"]),
    )


@dataclass(frozen=True)
class ReferralFilters:
    state: str = ""
    county: str = ""
    posting: int | None = None


def filtered(rows: QuerySet[Referral], filters: ReferralFilters) -> QuerySet[Referral]:
    """The rows the filters keep (a county: the person's)."""
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.county:
        rows = rows.filter(person__county_code=filters.county)
    if filters.posting is not None:
        rows = rows.filter(posting_id=filters.posting)
    return rows


def counts_by_state(rows: QuerySet[Referral]) -> dict[str, int]:
    """How many of the rows are in each state (every state named, 0 included), one query."""
    found = dict(rows.order_by().values_list("state").annotate(n=Count("pk")))
    return {state.value: found.get(state.value, 0) for state in ReferralState}


def referral_list(rows: QuerySet[Referral]) -> QuerySet[Referral]:
    """The list's order: the latest step first."""
    return rows.order_by("-state_on", "-pk")
