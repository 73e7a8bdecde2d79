"""Saving and unsaving postings for a job seeker (我收藏的岗位), each audited. Both are idempotent:
saving a posting already saved, or unsaving one that is not, changes nothing and writes no
record, so a second click (or a second tab) is harmless."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, NotFound
from ablework.core.models import AuditKind
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import SavedPosting
from ablework.matching.selectors.seeker import (
    is_browsable,
    is_seeker,
    posting_for_seeker,
    seeker_persons,
)
from ablework.registry.models import Person


@dataclass(frozen=True)
class SaveOutcome:
    changed: bool  # False: it was already so


def seeker_person(actor: User, person_id: int | None) -> Person:
    """The person a seeker saves for: the chosen one among those they speak for, else their
    first; NotFound for staff, or a person not theirs."""
    if not is_seeker(actor):
        raise NotFound(_("没有找到该页面或记录。"))
    persons = seeker_persons(actor)
    person = persons.filter(pk=person_id).first() if person_id else persons.first()
    if person is None:
        raise NotFound(_("没有找到该残疾人记录。"))
    return person


def save_posting(*, actor: User, posting_id: int, person_id: int | None = None) -> SaveOutcome:
    """Save an open posting for the seeker's person; a closed or expired one is refused (409)."""
    today = timezone.localdate()
    person = seeker_person(actor, person_id)
    posting = posting_for_seeker(actor, posting_id, on=today)
    if SavedPosting.objects.filter(person=person, posting=posting).exists():
        return SaveOutcome(changed=False)
    if not is_browsable(posting, today):
        raise Conflict(_("这个岗位已经结束招聘或过了有效期，不能再收藏。"))
    try:
        with transaction.atomic():
            SavedPosting.objects.create(
                person=person, posting=posting, saved_by=actor, saved_at=timezone.now()
            )
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=MatchingAction.POSTING_SAVE,
                target=posting,
            )
    except IntegrityError:  # saved at the same moment from another tab
        return SaveOutcome(changed=False)
    return SaveOutcome(changed=True)


def unsave_posting(*, actor: User, posting_id: int, person_id: int | None = None) -> SaveOutcome:
    """Remove a posting from the seeker's person's saved postings, whatever its status."""
    person = seeker_person(actor, person_id)
    with transaction.atomic():
        saved = (
            SavedPosting.objects.select_for_update()
            .select_related("posting")
            .filter(person=person, posting_id=posting_id)
            .first()
        )
        if saved is None:
            return SaveOutcome(changed=False)
        posting = saved.posting
        saved.delete()
        record_audit(
            actor=actor, kind=AuditKind.CHANGE, action=MatchingAction.POSTING_UNSAVE, target=posting
        )
    return SaveOutcome(changed=True)
