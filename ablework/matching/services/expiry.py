"""Closing the postings whose validity has passed (`ablework postings close-expired`, run daily
shortly after midnight, or its job): each open or draft posting whose `valid_until` is before the
day is closed as expired, its version advanced and an audit record written with the system as
actor, in one transaction per chunk of postings."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from ablework.core.audit import audit_entry, record_audits
from ablework.core.models import AuditKind
from ablework.core.scoping import code_prefix_q
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import CloseReason, JobPosting, PostingStatus

CHUNK = 1000


def _expired(region_code: str, on: date) -> QuerySet[JobPosting]:
    rows = JobPosting.objects.filter(
        status__in=(PostingStatus.OPEN, PostingStatus.DRAFT), valid_until__lt=on
    )
    if region_code:
        rows = rows.filter(code_prefix_q(region_code, field="county_code"))
    return rows


def close_expired(*, on: date, region_code: str = "") -> int:
    """Close every posting of the region (all, when empty) that expired before `on`; how many."""
    closed = 0
    while True:
        with transaction.atomic():
            chunk = list(
                _expired(region_code, on)
                .select_for_update()
                .order_by("pk")
                .only("pk", "title", "status", "county_code", "township_code", "version")[:CHUNK]
            )
            if not chunk:
                return closed
            ids = [posting.pk for posting in chunk]
            JobPosting.objects.filter(pk__in=ids).update(
                status=PostingStatus.CLOSED,
                closed_on=on,
                close_reason=CloseReason.EXPIRED,
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
            record_audits(
                [
                    audit_entry(
                        actor=None,
                        kind=AuditKind.CHANGE,
                        action=MatchingAction.POSTING_EXPIRE,
                        target=posting,
                        changes={
                            "status": [posting.status, PostingStatus.CLOSED.value],
                            "closed_on": [None, on.isoformat()],
                            "close_reason": ["", CloseReason.EXPIRED.value],
                        },
                    )
                    for posting in chunk
                ]
            )
            closed += len(chunk)


def close_expired_summary(*, on: date, region_code: str = "") -> str:
    """Close the expired postings; what was done, in words (the job's result)."""
    closed = close_expired(on=on, region_code=region_code)
    return f"已结束 {closed} 个有效期届满的招聘岗位（{on:%Y-%m-%d}）。"


def close_expired_job(region_code: str, on: str) -> str:
    """The work of the daily job (jobs.services.enqueue_job)."""
    return close_expired_summary(on=date.fromisoformat(on), region_code=region_code)
