"""Starting a referral (岗位推荐): a person asks for one (requested), or a counsellor refers a
person of their area to an open posting with the person's recorded consent (referred).

Before a referral is made the engine's explain runs for the pair on the database path's market
(`selectors.referrals.check_pair`): a broken hard constraint (a job the person cannot do, a wage
under the local minimum, too far, too many hours …) refuses it, each named in plain Chinese. A
posting whose county has no known minimum wage cannot enter a market, so it cannot be checked
and is refused too, saying so (济宁's counties after 2023-09-30): a local value recorded on
本地参数 lets it in. A person's own request is not refused by the check (it is their wish; the
counsellor sees the check when deciding to refer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, FieldsInvalid, Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import (
    POSTING_PLACE,
    ConsentHow,
    JobPosting,
    PostingStatus,
    Referral,
    ReferralSource,
    ReferralState,
    ReferralStep,
)
from ablework.matching.selectors.referrals import (
    ASK,
    REFER,
    PairCheck,
    access_referral,
    check_pair,
)
from ablework.registry.access import access_person
from ablework.registry.models import Person


class ReferralRefused(FieldsInvalid):
    """The engine's check of the pair refuses the referral: each reason on the whole form."""


@dataclass(frozen=True, kw_only=True)
class ConsentInput:
    how: str
    on: date | None


def referral_label(referral: Referral) -> str:
    """The words the audit trail names a referral by."""
    return str(
        _("%(name)s推荐到%(employer)s“%(title)s”")
        % {
            "name": referral.person.name,
            "employer": referral.posting.employer.name,
            "title": referral.posting.title,
        }
    )


def consent_problems(consent: ConsentInput, *, today: date) -> dict[str, list[str]]:
    """The consent's problems, by field."""
    problems: dict[str, list[str]] = {}
    if consent.how not in (ConsentHow.WRITTEN, ConsentHow.ORAL):
        problems["consent_how"] = [_("请选择本人是书面还是口头同意推荐。")]
    if consent.on is None:
        problems["consent_on"] = [_("请填写本人同意推荐的日期。")]
    elif consent.on > today:
        problems["consent_on"] = [_("本人同意推荐的日期不能晚于今天。")]
    return problems


def require_allowed(check: PairCheck) -> None:
    """ReferralRefused with every reason the engine gives, when it gives any."""
    if not check.allowed:
        raise ReferralRefused(
            {"__all__": [_("不能推荐到这个岗位：") + text for text in check.problems]}
        )


def reachable_posting(posting_id: int, person: Person) -> JobPosting:
    """A posting a person may be referred to: in their province (a commute may cross a county's
    border; the engine's distance decides), or NotFound."""
    posting = (
        JobPosting.objects.select_related("employer")
        .filter(POSTING_PLACE.inside(person.county_code[:2]), pk=posting_id)
        .first()
    )
    if posting is None:
        raise NotFound(_("没有找到该招聘岗位。"))
    return posting


def write_step(
    referral: Referral,
    *,
    actor: User | None,
    action: MatchingAction,
    before: str | None,
    on: date,
    changes: dict[str, list[Any]] | None = None,
    **facts: Any,
) -> ReferralStep:
    """The step's row and its audit record (old → new state, the step's facts; never the note)."""
    step = ReferralStep.objects.create(
        referral=referral, state=referral.state, on=on, recorded_by=actor, **facts
    )
    record_audit(
        actor=actor,
        kind=AuditKind.CREATE if before is None else AuditKind.CHANGE,
        action=action,
        target=referral,
        target_label=referral_label(referral),
        changes={"state": [before, referral.state], **(changes or {})},
        detail={"step": step.pk},
    )
    return step


def _open_for_pair(person: Person, posting: JobPosting) -> Referral | None:
    return (
        Referral.objects.select_related("person", "posting", "posting__employer")
        .filter(
            person=person,
            posting=posting,
            state__in=(ReferralState.REQUESTED, ReferralState.REFERRED, ReferralState.INTERVIEW),
        )
        .first()
    )


def _already(referral: Referral) -> Conflict:
    return Conflict(
        _("这个人已经有一条到该岗位的推荐（%(state)s），请在那条推荐上继续。")
        % {"state": referral.get_state_display()}
    )


def refer_person(
    *,
    actor: User,
    person_id: int,
    posting_id: int,
    source: str,
    consent: ConsentInput,
) -> Referral:
    """A counsellor refers a person of their area to a posting, with the person's consent, once
    the engine finds no broken hard constraint for the pair today. A request of the person for
    the same posting becomes this referral."""
    person = access_person(actor, person_id, permission=REFER)
    posting = reachable_posting(posting_id, person)
    today = timezone.localdate()
    problems = consent_problems(consent, today=today)
    consent_on = consent.on
    if source not in ReferralSource.values:
        problems["source"] = [_("请选择推荐来源。")]
    if problems:
        raise FieldsInvalid(problems)
    require_allowed(check_pair(person, posting, on=today))
    existing = _open_for_pair(person, posting)
    if existing is not None and existing.state != ReferralState.REQUESTED:
        raise _already(existing)
    with transaction.atomic():
        if existing is None:
            referral = Referral(person=person, posting=posting, source=source)
            before = old_consent = None
        else:
            referral = existing
            advance_version(referral)
            before, old_consent = str(referral.state), referral.consent_how
        referral.state = ReferralState.REFERRED
        referral.consent_how = consent.how
        assert consent_on is not None  # checked above
        referral.consent_on = consent_on
        referral.consent_recorded_by = actor
        referral.referred_on = today
        referral.referred_by = actor
        referral.state_on = today
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError as error:  # another referral of the pair was saved meanwhile
            raise Conflict(_("这个人刚刚已被推荐到该岗位，请刷新页面查看。")) from error
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_REFER,
            before=before,
            on=today,
            changes={"consent_how": [old_consent, consent.how]},
        )
    return referral


