"""Reads of a job seeker's referrals (我的推荐, `/matching/jobs/referrals/`): the referrals of the
persons a seeker speaks for (themselves, or the persons whose consent a family member holds),
each in plain words — the state, its days, what happens next — and, on a job's page, the one
under way for each of them and what the engine's check says of the pair.

The referrals are read through the one scope (`referrals_visible_to`: a person their own, a
family member those of the persons who consented), so another person's referral is not found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.errors import NotFound
from ablework.matching.models import (
    JobPosting,
    Referral,
    ReferralSource,
    ReferralState,
    ReferralStep,
)
from ablework.matching.selectors.referral_pages import step_facts
from ablework.matching.selectors.referrals import ASK, access_referral, check_pair
from ablework.matching.selectors.referrals import referrals_visible_to as visible_referrals
from ablework.matching.selectors.seeker import is_seeker
from ablework.registry.models import Person

S = ReferralState
UNDER_WAY = (S.REQUESTED, S.REFERRED, S.INTERVIEW)
# At most this many referrals are listed (the latest first); a person rarely has more.
LIST_LIMIT = 50
# What happens next, by state (an ended referral says what the seeker may do now).
NEXT_STEP = {
    S.REQUESTED: gettext_lazy(
        "就业服务专员会核对这个岗位是否适合您，合适的就把您推荐给招聘单位。请留意电话。"
    ),
    S.REFERRED: gettext_lazy(
        "招聘单位现在可以看到您的姓名和联系电话，会和您联系安排面试。请留意电话。"
    ),
    S.INTERVIEW: gettext_lazy(
        "请按时参加面试。面试时需要手语翻译、无障碍通道等便利条件的，请提前告诉就业服务专员。"
    ),
    S.HIRED: gettext_lazy("祝工作顺利！入职后遇到困难，可以找就业服务专员。"),
    S.NOT_HIRED: gettext_lazy(
        "这条推荐已经结束。可以继续查找岗位、再申请推荐，也可以请就业服务专员帮您找。"
    ),
    S.WITHDRAWN: gettext_lazy("这条推荐已经结束。可以继续查找岗位、再申请推荐。"),
}


@dataclass(frozen=True)
class SeekerReferral:
    """One referral as its person reads it."""

    referral: Referral
    asked_on: date | None  # the day the person asked (their own request)
    facts: list[str]  # the latest step's own facts in words (interview, start day, reason)
    next_step: str

    @property
    def may_withdraw(self) -> bool:
        return self.referral.state in UNDER_WAY


def _latest_step(referral: Referral) -> ReferralStep | None:
    steps = list(referral.steps.all())  # prefetched, oldest first
    return steps[-1] if steps else None


def _facts(referral: Referral) -> list[str]:
    """The latest step's facts (an interview's time and place, the start day, the reason, who
    withdrew) — never the recorder's words."""
    step = _latest_step(referral)
    if step is None or step.state != referral.state:
        return []
    return step_facts(step)


def _shown(referral: Referral) -> SeekerReferral:
    asked = referral.consent_on if referral.source == ReferralSource.REQUEST else None
    return SeekerReferral(
        referral=referral,
        asked_on=asked,
        facts=_facts(referral),
        next_step=str(NEXT_STEP[S(referral.state)]),
    )


def seeker_referrals(actor: User, person_ids: Sequence[int]) -> tuple[list[SeekerReferral], bool]:
    """The referrals of these persons (the seeker's own) that the actor may see, the latest step
    first, at most LIST_LIMIT; and whether there are more."""
    if not is_seeker(actor) or not person_ids:
        return [], False
    rows = list(
        visible_referrals(actor)
        .filter(person_id__in=person_ids)
        .prefetch_related(Prefetch("steps", queryset=ReferralStep.objects.order_by("on", "pk")))
        .order_by("-state_on", "-pk")[: LIST_LIMIT + 1]
    )
    return [_shown(referral) for referral in rows[:LIST_LIMIT]], len(rows) > LIST_LIMIT


def seeker_referral(actor: User, referral_id: int) -> Referral:
    """One referral of the seeker's persons that they may withdraw (asked or under way as
    theirs), or NotFound for another person's and for staff alike."""
    if not is_seeker(actor):
        raise NotFound(_("没有找到该岗位推荐。"))
    return access_referral(actor, referral_id, permission=ASK)


def under_way_for(posting: JobPosting, person_ids: Sequence[int]) -> dict[int, Referral]:
    """The referral under way to the posting for each of these persons who has one."""
    if not person_ids:
        return {}
    rows = Referral.objects.filter(posting=posting, person_id__in=person_ids, state__in=UNDER_WAY)
    return {row.person_id: row for row in rows}


def ask_problems(person: Person, posting: JobPosting, *, on: date) -> list[str]:
    """What the engine's check of the pair finds against a referral (each broken hard
    constraint, or why the pair cannot be checked), in plain Chinese; none when it passes. The
    person may still ask (their wish): the counsellor cannot refer them until it passes."""
    return check_pair(person, posting, on=on).problems
