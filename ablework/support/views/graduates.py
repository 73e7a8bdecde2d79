"""The pages of the graduates' ledger (一人一策台账): a cohort's ledger with its rates, one
graduate with the opportunity and monthly status forms, and the ledger as .xlsx."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.audit import audits_views
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.support.access import RECORD, SUPERVISE
from ablework.support.models import Graduate, MonthlyStatus, Opportunity
from ablework.support.selectors.graduates import (
    access_cohort,
    access_graduate,
    cohorts_visible_to,
    graduates_visible_to,
    ledger,
)
from ablework.support.services.graduates import (
    record_graduate_view,
    record_ledger_export,
    record_offer,
    record_status,
)
from ablework.support.services.ledger_export import write_ledger
from ablework.support.views.graduate_forms import OfferForm, StatusForm


def _permission(user: User) -> Permission:
    """RECORD for those who keep the ledger, else SUPERVISE for those who watch it."""
    if user.has_named_permission(RECORD):
        return RECORD
    if user.has_named_permission(SUPERVISE):
        return SUPERVISE
    raise NotFound(_("没有找到该页面或记录。"))


@login_required
def graduate_ledger(request: HttpRequest) -> HttpResponse:
    """一人一策台账: the graduates of a cohort the viewer may see, and its rates."""
    user: User = request.user  # type: ignore[assignment]
    permission = _permission(user)
    cohorts = list(cohorts_visible_to(user, permission=permission)[:50])
    chosen = request.GET.get("cohort", "")
    cohort = next((c for c in cohorts if str(c.pk) == chosen), cohorts[0] if cohorts else None)
    today = timezone.localdate()
    book = None
    if cohort is not None:
        book = ledger(cohort, graduates_visible_to(user, permission=permission), today=today)
    return render(
        request,
        "support/graduates/ledger.html",
        {
            "cohorts": cohorts,
            "cohort": cohort,
            "book": book,
            "can_record": permission == RECORD,
            "can_supervise": user.has_named_permission(SUPERVISE),
            "export_fields": [],
            # for the panels other apps add to the ledger (their current suggestions …)
            "ledger_persons": [line.graduate.person for line in book.lines] if book else [],
        },
    )


def _record_view(actor: Any, instance: Any) -> None:
    if isinstance(instance, Graduate):
        record_graduate_view(actor=actor, graduate=instance)


@login_required
@require_http_methods(["GET", "POST"])
@audits_views(_record_view)
def graduate_detail(request: HttpRequest, graduate_id: int) -> HttpResponse:
    """One graduate: the ledger's facts, offers and months, and the forms to record them."""
    user: User = request.user  # type: ignore[assignment]
    permission = RECORD if request.method == "POST" else _permission(user)
    graduate = access_graduate(user, graduate_id, permission=permission)
    today = timezone.localdate()
    which = request.POST.get("form", "") if request.method == "POST" else ""
    offer_form = OfferForm(
        request.POST if which == "offer" else None,
        prefix="offer",
        initial={"offered_on": today},
    )
    status_form = StatusForm(
        request.POST if which == "status" else None,
        prefix="status",
        initial={"month": today.replace(day=1)},
    )
    context = {
        "graduate": graduate,
        "offers": Opportunity.objects.filter(graduate=graduate).order_by("offered_on", "pk"),
        "statuses": MonthlyStatus.objects.filter(graduate=graduate).order_by("month"),
        "offer_form": offer_form,
        "status_form": status_form,
        "can_record": user.has_named_permission(RECORD),
    }
    here = reverse("support:graduate", args=[graduate.pk])
    if which == "offer":
        return form_page(
            request,
            offer_form,
            template="support/graduates/detail.html",
            save=lambda data: record_offer(
                actor=user,
                graduate=graduate,
                offered_on=data["offered_on"],
                kind=data["kind"],
                employer=data["employer"],
                outcome=data["outcome"],
                notes=data.get("notes") or "",
            ),
            done=_("已记录提供的就业机会。"),
            next_url=here,
            context=context,
        )
    if which == "status":
        return form_page(
            request,
            status_form,
            template="support/graduates/detail.html",
            save=lambda data: record_status(
                actor=user,
                graduate=graduate,
                month=data["month"],
                status=data["status"],
                employed_how=data.get("employed_how") or "",
                notes=data.get("notes") or "",
            ),
            done=_("已记录本月就业状态。"),
            next_url=here,
            context=context,
        )
    return render(request, "support/graduates/detail.html", context)


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def ledger_export(request: HttpRequest, cohort_id: int) -> FileResponse:
    """The cohort's ledger as .xlsx, one row per graduate; logged as an export."""
    user: User = request.user  # type: ignore[assignment]
    permission = _permission(user)
    cohort = access_cohort(user, cohort_id, permission=permission)
    book = ledger(
        cohort, graduates_visible_to(user, permission=permission), today=timezone.localdate()
    )
    record_ledger_export(actor=user, cohort=cohort, rows=len(book.lines))
    name = _("一人一策就业服务台账-%(year)s届") % {"year": cohort.year}
    return file_download(
        lambda handle: write_ledger(book, handle), filename=f"{name}.xlsx", content_type=XLSX_TYPE
    )
