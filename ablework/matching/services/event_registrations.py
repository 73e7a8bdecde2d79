"""Registering persons for a recruitment event, with what they need on the day (a sign-language
interpreter, wheelchair access, large print, a companion, other), then recording whether they
came, whether their needs were met, which postings they interviewed for and the one that hired
them. Staff register the persons of their area for an event they see; every write is audited
(the free text only as 已填写/已修改: it may hold health data) and version-checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.text_input import readable_text
from ablework.core.versioning import advance_version
from ablework.matching.event_audit_actions import EventAction
from ablework.matching.models import (
    AccessNeed,
    EventInterview,
    EventPosting,
    EventRegistration,
    NotHiredReason,
    RecruitmentEvent,
)
from ablework.matching.selectors.events import MANAGE
from ablework.matching.services.referral_steps import record_hire
from ablework.matching.services.referrals import refer_at_event
from ablework.registry.access import access_person

MOST_OTHER_NEEDS = 500


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What happened on the day for one registration."""

    attended: bool
    needs_met: bool | None = None
    interviewed: tuple[int, ...] = ()  # posting ids
    hired: int | None = None  # posting id
    started_on: date | None = None  # the hired person's first day at work
    not_hired_reason: str = ""  # NotHiredReason, for the interviews that did not end in a hire


def needs_in_words(codes: Iterable[str]) -> str:
    """The access needs as people read them, in the list's order."""
    chosen = set(codes)
    return "、".join(str(item.label) for item in AccessNeed if item.value in chosen)


def _needs(codes: Iterable[str], other: str) -> tuple[list[str], str]:
    chosen = set(codes)
    unknown = chosen - set(AccessNeed.values)
    problems: dict[str, list[str]] = {}
    if unknown:
        problems["needs"] = [
            _("没有这项无障碍需要：%(codes)s") % {"codes": "、".join(sorted(unknown))}
        ]
    other = readable_text(other, field="needs_other", label=_("其他需要")).strip()
    if len(other) > MOST_OTHER_NEEDS:
        problems["needs_other"] = [
            _("其他需要最多写 %(count)d 个字。") % {"count": MOST_OTHER_NEEDS}
        ]
    if problems:
        raise FieldsInvalid(problems)
    return [item.value for item in AccessNeed if item.value in chosen], other


def _record(registration: EventRegistration) -> dict[str, Any]:
    values = snapshot(registration, ("attended", "needs_met"))
    values["person"] = registration.person_id
    values["needs"] = needs_in_words(registration.needs or [])
    values["needs_other"] = registration.needs_other
    interviews = registration.interviews.select_related("posting__employer").order_by("pk")
    values["interviewed_postings"] = "、".join(
        f"{row.posting.employer.name}：{row.posting.title}" for row in interviews
    )
    hired = [row for row in interviews if row.hired]
    values["hired_posting"] = (
        f"{hired[0].posting.employer.name}：{hired[0].posting.title}" if hired else ""
    )
    reasons = {row.get_not_hired_reason_display() for row in interviews if row.not_hired_reason}
    values["not_hired_reason"] = "、".join(sorted(str(reason) for reason in reasons))
    return values


def register_person(
    *,
    actor: User,
    event: RecruitmentEvent,
    person_id: int,
    needs: Iterable[str] = (),
    needs_other: str = "",
) -> EventRegistration:
    """Register a person of the actor's area for an event the actor sees (NotFound otherwise);
    Conflict when they are registered already."""
    require_permission(actor, MANAGE)
    person = access_person(actor, person_id)
    codes, other = _needs(needs, needs_other)
    if EventRegistration.objects.filter(event=event, person=person).exists():
        raise Conflict(
            _("%(name)s 已经报名了“%(event)s”，可以在报名名单里修改需要。")
            % {"name": person.name, "event": event.name}
        )
    registration = EventRegistration(
        event=event,
        person=person,
        registered_by=actor if actor.pk else None,
        needs=codes,
        needs_other=other,
    )
    try:
        with transaction.atomic():
            registration.save()
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=EventAction.REGISTER,
                target=registration,
                changes=diff({}, _record(registration), texts=("needs_other",)),
                detail={"event": event.pk},
            )
    except IntegrityError:  # registered by someone else a moment ago
        raise Conflict(
            _("%(name)s 已经报名了“%(event)s”。") % {"name": person.name, "event": event.name}
        ) from None
    return registration


