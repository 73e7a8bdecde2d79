"""The submission pages (报送与锁定): the status of every county for a period (报送情况), a
county submitting its period, a submission's page (its figures as submitted, as they stand
and live now, its history, and the level above's decision), and a revision (更正) proposed and
decided.

Scoped by indicators/access.py and core scoping: a region or a submission outside the viewer's
area answers 404. No page shows a person, so the pages write no view rows; every write is
audited by services/submissions.py."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.accounts.scope import access_one
from ablework.core.errors import Invalid
from ablework.core.form_pages import form_page
from ablework.core.models import Region, RegionLevel
from ablework.core.region_names import region_full_name
from ablework.indicators.access import MANAGE, VIEW, access_region
from ablework.indicators.audit_actions import REVISION_VERSION_ACTIONS, SUBMISSION_VERSION_ACTIONS
from ablework.indicators.lock_words import tally_shown
from ablework.indicators.models import Revision, RevisionStatus, Submission, SubmissionStatus
from ablework.indicators.periods import Period, parse_period, year_period
from ablework.indicators.selectors.figures import child_regions, figures_for
from ablework.indicators.selectors.locks import lock_of, lockable
from ablework.indicators.selectors.submission_history import figure_lines, history_of
from ablework.indicators.selectors.submissions import deadline_of, status_counts, status_rows
from ablework.indicators.services.submissions import (
    REVISION_DECISION,
    SUBMISSION_DECISION,
    DecisionKind,
    decide_on,
    propose_revision,
    submission_label,
    submit_figures,
    submittable_period,
)
from ablework.indicators.submission_forms import RevisionForm, SubmitForm
from ablework.indicators.target_forms import DecisionForm
from ablework.indicators.views import _region


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _period(raw: str) -> tuple[Period, str]:
    """The quarter or year asked for, or this year and why the one asked for is not shown."""
    this_year = year_period(timezone.localdate().year)
    if not raw.strip():
        return this_year, ""
    try:
        period = parse_period(raw)
    except Invalid as error:
        return this_year, error.message + _("下面显示今年。")
    if not lockable(period):
        return this_year, _("报送按季度或年度：请写 2026Q3 或 2026。下面显示今年。")
    return period, ""


def detail_url(submission: Submission) -> str:
    return reverse("indicators:submission_detail", args=[submission.pk])


def status_url(region_code: str, period: str) -> str:
    return f"{reverse('indicators:submission_status')}?region={region_code}&period={period}"


@login_required
@require_GET
def submission_status(request: HttpRequest) -> HttpResponse:
    """报送情况 (`?region=370800&period=2026`): every county of the region for the period, its
    status, who and when, the deadline and whether it is overdue."""
    user = _user(request)
    region = _region(user, request.GET.get("region", "").strip()[:12])
    period, problem = _period(request.GET.get("period", "")[:12])
    rows = status_rows(region, period)
    own = next((row for row in rows if row.region.code == user.region_id), None)
    references = sorted({row.deadline.reference for row in rows if row.deadline.reference})
    return render(
        request,
        "indicators/submissions/status.html",
        {
            "region": region,
            "region_label": region_full_name(region.code),
            "children": child_regions(region) if region.level != RegionLevel.COUNTY else [],
            "parent": region.parent
            if region.parent is not None and user.region_id != region.code
            else None,
            "period": period,
            "period_problem": problem,
            "rows": rows,
            "counts": status_counts(rows),
            "references": references,
            "by_city": region.level == RegionLevel.PROVINCE,
            "below_county": region.level
            not in (
                RegionLevel.PROVINCE,
                RegionLevel.CITY,
                RegionLevel.COUNTY,
            ),
            "may_submit": own is not None
            and user.has_named_permission(MANAGE)
            and own.status in ("none", SubmissionStatus.RETURNED),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_new(request: HttpRequest) -> HttpResponse:
    """报送 (`?region=370811&period=2026Q3`): the county's figures as they are now, and the
    button that stores them for the level above."""
    user = _user(request)
    region = access_region(user, request.GET.get("region", "")[:12], permission=MANAGE)
    code = request.GET.get("period", "")[:12]
    try:
        period = submittable_period(code)
    except Invalid:
        period = None
    live = figures_for(region, period) if period is not None else []
    form = SubmitForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="indicators/submissions/new.html",
        save=lambda data: submit_figures(actor=user, region_code=region.code, period_code=code),
        done=lambda submission: (
            _("已报送“%(label)s”，待上级审核。") % {"label": submission_label(submission)}
        ),
        next_url=detail_url,
        context={
            "region": region,
            "period": period,
            "period_code": code,
            "deadline": deadline_of(region.code, period) if period is not None else None,
            "lines": [
                (figure.measure, tally_shown(figure.measure, figure.total)) for figure in live
            ],
        },
    )


def _submission(user: User, submission_id: int) -> Submission:
    return access_one(
        user,
        Submission.objects.select_related("proposed_by", "decided_by"),
        submission_id,
        permission=VIEW,
        not_found_message=_("没有找到该报送。"),
    )


def _page(user: User, submission: Submission) -> dict[str, object]:
    """What the submission page shows, whichever form is on it."""
    region = Region.objects.get(code=submission.region_code)
    period = parse_period(submission.period)
    lock = lock_of(submission)
    standing = submission.status != SubmissionStatus.RETURNED
    lines = figure_lines(lock, figures_for(region, period) if standing else None)
    own_staff = user.region_id == submission.region_code and user.has_named_permission(MANAGE)
    above = user.region_id != submission.region_code and user.has_named_permission(MANAGE)
    pending = submission.revisions.filter(status=RevisionStatus.PENDING).first()
    latest = (
        Submission.objects.filter(region_code=submission.region_code, period=submission.period)
        .order_by("-created_at", "-id")
        .first()
    )
    return {
        "submission": submission,
        "label": submission_label(submission),
        "region": region,
        "period": period,
        "deadline": deadline_of(region.code, period),
        "lines": [
            {
                "line": line,
                "submitted": tally_shown(line.measure, line.submitted),
                "standing": tally_shown(line.measure, line.standing),
                "live": tally_shown(line.measure, line.live) if line.live is not None else "—",
            }
            for line in lines
        ],
        "differing": [line for line in lines if line.differs],
        "history": history_of(submission),
        "pending": pending,
        "may_decide": above and submission.status == SubmissionStatus.SUBMITTED,
        "may_decide_revision": above and pending is not None,
        "may_revise": own_staff
        and submission.status == SubmissionStatus.LOCKED
        and pending is None
        and any(line.differs for line in lines),
        "may_resubmit": own_staff
        and submission.status == SubmissionStatus.RETURNED
        and latest is not None
        and latest.pk == submission.pk,
        "status_url": status_url(submission.region_code, submission.period),
    }


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    """A submission: its figures and history; while 待审核, the level above's decision on the
    version the page was opened on (409 with what the other saved)."""
    user = _user(request)
    submission = _submission(user, submission_id)
    page = _page(user, submission)
    pending = page["pending"]
    if page["may_decide_revision"] and isinstance(pending, Revision):
        # the decision shown is the pending revision's: it is sent to its own address
        form = DecisionForm(initial={"version": pending.version})
        page["decide_action"] = reverse("indicators:revision_decide", args=[pending.pk])
        return render(request, "indicators/submissions/detail.html", {**page, "form": form})
    return _decision_page(request, SUBMISSION_DECIDED, submission, submission, page)


@login_required
@require_http_methods(["GET", "POST"])
def revision_new(request: HttpRequest, submission_id: int) -> HttpResponse:
    """更正: the indicators whose live data differs from the locked figures, and the reason."""
    user = _user(request)
    submission = _submission(user, submission_id)
    page = _page(user, submission)
    choices = [
        (line.measure.code, str(line.measure.name))
        for line in page["differing"]  # type: ignore[attr-defined]
    ]
    form = RevisionForm(
        request.POST or None,
        choices=choices,
        initial={"version": submission.version, "indicators": [code for code, _n in choices]},
    )
    return form_page(
        request,
        form,
        template="indicators/submissions/revise.html",
        save=lambda data: propose_revision(
            actor=user,
            submission_id=submission.pk,
            version=data["version"],
            indicators=data["indicators"],
            reason=data["reason"],
        ),
        done=_("已提交更正，待上级审核；审核通过前仍显示原锁定数。"),
        next_url=detail_url(submission),
        context=page,
        versioned=(submission, SUBMISSION_VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def revision_decide(request: HttpRequest, revision_id: int) -> HttpResponse:
    """The level above's decision on a pending revision, on the version seen."""
    user = _user(request)
    revision = access_one(
        user,
        Revision.objects.select_related("submission"),
        revision_id,
        permission=VIEW,
        not_found_message=_("没有找到该更正。"),
    )
    submission = _submission(user, revision.submission_id)
    page = {
        **_page(user, submission),
        "decide_action": reverse("indicators:revision_decide", args=[revision.pk]),
    }
    return _decision_page(request, REVISION_DECIDED, revision, submission, page)


