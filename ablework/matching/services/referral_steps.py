"""A referral's next steps: the interview, the hire, not hired, withdrawn. One table says which
state may follow which and who may record it; each step is refused, with the reason in Chinese,
when the referral is not in a state it may follow, and on a version other than the one the
page was opened with (StaleRecord, 409, with what the other recorded).

A **hire** is one transaction: the person's registry record becomes 已就业 from the start day
(through `registry.services.update_person`, which keeps the employment history), the posting
counts the hire (`services.postings.fill_opening`: 已招满 when full) and employment services
record a 职业介绍/岗位推荐 with result 推荐成功，已录用 (`support.services.records`), which resets
the escalation count. **Not hired** records the same service with result 推荐未成功, which counts
toward escalation (升级帮扶). **Withdrawn** records no service: nothing came of the referral
either way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.core.errors import FieldsInvalid, Invalid
from ablework.core.versioning import advance_version
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import (
    NotHiredReason,
    PostingKind,
    Referral,
    ReferralSource,
    ReferralState,
    WithdrawnBy,
)
from ablework.matching.selectors.referrals import ASK, RECORD, REFER, access_referral
from ablework.matching.services.postings import fill_opening
from ablework.matching.services.referrals import write_step
from ablework.registry.models import EmploymentKind, EmploymentStatus, Person
from ablework.registry.services import PersonChanges, update_person
from ablework.support.models import Channel
from ablework.support.services.records import record_referral_result

S = ReferralState
# Which state may follow which.
NEXT: dict[str, tuple[str, ...]] = {
    S.REQUESTED: (S.REFERRED, S.WITHDRAWN),
    S.REFERRED: (S.INTERVIEW, S.HIRED, S.NOT_HIRED, S.WITHDRAWN),
    S.INTERVIEW: (S.INTERVIEW, S.HIRED, S.NOT_HIRED, S.WITHDRAWN),
}
# Who may record a step into each state: the permission it needs (staff and the employer record
# the interview and the outcome; the person withdraws their own; staff do everything).
NEEDS: dict[str, tuple[Permission, ...]] = {
    S.REFERRED: (REFER,),
    S.INTERVIEW: (RECORD,),
    S.HIRED: (RECORD,),
    S.NOT_HIRED: (RECORD,),
    S.WITHDRAWN: (REFER, ASK),
}
# The form of employment a hire on each kind of posting is, as the registry counts it.
EMPLOYMENT_OF_KIND = {
    PostingKind.TARGETED: EmploymentKind.QUOTA,
    PostingKind.PUBLIC_WELFARE: EmploymentKind.PUBLIC_WELFARE_POST,
    PostingKind.RESERVED_OUTLET: EmploymentKind.SELF_EMPLOYED,
    PostingKind.AUXILIARY: EmploymentKind.AUXILIARY,
}


def next_states(referral: Referral, actor: User) -> list[str]:
    """The states the actor may move the referral to now."""
    return [
        state
        for state in NEXT.get(referral.state, ())
        if any(actor.has_named_permission(p) for p in NEEDS[state])
    ]


def _reach(actor: User, referral_id: int, to: str) -> Referral:
    """The referral, reached with the first permission the actor holds for the step."""
    held = next((p for p in NEEDS[to] if actor.has_named_permission(p)), NEEDS[to][0])
    return access_referral(actor, referral_id, permission=held)


def _move(referral: Referral, to: str, seen_version: int) -> str:
    """Lock and advance the referral on the version seen, refuse a move its state does not
    allow; the state it had."""
    advance_version(referral, seen=seen_version)
    referral.refresh_from_db(fields=["state", "state_on"])
    before = str(referral.state)
    if to not in NEXT.get(before, ()):
        raise Invalid(
            _("这条推荐现在是“%(now)s”，不能再登记为“%(to)s”。")
            % {"now": referral.get_state_display(), "to": S(to).label}
        )
    referral.state = to
    referral.state_on = timezone.localdate()
    referral.save(update_fields=["state", "state_on", "updated_at"])
    return before


@dataclass(frozen=True, kw_only=True)
class InterviewInput:
    at: datetime | None
    online: bool
    place: str


def record_interview(
    *, actor: User, referral_id: int, seen_version: int, interview: InterviewInput
) -> Referral:
    """The interview's day and time, and where (or that it is online); again to change it."""
    referral = _reach(actor, referral_id, S.INTERVIEW)
    problems: dict[str, list[str]] = {}
    if interview.at is None:
        problems["at"] = [_("请填写面试时间。")]
    place = interview.place.strip()
    if not place:
        problems["place"] = [
            _("请写明线上面试的方式（如视频会议链接）。")
            if interview.online
            else _("请填写面试地点。")
        ]
    elif len(place) > 200:
        problems["place"] = [_("面试地点最多 200 个字。")]
    if problems:
        raise FieldsInvalid(problems)
    with transaction.atomic():
        before = _move(referral, S.INTERVIEW, seen_version)
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_INTERVIEW,
            before=before,
            on=timezone.localdate(),
            changes={
                "interview_at": [None, interview.at.isoformat() if interview.at else None],
                "interview_place": [None, place],
            },
            interview_at=interview.at,
            interview_online=interview.online,
            interview_place=place,
        )
    return referral