def update_needs(
    *,
    actor: User,
    registration: EventRegistration,
    needs: Iterable[str],
    needs_other: str,
    seen_version: int | None = None,
) -> EventRegistration:
    """Change what a registered person needs on the day, on the version seen."""
    require_permission(actor, MANAGE)
    codes, other = _needs(needs, needs_other)
    before = _record(registration)
    with transaction.atomic():
        advance_version(registration, seen=seen_version)
        registration.needs = codes
        registration.needs_other = other
        registration.save(update_fields=["needs", "needs_other", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EventAction.REGISTRATION_UPDATE,
            target=registration,
            changes=diff(before, _record(registration), texts=("needs_other",)),
        )
    return registration


def cancel_registration(
    *, actor: User, registration: EventRegistration, seen_version: int | None = None
) -> None:
    """Take a registration back before anything is recorded of the day (Conflict after)."""
    require_permission(actor, MANAGE)
    if registration.attended is not None:
        raise Conflict(_("已经记录了到场情况的报名不能取消。"))
    before = _record(registration)
    with transaction.atomic():
        advance_version(registration, seen=seen_version)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EventAction.REGISTRATION_CANCEL,
            target=registration,
            changes=diff(before, {}, texts=("needs_other",)),
        )
        registration.delete()


def _check_outcome(event: RecruitmentEvent, outcome: Outcome, *, on: date) -> set[int]:
    problems: dict[str, list[str]] = {}
    if event.held_on > on:
        raise Invalid(
            _("“%(event)s”在 %(day)s 举办，举办之后才能记录到场和录用。")
            % {"event": event.name, "day": event.held_on.isoformat()}
        )
    offered = set(EventPosting.objects.filter(event=event).values_list("posting_id", flat=True))
    interviewed = set(outcome.interviewed) | ({outcome.hired} if outcome.hired else set())
    if interviewed - offered:
        problems["interviewed"] = [_("只能选择本次活动的参会岗位。")]
    if interviewed and not outcome.attended:
        problems["attended"] = [_("记录了面试或录用，就应当记为到场。")]
    if outcome.not_hired_reason and outcome.not_hired_reason not in NotHiredReason.values:
        problems["not_hired_reason"] = [_("请选择未录用原因。")]
    if problems:
        raise FieldsInvalid(problems)
    return interviewed


def _hire(actor: User, registration: EventRegistration, outcome: Outcome) -> None:
    """The hire through the referral pipeline (a referral of source 招聘活动现场, then its hire:
    the registry's employment, the posting's hires, the employment service), in the caller's
    transaction: a refusal of any part leaves the whole outcome unsaved."""
    interview = registration.interviews.select_related("posting__employer").get(
        posting_id=outcome.hired
    )
    referral = refer_at_event(
        actor=actor,
        person_id=registration.person_id,
        posting=interview.posting,
        on=registration.event.held_on,
    )
    record_hire(
        actor=actor,
        referral_id=referral.pk,
        seen_version=referral.version,
        started_on=outcome.started_on,
    )
    interview.hired = True
    interview.referral = referral
    interview.save(update_fields=["hired", "referral"])


def record_outcome(
    *,
    actor: User,
    registration: EventRegistration,
    outcome: Outcome,
    on: date,
    seen_version: int | None = None,
) -> EventRegistration:
    """Record the day for one registration: came or not, needs met or not, the postings
    interviewed for and the one (if any) that hired them — once the event has been held. A hire
    goes through the referral pipeline (`_hire`) and is not changed here afterwards."""
    require_permission(actor, MANAGE)
    interviewed = _check_outcome(registration.event, outcome, on=on)
    recorded = registration.interviews.filter(hired=True, referral__isnull=False).first()
    if recorded is not None and recorded.posting_id != outcome.hired:
        raise Conflict(
            _(
                "这次录用已经登记为岗位推荐的录用（实名制信息已记为已就业），不能在这里修改或取消；"
                "如有错误，请更正本人的就业信息。"
            )
        )
    before = _record(registration)
    with transaction.atomic():
        advance_version(registration, seen=seen_version)
        registration.attended = outcome.attended
        registration.needs_met = outcome.needs_met if outcome.attended else None
        registration.save(update_fields=["attended", "needs_met", "updated_at"])
        registration.interviews.exclude(posting_id__in=interviewed).delete()
        kept = set(registration.interviews.values_list("posting_id", flat=True))
        EventInterview.objects.bulk_create(
            EventInterview(registration=registration, posting_id=pk)
            for pk in sorted(interviewed - kept)
        )
        registration.interviews.exclude(posting_id=outcome.hired).update(
            hired=False, not_hired_reason=outcome.not_hired_reason
        )
        registration.interviews.filter(posting_id=outcome.hired).update(not_hired_reason="")
        if outcome.hired and recorded is None:
            _hire(actor, registration, outcome)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EventAction.OUTCOME,
            target=registration,
            changes=diff(before, _record(registration), texts=("needs_other",)),
        )
    return registration
