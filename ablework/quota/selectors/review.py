"""The federation's review queue: the declarations awaiting review (submitted, resubmitted) among
those the viewer may review, filtered by status, county, employer kind, size, deadline and risk
level, sorted by risk (the precomputed score, quota/risk/; highest first) or oldest first, with
the employer, when each was submitted, how long it has waited and how far past the review period
(`REVIEW_DAYS`) it is, its score and top signal, and its counted persons and levy
(`summary.py`) — one query per page (and one for the cursor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.accounts.scope import scope_of
from ablework.core.models import Region, RegionLevel
from ablework.core.pagination import Page, keyset_page_by
from ablework.quota.models import Declaration
from ablework.quota.risk import parameters as p
from ablework.quota.risk.signals import LEVEL_LABELS, TITLES, Level, SignalCode
from ablework.quota.selectors.summary import (
    FIGURE_FIELDS,
    DeclarationSummary,
    summary_of,
    with_figures,
)
from ablework.quota.transitions import AWAITING_REVIEW

QUEUE_PAGE_SIZE = 50
UNSCORED = "unscored"
# Each level's scores, from (inclusive) and to (exclusive; None: no end), as `level_of` reads
# them from LEVEL_MEDIUM_FROM and LEVEL_HIGH_FROM.
LEVEL_SCORES: dict[Level, tuple[int, int | None]] = {
    Level.LOW: (0, p.LEVEL_MEDIUM_FROM),
    Level.MEDIUM: (p.LEVEL_MEDIUM_FROM, p.LEVEL_HIGH_FROM),
    Level.HIGH: (p.LEVEL_HIGH_FROM, None),
}


class QueueOrder(StrEnum):
    RISK = "risk"
    OLDEST = "oldest"


ORDER_LABELS = {
    QueueOrder.RISK: gettext_lazy("风险分从高到低"),
    QueueOrder.OLDEST: gettext_lazy("提交时间从早到晚"),
}

SIZE_LABELS = {
    "small": gettext_lazy("100人以下"),
    "medium": gettext_lazy("100至299人"),
    "large": gettext_lazy("300至999人"),
    "very_large": gettext_lazy("1000人及以上"),
}


class Deadline(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


DEADLINE_LABELS = {
    Deadline.OVERDUE: gettext_lazy("已超过审核期限"),
    Deadline.DUE_SOON: gettext_lazy("7天内到期"),
}


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    county: str = ""
    kind: str = ""
    size: str = ""
    deadline: str = ""
    risk: str = ""
    order: QueueOrder = QueueOrder.RISK


@dataclass(frozen=True)
class QueueRow:
    summary: DeclarationSummary
    employer_name: str
    county_code: str
    kind_label: str
    submitted_at: datetime | None
    waiting_days: int | None
    overdue_days: int | None
    score: int | None
    level: str
    level_label: str
    top_signal: str
    sampled: bool


def awaiting_review(
    declarations: QuerySet[Declaration],
    *,
    status: str = "",
    county: str = "",
    filters: QueueFilters | None = None,
    now: datetime | None = None,
) -> QuerySet[Declaration]:
    """The declarations (already scoped to the viewer) awaiting review, narrowed by the
    filters (status and county may also be given alone)."""
    filters = filters or QueueFilters(status=status, county=county)
    rows = declarations.filter(status__in=AWAITING_REVIEW)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.county:
        rows = rows.filter(employer__county_code=filters.county)
    if filters.kind:
        rows = rows.filter(employer__kind=filters.kind)
    band = next((b for b in p.SIZE_BANDS if b[0] == filters.size), None)
    if band is not None:
        rows = rows.filter(employer__staff_count__gte=band[1])
        if band[2] is not None:
            rows = rows.filter(employer__staff_count__lte=band[2])
    now = now or timezone.now()
    limit = now - timedelta(days=p.REVIEW_DAYS)
    if filters.deadline == Deadline.OVERDUE:
        rows = rows.filter(submitted_at__lt=limit)
    elif filters.deadline == Deadline.DUE_SOON:
        rows = rows.filter(
            submitted_at__gte=limit, submitted_at__lt=limit + timedelta(days=p.DUE_SOON_DAYS)
        )
    if filters.risk == UNSCORED:
        rows = rows.filter(risk__isnull=True)
    elif filters.risk in set(Level):
        # The level's score range on the declaration's own copy of the score lets the queue's
        # index (risk_score, id) seek to the level; the stored level decides.
        low, high = LEVEL_SCORES[Level(filters.risk)]
        rows = rows.filter(risk_score__gte=low, risk__level=filters.risk)
        if high is not None:
            rows = rows.filter(risk_score__lt=high)
    return rows


def counties_of_area(viewer: User, declarations: QuerySet[Declaration]) -> list[str]:
    """The county codes the county filter offers: every county of the viewer's area (a city's
    or province's counties, whether or not one has a declaration waiting; a county's or
    township's own county); the system administrator, whose area is the country, is offered
    those with declarations awaiting review."""
    scope = scope_of(viewer)
    prefix = scope.region_prefix
    if prefix is None:
        codes = awaiting_review(declarations).values_list("employer__county_code", flat=True)
        return sorted(set(codes.order_by()))
    if len(prefix) >= 6:
        return [prefix[:6]]
    return list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=prefix)
        .order_by("code")
        .values_list("code", flat=True)
    )


def counties_awaiting(declarations: QuerySet[Declaration]) -> list[str]:
    """The county codes of the declarations awaiting review."""
    codes = awaiting_review(declarations).values_list("employer__county_code", flat=True)
    return sorted(set(codes.order_by()))


def _days(since: datetime | None, today: date) -> int | None:
    return (today - timezone.localtime(since).date()).days if since else None


def review_queue(
    declarations: QuerySet[Declaration],
    *,
    after: int | None,
    size: int | None = None,
    today: date | None = None,
    order: QueueOrder = QueueOrder.RISK,
) -> tuple[list[QueueRow], Page[Any]]:
    """One page of the queue, highest risk first (unscored declarations count as 0) or the
    longest waiting first: its rows, and the page for the pager."""
    today = today or timezone.localdate()
    rows = (
        with_figures(declarations)
        .select_related("employer", "risk", "deep_check")
        # The page shows none of these (a stored trace can be long): not read for 50 rows.
        .defer("rules_trace", "headcount_monthly", "risk__signals")
    )
    page: Page[Any]
    if order == QueueOrder.OLDEST:
        page = keyset_page_by(rows, field="submitted_at", after=after, size=size or QUEUE_PAGE_SIZE)
    else:
        # The declaration's copy of its stored score (0 while unscored), read in the order of
        # its index (risk_score, id): the page stops after its rows instead of sorting the area.
        page = keyset_page_by(
            rows, field="risk_score", after=after, size=size or QUEUE_PAGE_SIZE, descending=True
        )
    return [_row(row, today) for row in page.items], page


def _row(row: Any, today: date) -> QueueRow:
    risk = getattr(row, "risk", None) if hasattr(row, "risk") else None
    waiting = _days(row.submitted_at, today)
    overdue = waiting - p.REVIEW_DAYS if waiting is not None else None
    top = risk.top_signal if risk is not None else ""
    return QueueRow(
        summary=summary_of({field: getattr(row, field) for field in FIGURE_FIELDS}),
        employer_name=row.employer.name,
        county_code=row.employer.county_code,
        kind_label=row.employer.get_kind_display(),
        submitted_at=row.submitted_at,
        waiting_days=waiting,
        overdue_days=overdue if overdue is not None and overdue > 0 else None,
        score=risk.score if risk is not None else None,
        level=risk.level if risk is not None else "",
        level_label=str(LEVEL_LABELS[Level(risk.level)]) if risk is not None else "",
        top_signal=str(TITLES[SignalCode(top)]) if top else "",
        sampled=hasattr(row, "deep_check"),
    )