def _given_by(referral: Referral) -> str:
    return str(referral.referred_by) if referral.referred_by else str(_("岗位推荐"))


def _channel(referral: Referral) -> str:
    return Channel.ONLINE if referral.source == ReferralSource.REQUEST else Channel.ON_SITE


def record_hire(
    *,
    actor: User,
    referral_id: int,
    seen_version: int,
    started_on: date | None,
    employment_kind: str = "",
) -> Referral:
    """The person was hired from `started_on` (not after today): the registry's employment,
    the posting's hires and the employment service, with the step, in one transaction."""
    referral = _reach(actor, referral_id, S.HIRED)
    kind = employment_kind or str(
        EMPLOYMENT_OF_KIND.get(PostingKind(referral.posting.kind), EmploymentKind.QUOTA)
    )
    problems: dict[str, list[str]] = {}
    today = timezone.localdate()
    if started_on is None:
        problems["started_on"] = [_("请填写入职日期。")]
    elif started_on > today:
        problems["started_on"] = [_("入职日期不能晚于今天：请在本人入职后再登记录用。")]
    if kind not in EmploymentKind.values:
        problems["employment_kind"] = [_("请选择就业形式。")]
    if problems:
        raise FieldsInvalid(problems)
    assert started_on is not None
    posting = referral.posting
    with transaction.atomic():
        before = _move(referral, S.HIRED, seen_version)
        person = Person.objects.get(pk=referral.person_id)
        try:
            update_person(
                actor=actor,
                person=person,
                changes=PersonChanges(
                    employment_status=EmploymentStatus.EMPLOYED,
                    employment_kind=kind,
                    employer_name=posting.employer.name,
                    employment_since=started_on,
                ),
            )
        except Invalid as error:
            if getattr(error, "field", "") == "employment_since":
                raise FieldsInvalid({"started_on": [error.message]}) from error
            raise
        fill_opening(actor=actor, posting_id=posting.pk, detail={"referral": referral.pk})
        record_referral_result(
            actor=actor,
            person=person,
            on=today,
            hired=True,
            channel=_channel(referral),
            outcome=str(
                _("推荐到%(employer)s“%(title)s”，已录用，%(day)s入职")
                % {"employer": posting.employer.name, "title": posting.title, "day": started_on}
            ),
            given_by=_given_by(referral),
        )
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_HIRE,
            before=before,
            on=today,
            changes={"started_on": [None, started_on.isoformat()]},
            started_on=started_on,
        )
    return referral


def record_not_hired(
    *, actor: User, referral_id: int, seen_version: int, reason: str, note: str
) -> Referral:
    """Not hired, with the reason from the short list and the recorder's words (required for
    其他原因): an unsuccessful referral, counted toward escalation (升级帮扶)."""
    referral = _reach(actor, referral_id, S.NOT_HIRED)
    problems: dict[str, list[str]] = {}
    if reason not in NotHiredReason.values:
        problems["reason"] = [_("请选择未录用的原因。")]
    if reason == NotHiredReason.OTHER and not note.strip():
        problems["note"] = [_("选择“其他原因”时，请写明原因。")]
    if len(note.strip()) > 300:
        problems["note"] = [_("说明最多 300 个字。")]
    if problems:
        raise FieldsInvalid(problems)
    today = timezone.localdate()
    posting = referral.posting
    with transaction.atomic():
        before = _move(referral, S.NOT_HIRED, seen_version)
        person = Person.objects.get(pk=referral.person_id)
        record_referral_result(
            actor=actor,
            person=person,
            on=today,
            hired=False,
            channel=_channel(referral),
            outcome=str(
                _("推荐到%(employer)s“%(title)s”，未录用：%(reason)s")
                % {
                    "employer": posting.employer.name,
                    "title": posting.title,
                    "reason": NotHiredReason(reason).label,
                }
            ),
            given_by=_given_by(referral),
        )
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_NOT_HIRED,
            before=before,
            on=today,
            changes={"reason": [None, reason]},
            reason=reason,
            note=note.strip(),
        )
    return referral


def withdraw_referral(
    *, actor: User, referral_id: int, seen_version: int, by: str, note: str
) -> Referral:
    """Withdrawn, by whom (the person, staff, the employer) and why: nothing is counted."""
    referral = _reach(actor, referral_id, S.WITHDRAWN)
    if actor.role in (Role.PERSON, Role.FAMILY):
        by = WithdrawnBy.PERSON
    problems: dict[str, list[str]] = {}
    if by not in WithdrawnBy.values:
        problems["by"] = [_("请选择是谁撤回了推荐。")]
    if not note.strip():
        problems["note"] = [_("请写明撤回的原因。")]
    elif len(note.strip()) > 300:
        problems["note"] = [_("说明最多 300 个字。")]
    if problems:
        raise FieldsInvalid(problems)
    with transaction.atomic():
        before = _move(referral, S.WITHDRAWN, seen_version)
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_WITHDRAW,
            before=before,
            on=timezone.localdate(),
            changes={"withdrawn_by": [None, by]},
            withdrawn_by=by,
            note=note.strip(),
        )
    return referral
