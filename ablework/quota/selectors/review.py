"""The federation's review queue: the declarations awaiting review (submitted, resubmitted) among
those the viewer may review, with the employer, its county, when each was submitted and how long
it has waited, and its counted persons and levy (`summary.py`) — one query per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from ablework.core.pagination import Page, keyset_page_by
from ablework.quota.models import Declaration
from ablework.quota.selectors.summary import (
    FIGURE_FIELDS,
    DeclarationSummary,
    summary_of,
    with_figures,
)
from ablework.quota.transitions import AWAITING_REVIEW

QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueRow:
    summary: DeclarationSummary
    employer_name: str
    county_code: str
    submitted_at: datetime | None
    waiting_days: int | None


def awaiting_review(
    declarations: QuerySet[Declaration], *, status: str = "", county: str = ""
) -> QuerySet[Declaration]:
    """The declarations (already scoped to the viewer) awaiting review, of one status and one
    county when given."""
    rows = declarations.filter(status__in=AWAITING_REVIEW)
    if status:
        rows = rows.filter(status=status)
    if county:
        rows = rows.filter(employer__county_code=county)
    return rows


def counties_awaiting(declarations: QuerySet[Declaration]) -> list[str]:
    """The county codes of the declarations awaiting review, for the county filter."""
    codes = awaiting_review(declarations).values_list("employer__county_code", flat=True)
    return sorted(set(codes.order_by()))


def review_queue(
    declarations: QuerySet[Declaration],
    *,
    after: int | None,
    size: int | None = None,
    today: date | None = None,
) -> tuple[list[QueueRow], Page[Declaration]]:
    """One page of the queue, the longest waiting first: its rows, and the page for the pager."""
    today = today or timezone.localdate()
    page = keyset_page_by(
        with_figures(declarations).select_related("employer"),
        field="submitted_at",
        after=after,
        size=size or QUEUE_PAGE_SIZE,
    )
    items = [
        QueueRow(
            summary=summary_of({field: getattr(row, field) for field in FIGURE_FIELDS}),
            employer_name=row.employer.name,
            county_code=row.employer.county_code,
            submitted_at=row.submitted_at,
            waiting_days=(today - timezone.localtime(row.submitted_at).date()).days
            if row.submitted_at
            else None,
        )
        for row in page.items
    ]
    return items, page