@dataclass(frozen=True)
class _Decided:
    """What the two decision pages differ in: the decision taken (services' kind), its words
    once taken and the writes a refused (stale) decision shows."""

    kind: DecisionKind[Any]
    approved: Promise
    returned: Promise
    actions: Collection[str]


SUBMISSION_DECIDED = _Decided(
    kind=SUBMISSION_DECISION,
    approved=gettext_lazy("已审核通过，本期数据已锁定。"),
    returned=gettext_lazy("已退回，报送单位会看到退回理由，可重新报送。"),
    actions=SUBMISSION_VERSION_ACTIONS,
)

REVISION_DECIDED = _Decided(
    kind=REVISION_DECISION,
    approved=gettext_lazy("更正已审核通过，现显示更正后的数。"),
    returned=gettext_lazy("更正已退回，仍显示原锁定数。"),
    actions=REVISION_VERSION_ACTIONS,
)


def _decision_page(
    request: HttpRequest,
    decided: _Decided,
    record: Submission | Revision,
    submission: Submission,
    page: dict[str, object],
) -> HttpResponse:
    """The level above's decision on `record` (审核通过, or 退回 with its reason) on the version
    the page was opened on: a stale one answers 409 with what the other saved."""
    user = _user(request)
    form = DecisionForm(request.POST or None, initial={"version": record.version})

    def decide(data: dict[str, object]) -> Submission | Revision:
        note = None if data["decision"] == "approve" else str(data["decision_note"])
        version = int(str(data["version"]))
        return decide_on(decided.kind, actor=user, pk=record.pk, version=version, note=note)

    return form_page(
        request,
        form,
        template="indicators/submissions/detail.html",
        save=decide,
        done=lambda result: str(
            decided.approved if result.status == decided.kind.approved else decided.returned
        ),
        next_url=detail_url(submission),
        context=page,
        versioned=(record, decided.actions),
    )
