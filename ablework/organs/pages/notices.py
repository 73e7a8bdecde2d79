"""The staff's side of the public notice (公示): the notices of their area, preparing one,
reading a draft and approving or refusing it (a second person, never the preparer), and the
appeals the public sent with their answers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.core.errors import DomainError
from ablework.core.form_pages import form_page, show_conflict
from ablework.core.models import Region, RegionLevel
from ablework.core.pagination import keyset_page_by, parse_cursor
from ablework.core.region_names import region_name
from ablework.core.versioning import StaleRecord
from ablework.organs.access import access_appeal, access_notice, notices_visible_to
from ablework.organs.audit_actions import OrgansAction
from ablework.organs.forms import AnswerForm, NoticeForm, RejectForm, VersionedForm
from ablework.organs.models import NoticeAppeal, NoticeStatus, PublicNotice
from ablework.organs.pages.public import NOTICES_PER_PAGE, rows_page
from ablework.organs.services.notices import (
    NOTICE_VERSION_ACTIONS,
    answer_appeal,
    approve_notice,
    prepare_notice,
    refresh_notice,
    reject_notice,
)
from ablework.printing.responses import public_base_url


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """The notices of the staff's area, newest first, 50 a page, by status if one is chosen
    (kept from page to page)."""
    user: User = request.user  # type: ignore[assignment]
    notices = notices_visible_to(user).select_related("prepared_by", "decided_by")
    status = request.GET.get("status", "")
    if status in NoticeStatus.values:
        notices = notices.filter(status=status)
    else:
        status = ""
    page = keyset_page_by(
        notices,
        field="created_at",
        descending=True,
        after=parse_cursor(request.GET.get("after")),
        size=NOTICES_PER_PAGE,
    )
    return render(
        request,
        "organs/notice_list.html",
        {
            "notices": page.items,
            "page": page,
            "query": urlencode({"status": status}) if status else "",
            "status": status,
            "statuses": NoticeStatus.choices,
        },
    )


def _regions(user: User) -> list[tuple[str, str]]:
    """The areas the staff member may prepare a notice for: their own (county, city or
    province) and the counties and cities inside it."""
    region = user.region
    if region is None:
        rows = Region.objects.filter(level__in=[RegionLevel.CITY, RegionLevel.COUNTY])
    elif region.level in (RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY):
        return []
    else:
        rows = Region.objects.filter(
            code__startswith=region.scope_prefix,
            level__in=[RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY],
        )
    return [(row.code, region_name(row.code)) for row in rows.order_by("code")]


@login_required
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    """Prepare a notice: the area and year; the rows are read from the certified declarations."""
    user: User = request.user  # type: ignore[assignment]
    regions = _regions(user)
    initial = {"region_code": regions[0][0] if regions else ""}
    form = NoticeForm(request.POST or None, regions=regions, initial=initial)
    return form_page(
        request,
        form,
        template="organs/notice_form.html",
        save=lambda data: prepare_notice(actor=user, draft=form.draft()),
        done=_("已拟定公示，请另一位工作人员审核。"),
        next_url=lambda notice: reverse("organs:notice_detail", args=[notice.pk]),
    )


def _detail_context(
    request: HttpRequest, user: User, notice: PublicNotice, **forms: Any
) -> dict[str, Any]:
    appeals = notice.appeals.order_by("-created_at", "-id") if notice.pk else []
    page = rows_page(request, notice.rows)
    return {
        "notice": notice,
        "rows": [row for _n, row in page.items],
        "page": page,
        "query": "",
        "total_rows": len(notice.rows),
        "appeals": appeals,
        "is_preparer": notice.prepared_by_id == user.pk,
        "approve_form": forms.get("approve")
        or VersionedForm(initial={"version": notice.version}, prefix="approve"),
        "reject_form": forms.get("reject")
        or RejectForm(initial={"version": notice.version}, prefix="reject"),
        "refresh_form": VersionedForm(initial={"version": notice.version}, prefix="refresh"),
    }


@login_required
@require_GET
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    """A notice as it stands (a draft's rows, or the published snapshot), its decision and its
    appeals; on a draft, the approve and refuse forms (not for its preparer)."""
    user: User = request.user  # type: ignore[assignment]
    notice = access_notice(user, notice_id)
    return render(request, "organs/notice_detail.html", _detail_context(request, user, notice))


def _decision(request: HttpRequest, notice_id: int, *, prefix: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    notice = access_notice(user, notice_id)
    form: VersionedForm = (
        RejectForm(request.POST, prefix=prefix)
        if prefix == "reject"
        else VersionedForm(request.POST, prefix=prefix)
    )
    conflict: dict[str, Any] = {}
    if form.is_valid():
        version = form.cleaned_data.get("version") or 0
        try:
            if prefix == "approve":
                approve_notice(
                    actor=user,
                    notice=notice,
                    seen_version=version,
                    base_url=public_base_url(request),
                )
                done = _("已审核通过，公示已发布。")
            elif prefix == "reject":
                reject_notice(
                    actor=user,
                    notice=notice,
                    seen_version=version,
                    reason=form.cleaned_data["reason"],
                )
                done = _("已不予通过，该公示不会发布。")
            else:
                refresh_notice(actor=user, notice=notice, seen_version=version)
                done = _("已按最新审核确认的申报更新公示内容。")
        except DomainError as error:
            if isinstance(error, StaleRecord):
                show_conflict(conflict, form, notice, error, actions=NOTICE_VERSION_ACTIONS)
            form.add_domain_error(error)
            status = error.http_status
        else:
            messages.success(request, done)
            return HttpResponseRedirect(reverse("organs:notice_detail", args=[notice.pk]))
    else:
        status = 400
    notice.refresh_from_db()
    context = _detail_context(request, user, notice, **{prefix: form})
    context["conflict"] = conflict
    return render(request, "organs/notice_detail.html", context, status=status)


@login_required
@require_POST
def notice_approve(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Approve and publish the draft exactly as the page showed it (its version)."""
    return _decision(request, notice_id, prefix="approve")


@login_required
@require_POST
def notice_reject(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Refuse the draft with a reason."""
    return _decision(request, notice_id, prefix="reject")


@login_required
@require_POST
def notice_refresh(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The preparer reads the draft's rows again."""
    return _decision(request, notice_id, prefix="refresh")


@login_required
@require_http_methods(["GET", "POST"])
def appeal_answer(request: HttpRequest, notice_id: int, appeal_id: int) -> HttpResponse:
    """Answer an appeal; the contact is shown masked."""
    user: User = request.user  # type: ignore[assignment]
    notice = access_notice(user, notice_id)
    appeal: NoticeAppeal = access_appeal(user, notice, appeal_id)
    form = AnswerForm(
        request.POST or None, initial={"version": appeal.version, "answer": appeal.answer}
    )
    return form_page(
        request,
        form,
        template="organs/appeal_answer.html",
        save=lambda data: answer_appeal(
            actor=user, appeal=appeal, answer=data["answer"], seen_version=data["version"] or 0
        ),
        done=_("已答复。"),
        next_url=reverse("organs:notice_detail", args=[notice.pk]),
        context={"notice": notice, "appeal": appeal},
        versioned=(appeal, [OrgansAction.APPEAL_ANSWER]),
    )
