"""Posting, changing and closing job postings: audited, inside the actor's area, version-checked.

An employer's account posts for its own organisation; staff (a counsellor, an administrator)
post for an employer they may see, at a place inside their area. Every problem of the input is
refused at once (FieldsInvalid, see posting_checks), the lowest wage under the local minimum wage
of the posting's county on its first day among them, naming the parameter and its value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import require_permission, require_region_inside
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.employers.access import access_employer
from ablework.employers.models import Employer
from ablework.matching.access import EDIT
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.errors import MatchingErrorCode
from ablework.matching.models import CloseReason, JobPosting, PostingStatus
from ablework.matching.services.posting_checks import (
    PostingDetails,
    check_posting,
    demands_in_words,
    offers_in_words,
)
from ablework.support.vocabulary import Accommodation, Demand

__all__ = [
    "ENDED",
    "PostingDetails",
    "check_posting",
    "close_posting",
    "create_posting",
    "fill_opening",
    "offers_in_words",
    "record_export",
    "require_not_ended",
    "update_posting",
    "write_imported_postings",
]

AUDITED_FIELDS = (
    "title",
    "occupation",
    "kind",
    "status",
    "county_code",
    "township_code",
    "address",
    "latitude",
    "longitude",
    "wage_min",
    "wage_max",
    "hours_per_week",
    "schedule",
    "contract_type",
    "openings",
    "openings_filled",
    "valid_from",
    "valid_until",
    "closed_on",
    "close_reason",
)
ENDED = (PostingStatus.CLOSED, PostingStatus.FILLED)


def _record(posting: JobPosting) -> dict[str, Any]:
    values = snapshot(posting, AUDITED_FIELDS)
    values["tasks"] = posting.tasks
    values["offers"] = offers_in_words(posting.offers or [])
    values["demands"] = demands_in_words(posting.demands or {})
    return values


def _require_place(actor: User, employer: Employer, details: PostingDetails) -> None:
    """Staff post inside their area; an employer's own account anywhere its work is."""
    if actor.role == Role.EMPLOYER and actor.employer_id == employer.pk:
        return
    require_region_inside(
        actor, county_code=details.county_code, township_code=details.township_code
    )


def _apply(posting: JobPosting, details: PostingDetails) -> None:
    posting.title = details.title.strip()
    posting.occupation = details.occupation.strip()
    posting.tasks = details.tasks.strip()
    posting.kind = details.kind
    posting.county_code = details.county_code
    posting.township_code = details.township_code
    posting.address = details.address.strip()
    posting.latitude = details.latitude
    posting.longitude = details.longitude
    assert details.wage_min is not None
    assert details.wage_max is not None
    posting.wage_min = details.wage_min
    posting.wage_max = details.wage_max
    assert details.hours_per_week is not None
    assert details.openings is not None
    posting.hours_per_week = details.hours_per_week
    posting.schedule = details.schedule.strip()
    posting.contract_type = details.contract_type
    posting.openings = details.openings
    posting.openings_filled = details.openings_filled
    assert details.valid_from is not None
    assert details.valid_until is not None
    posting.valid_from = details.valid_from
    posting.valid_until = details.valid_until
    posting.offers = [item.value for item in Accommodation if item.value in set(details.offers)]
    posting.demands = {
        item.value: details.demands[item.value] for item in Demand if item.value in details.demands
    }
    if details.draft:
        posting.status = PostingStatus.DRAFT
    elif posting.openings_filled >= posting.openings:
        posting.status = PostingStatus.FILLED
    else:
        posting.status = PostingStatus.OPEN


def create_posting(
    *,
    actor: User,
    employer_id: int,
    details: PostingDetails,
    detail: Mapping[str, Any] | None = None,
) -> JobPosting:
    """Post a job for the employer (one the actor may post for), open or as a draft."""
    require_permission(actor, EDIT)
    employer = access_employer(actor, employer_id, permission=EDIT)
    _require_place(actor, employer, details)
    check_posting(details)
    posting = JobPosting(employer=employer, created_by=actor if actor.pk else None)
    _apply(posting, details)
    with transaction.atomic():
        posting.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=MatchingAction.POSTING_CREATE,
            target=posting,
            changes=diff({}, _record(posting), texts=("tasks",)),
            detail=detail,
        )
    return posting


