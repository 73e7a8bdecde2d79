"""What the referral pages read beyond `selectors.referrals`: the rows a staff member or an
employer's account may list (an employer never sees a person's request, which no one has
referred yet), what an employer may know of the person (name and phone while the referral is
under way, nothing once it has ended), one step in words, and a person's referrals for the
panel on their employment-services page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.core.audit import note_shown
from ablework.core.errors import NotFound
from ablework.core.masking import mask_free_text
from ablework.matching.models import (
    ACTIVE_STATES,
    NotHiredReason,
    Referral,
    ReferralState,
    ReferralStep,
    WithdrawnBy,
)
from ablework.matching.selectors.referrals import VIEW, access_referral, referrals_visible_to
from ablework.matching.selectors.seeker import is_seeker


def is_employer(user: User) -> bool:
    return user.role == Role.EMPLOYER


def require_staff_or_employer(user: User) -> None:
    """The referral pages are for federation staff and employers' accounts; a person and a
    family member follow theirs under 我的推荐 (404 here)."""
    if not user.has_named_permission(VIEW) or is_seeker(user):
        raise NotFound(_("没有找到该页面或记录。"))


def listed_referrals(user: User) -> QuerySet[Referral]:
    """The referrals the page lists: staff those of their area's persons, an employer those to
    its own postings that were referred (a request waits for the counsellor)."""
    rows = referrals_visible_to(user)
    if is_employer(user):
        rows = rows.exclude(state=ReferralState.REQUESTED)
    return rows


def referral_for_page(user: User, referral_id: int) -> Referral:
    """One referral the page may show, or NotFound (an employer: not a request)."""
    require_staff_or_employer(user)
    referral = access_referral(user, referral_id)
    if is_employer(user) and referral.state == ReferralState.REQUESTED:
        raise NotFound(_("没有找到该岗位推荐。"))
    return referral


def shows_person(user: User, referral: Referral) -> bool:
    """Whether the page names the person: always for staff; for the posting's employer only
    while the referral is under way (referred or interview)."""
    return not is_employer(user) or referral.state in ACTIVE_STATES


def note_person_shown(user: User, referral: Referral) -> bool:
    """Note the person as shown by the response (a view in their access log) when it names
    them; whether it does."""
    if shows_person(user, referral):
        note_shown(referral.person)
        return True
    return False


@dataclass(frozen=True)
class StepShown:
    step: ReferralStep
    facts: list[str]
    note: str


def step_facts(step: ReferralStep) -> list[str]:
    """The step's own facts in words."""
    facts = []
    if step.interview_at is not None:
        when = step.interview_at.astimezone().strftime("%Y-%m-%d %H:%M")
        facts.append(_("面试时间：%(when)s") % {"when": when})
    if step.interview_place:
        label = _("线上面试") if step.interview_online else _("面试地点")
        facts.append(f"{label}：{step.interview_place}")
    if step.started_on is not None:
        facts.append(_("入职日期：%(day)s") % {"day": f"{step.started_on:%Y-%m-%d}"})
    if step.reason:
        facts.append(_("原因：%(reason)s") % {"reason": NotHiredReason(step.reason).label})
    if step.withdrawn_by:
        facts.append(_("撤回方：%(by)s") % {"by": WithdrawnBy(step.withdrawn_by).label})
    return facts


def steps_shown(user: User, steps: list[ReferralStep]) -> list[StepShown]:
    """The steps as the viewer may read them: the recorder's words in full for staff who may
    reveal personal data, 已填写 for other staff, and not at all for an employer (they may name
    health matters) unless its own account wrote them."""
    reveal = user.has_named_permission(Permission.PERSONS_REVEAL)
    shown = []
    for step in steps:
        note = step.note or ""
        if is_employer(user):
            note = note if step.recorded_by_id == user.pk else ""
        elif not reveal:
            note = mask_free_text(note)
        shown.append(StepShown(step=step, facts=step_facts(step), note=note))
    return shown


def person_referrals(user: User, person_id: int, *, limit: int = 20) -> list[Referral]:
    """A person's referrals the viewer may see, the latest step first."""
    return list(
        referrals_visible_to(user).filter(person_id=person_id).order_by("-state_on", "-pk")[:limit]
    )
