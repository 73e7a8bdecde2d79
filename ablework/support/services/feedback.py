"""What the person says back, each write in one transaction with its audit record:

- `give_feedback`: the person (or a family member with consent) confirms that a service
  recorded for them happened, or complains that it did not or not as recorded (with a short
  text) — a guard against services recorded but never given;
- `ask_correction`: they ask for a record to be corrected, in their own words;
- `answer_correction`: staff of the person's area answer, on the version they opened.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import access_one
from ablework.core.audit import TEXT_CHANGED, record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.support.access import RECORD, VIEW, person_for_support, records_visible_to
from ablework.support.audit_actions import SupportAction
from ablework.support.models import (
    CorrectionRequest,
    CorrectionState,
    FeedbackKind,
    ServiceFeedback,
    ServiceRecord,
)
from ablework.support.services.cases import refresh_cases

# Who speaks for the person: themselves, or a family member with recorded consent.
OWN_ROLES = (Role.PERSON, Role.FAMILY)


def _speaking_for_the_person(actor: User) -> None:
    if actor.role not in OWN_ROLES:
        raise NotFound(_("没有找到该页面或记录。"))


def give_feedback(*, actor: User, service_id: int, kind: str, text: str) -> ServiceFeedback:
    """Record the person's word on one service recorded for them."""
    _speaking_for_the_person(actor)
    if kind not in FeedbackKind.values:
        raise Invalid(_("请选择服务是否发生。"), field="kind")
    text = text.strip()
    if kind == FeedbackKind.COMPLAINT and not text:
        raise Invalid(_("请简单说明情况：服务没有发生，还是与记录不符？"), field="text")
    with transaction.atomic():
        service = (
            records_visible_to(actor, ServiceRecord, permission=VIEW)
            .select_related("person")
            .filter(pk=service_id)
            .first()
        )
        if service is None:
            raise NotFound(_("没有找到该服务记录。"))
        feedback = ServiceFeedback.objects.create(
            service=service, person=service.person, kind=kind, text=text[:300], given_by=actor
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=SupportAction.SERVICE_COMPLAIN
            if kind == FeedbackKind.COMPLAINT
            else SupportAction.SERVICE_CONFIRM,
            target=feedback,
            changes={"kind": [None, kind], **({"text": ["", TEXT_CHANGED]} if text else {})},
            detail={"service": service.get_kind_display(), "on": service.on.isoformat()},
        )
        refresh_cases(person_ids=[service.person_id])
    return feedback


def ask_correction(*, actor: User, person_id: int, about: str, text: str) -> CorrectionRequest:
    """Record a request to correct a record of the person's, in their words."""
    _speaking_for_the_person(actor)
    text = text.strip()
    if not text:
        raise Invalid(_("请写明哪里不对、应当是什么。"), field="text")
    with transaction.atomic():
        person = person_for_support(actor, person_id, permission=VIEW)
        request = CorrectionRequest.objects.create(
            person=person, about=about.strip()[:100], text=text[:500], requested_by=actor
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=SupportAction.CORRECTION_ASK,
            target=request,
            changes={"state": [None, CorrectionState.OPEN], "text": ["", TEXT_CHANGED]},
        )
        refresh_cases(person_ids=[person.pk])
    return request


def answer_correction(
    *, actor: User, request_id: int, answer: str, seen_version: int
) -> CorrectionRequest:
    """Answer an open correction request of a person of the actor's area (the correction itself
    is made through the record's own service)."""
    answer = answer.strip()
    if not answer:
        raise Invalid(_("请写明答复：已更正了什么，或为什么不需要更正。"), field="answer")
    with transaction.atomic():
        request = access_one(
            actor,
            CorrectionRequest,
            request_id,
            permission=RECORD,
            not_found_message=_("没有找到该更正申请。"),
        )
        advance_version(request, seen=seen_version)
        if request.state != CorrectionState.OPEN:
            raise Invalid(_("该更正申请已经答复过了。"))
        request.state = CorrectionState.ANSWERED
        request.answer = answer[:500]
        request.answered_by = actor
        request.answered_at = timezone.now()
        request.save(update_fields=["state", "answer", "answered_by", "answered_at", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=SupportAction.CORRECTION_ANSWER,
            target=request,
            changes={
                "state": [CorrectionState.OPEN, CorrectionState.ANSWERED],
                "answer": ["", TEXT_CHANGED],
            },
        )
        refresh_cases(person_ids=[request.person_id])
    return request