def require_not_ended(posting: JobPosting) -> None:
    """Conflict (409) for a closed or filled posting: it is kept as it was."""
    if posting.status in ENDED:
        raise Conflict(
            _("该岗位已%(status)s，不能再修改；需要继续招聘请发布新的岗位。")
            % {"status": posting.get_status_display()},
            code=MatchingErrorCode.POSTING_ENDED,
        )


def update_posting(
    *,
    actor: User,
    posting: JobPosting,
    details: PostingDetails,
    seen_version: int | None = None,
    detail: Mapping[str, Any] | None = None,
) -> JobPosting:
    """Change a posting (one the actor may edit, not ended) on the version the form was opened
    with: StaleRecord when it moved on since, nothing written. Hires recorded up to the
    openings make it filled."""
    require_permission(actor, EDIT)
    require_not_ended(posting)
    _require_place(actor, posting.employer, details)
    check_posting(details)
    before = _record(posting)
    with transaction.atomic():
        advance_version(posting, seen=posting.version if seen_version is None else seen_version)
        _apply(posting, details)
        posting.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.POSTING_UPDATE,
            target=posting,
            changes=diff(before, _record(posting), texts=("tasks",)),
            detail=detail,
        )
    return posting


def close_posting(
    *, actor: User, posting: JobPosting, on: date, seen_version: int | None = None
) -> JobPosting:
    """End a posting's recruitment by hand (it stays, read-only, with its figures)."""
    require_permission(actor, EDIT)
    require_not_ended(posting)
    before = _record(posting)
    with transaction.atomic():
        advance_version(posting, seen=posting.version if seen_version is None else seen_version)
        posting.status = PostingStatus.CLOSED
        posting.closed_on = on
        posting.close_reason = CloseReason.BY_HAND
        posting.save(update_fields=["status", "closed_on", "close_reason", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.POSTING_CLOSE,
            target=posting,
            changes=diff(before, _record(posting)),
        )
    return posting


def fill_opening(*, actor: User, posting_id: int, detail: Mapping[str, Any]) -> JobPosting:
    """Count one hire on the posting (a referral's hire: the referral pipeline has checked who
    may record it), locking its row: 已招满 when the hires reach its openings; a closed posting
    counts the hire and stays closed. Conflict when no opening is left."""
    with transaction.atomic():
        posting = (
            JobPosting.objects.select_for_update().select_related("employer").get(pk=posting_id)
        )
        if posting.openings_filled >= posting.openings:
            raise Conflict(
                _("该岗位的 %(count)d 个名额已经录满，不能再登记录用。")
                % {"count": posting.openings},
                code=MatchingErrorCode.POSTING_ENDED,
            )
        before = _record(posting)
        advance_version(posting)
        posting.openings_filled += 1
        if posting.status == PostingStatus.OPEN and posting.openings_filled >= posting.openings:
            posting.status = PostingStatus.FILLED
        posting.save(update_fields=["openings_filled", "status", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.POSTING_UPDATE,
            target=posting,
            changes=diff(before, _record(posting)),
            detail=detail,
        )
    return posting


def record_export(*, actor: User, filters: Mapping[str, str], count: int) -> None:
    """Log an export of postings (no personal data: the employers' postings and their figures)."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=MatchingAction.POSTINGS_EXPORT,
        target_type="matching.jobposting",
        target_label=_("招聘岗位 %(count)d 个") % {"count": count},
        detail={"filters": dict(filters), "count": count},
    )


def write_imported_postings(
    *, actor: User, postings: Iterable[Any], detail: Mapping[str, Any]
) -> None:
    """Write an import chunk's planned postings (matching/imports/planning.py PlannedPosting):
    each new one created, each changed one updated on the version the planner read; every one
    audited with the batch."""
    for planned in postings:
        if planned.created:
            create_posting(
                actor=actor, employer_id=planned.employer_id, details=planned.details, detail=detail
            )
            continue
        posting = JobPosting.objects.select_related("employer").get(pk=planned.pk)
        update_posting(
            actor=actor,
            posting=posting,
            details=planned.details,
            seen_version=planned.version,
            detail=detail,
        )
