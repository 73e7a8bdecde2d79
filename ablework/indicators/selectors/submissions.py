"""The submission status of every county of a region for a period (报送情况), each with its
deadline from the rules parameters and whether it is overdue (逾期)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.core.models import Region, RegionLevel
from ablework.indicators.models import Revision, RevisionStatus, Submission, SubmissionStatus
from ablework.indicators.periods import YEAR, Period
from ablework.registry.rulebook import rules_evaluation

YEAR_DEADLINE = "submissions.year_deadline"

NOT_SUBMITTED = "none"
PENDING_REVISION = "revision"
STATUS_LABELS = {
    NOT_SUBMITTED: gettext_lazy("未报送"),
    SubmissionStatus.SUBMITTED: gettext_lazy("已报送待审核"),
    SubmissionStatus.RETURNED: gettext_lazy("已退回"),
    SubmissionStatus.LOCKED: gettext_lazy("已审核锁定"),
    PENDING_REVISION: gettext_lazy("有待审核更正"),
}


@dataclass(frozen=True)
class Deadline:
    """The day a county's submission of the period is due (None: no parameter sets one), and
    where it comes from."""

    day: date | None
    reference: str

    @property
    def words(self) -> str:
        if self.day is None:
            return _("未规定报送期限")
        return _("%(month)s月%(day)s日前") % {"month": self.day.month, "day": self.day.day}


def deadline_of(region_code: str, period: Period) -> Deadline:
    """The county's deadline for the period: a year's from `submissions.year_deadline` as in
    force at the region in that year; no seed text sets one for a quarter."""
    if not YEAR.fullmatch(period.code):
        return Deadline(None, "")
    found = rules_evaluation(jurisdiction=region_code, on=period.end).find(YEAR_DEADLINE)
    if found is None or not found.value:
        return Deadline(None, "")
    month, day = (int(part) for part in str(found.value).split("-"))
    dated = found.dated
    return Deadline(date(period.end.year, month, day), dated.reference.render(dated.confidence))


@dataclass(frozen=True)
class StatusRow:
    """One county's submission of the period: its status, the latest submission (None: not
    submitted), the deadline and whether it is overdue."""

    region: Region
    city: Region | None
    status: str
    submission: Submission | None
    deadline: Deadline
    overdue: bool
    late: bool  # submitted after the deadline

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def counties_of(region: Region) -> list[Region]:
    """The counties whose submissions the region sees: its own (a county), its counties (a
    city), all of them (a province); none below a county."""
    if region.level == RegionLevel.COUNTY:
        return [region]
    if region.level not in (RegionLevel.CITY, RegionLevel.PROVINCE):
        return []
    return list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=region.scope_prefix)
        .select_related("parent")
        .order_by("code")
    )


def latest_submissions(codes: list[str], period: Period) -> dict[str, Submission]:
    """Each region's standing submission of the period (the one not returned, else the latest
    returned)."""
    found: dict[str, Submission] = {}
    rows = (
        Submission.objects.filter(region_code__in=codes, period=period.code)
        .select_related("proposed_by", "decided_by")
        .order_by("region_code", "created_at", "id")
    )
    for row in rows:
        kept = found.get(row.region_code)
        if kept is None or kept.status == SubmissionStatus.RETURNED:
            found[row.region_code] = row
    return found


def status_rows(region: Region, period: Period, *, today: date | None = None) -> list[StatusRow]:
    """Every county of the region for the period, in code order."""
    today = today or timezone.localdate()
    counties = counties_of(region)
    codes = [county.code for county in counties]
    standing = latest_submissions(codes, period)
    pending = set(
        Revision.objects.filter(
            submission__in=[row.pk for row in standing.values()], status=RevisionStatus.PENDING
        ).values_list("submission_id", flat=True)
    )
    rows = []
    for county in counties:
        submission = standing.get(county.code)
        deadline = deadline_of(county.code, period)
        if submission is None:
            status = NOT_SUBMITTED
        elif submission.status == SubmissionStatus.LOCKED and submission.pk in pending:
            status = PENDING_REVISION
        else:
            status = submission.status
        outstanding = status in (NOT_SUBMITTED, SubmissionStatus.RETURNED)
        submitted_on = timezone.localdate(submission.created_at) if submission is not None else None
        rows.append(
            StatusRow(
                region=county,
                city=county.parent if region.level == RegionLevel.PROVINCE else None,
                status=status,
                submission=submission,
                deadline=deadline,
                overdue=outstanding and deadline.day is not None and today > deadline.day,
                late=not outstanding
                and deadline.day is not None
                and submitted_on is not None
                and submitted_on > deadline.day,
            )
        )
    return rows


def status_counts(rows: list[StatusRow]) -> list[tuple[str, int]]:
    """How many counties are in each status (for the page's summary), in the labels' order."""
    return [
        (str(label), count)
        for key, label in STATUS_LABELS.items()
        if (count := sum(1 for row in rows if row.status == key))
    ]