def refer_requested(*, actor: User, referral_id: int, seen_version: int) -> Referral:
    """A counsellor refers a person who asked for the posting (their online request is their
    consent), once the engine finds no broken hard constraint for the pair today."""
    referral = access_referral(actor, referral_id, permission=REFER)
    today = timezone.localdate()
    if referral.state != ReferralState.REQUESTED:
        raise Invalid(
            _("这条推荐现在是“%(state)s”，只有本人申请的推荐才能从这里推荐。")
            % {"state": referral.get_state_display()}
        )
    require_allowed(check_pair(referral.person, referral.posting, on=today))
    with transaction.atomic():
        advance_version(referral, seen=seen_version)
        referral.state = ReferralState.REFERRED
        referral.referred_on = today
        referral.referred_by = actor
        referral.state_on = today
        referral.save(
            update_fields=["state", "referred_on", "referred_by", "state_on", "updated_at"]
        )
        write_step(
            referral,
            actor=actor,
            action=MatchingAction.REFERRAL_REFER,
            before=ReferralState.REQUESTED,
            on=today,
        )
    return referral


def refer_at_event(*, actor: User, person_id: int, posting: JobPosting, on: date) -> Referral:
    """The referral of a person who applied for a posting at a recruitment event on `on` (source
    招聘活动现场, consent 本人在招聘活动现场应聘): the one under way for the pair when there is one
    (a request is referred), else a new one, referred that day — so that the hire the event
    records goes through `record_hire` as every other. The engine's check is not run: it stops a
    counsellor from proposing a job, while here the employer met the person and chose them."""
    person = access_person(actor, person_id, permission=REFER)
    existing = _open_for_pair(person, posting)
    if existing is not None and existing.state != ReferralState.REQUESTED:
        return existing
    with transaction.atomic():
        if existing is None:
            referral = Referral(
                person=person,
                posting=posting,
                source=ReferralSource.EVENT,
                consent_how=ConsentHow.AT_EVENT,
                consent_on=on,
                consent_recorded_by=actor,
            )
            before = None
        else:
            referral = existing
            advance_version(referral)
            before = str(referral.state)
        referral.state = ReferralState.REFERRED
        referral.referred_on = on
        referral.referred_by = actor
        referral.state_on = on
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError as error:  # another referral of the pair was saved meanwhile
            raise Conflict(_("这个人刚刚已被推荐到该岗位，请刷新页面查看。")) from error
        write_step(
            referral, actor=actor, action=MatchingAction.REFERRAL_REFER, before=before, on=on
        )
    return referral


def open_posting_for_asking(posting_id: int) -> JobPosting:
    """A posting open today that a person may ask to be referred to, or NotFound."""
    today = timezone.localdate()
    posting = (
        JobPosting.objects.select_related("employer")
        .filter(
            pk=posting_id,
            status=PostingStatus.OPEN,
            valid_from__lte=today,
            valid_until__gte=today,
        )
        .first()
    )
    if posting is None or posting.openings_left < 1:
        raise NotFound(_("没有找到正在招聘的该岗位。"))
    return posting


def ask_for_referral(*, actor: User, person_id: int, posting_id: int) -> Referral:
    """A person asks to be referred to an open posting (a family member for the person who
    consented): a requested referral, shown in the counsellors' list. Asking twice for the same
    posting while the first is under way is refused, saying so."""
    person = access_person(actor, person_id, permission=ASK)
    posting = open_posting_for_asking(posting_id)
    existing = _open_for_pair(person, posting)
    if existing is not None:
        raise Conflict(
            _("您已经申请过这个岗位的推荐，现在是“%(state)s”，请在“我的推荐”中查看。")
            % {"state": existing.get_state_display()}
        )
    today = timezone.localdate()
    referral = Referral(
        person=person,
        posting=posting,
        source=ReferralSource.REQUEST,
        state=ReferralState.REQUESTED,
        consent_how=ConsentHow.PROXY if actor.role == Role.FAMILY else ConsentHow.ONLINE,
        consent_on=today,
        consent_recorded_by=actor,
        state_on=today,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError as error:
            raise Conflict(_("您已经申请过这个岗位的推荐，请在“我的推荐”中查看。")) from error
        write_step(referral, actor=actor, action=MatchingAction.REFERRAL_ASK, before=None, on=today)
    return referral
