"""用人单位信用记录: the entries of the staff member's area, proposed ones to confirm or
dismiss, recording one by hand, and the export for the credit platform (CSV or JSON)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.employers.models import Employer
from ablework.quota.forms.credit import CreditEntryForm
from ablework.quota.models import CreditStatus
from ablework.quota.services.credit import (
    decide_entry,
    entries_visible_to,
    export_entries,
    record_entry,
)

# Entries listed on the page (newest first); the export has them all.
LISTED = 200


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def credit_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    entries = entries_visible_to(user).select_related("declaration")
    return render(
        request,
        "quota/credit_list.html",
        {
            "proposed": list(entries.filter(status=CreditStatus.PROPOSED)[:LISTED]),
            "recorded": list(entries.filter(status=CreditStatus.RECORDED)[:LISTED]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def credit_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    require_permission(user, Permission.CREDIT_RECORDS)
    form = CreditEntryForm(request.POST or None, initial={"recorded_on": timezone.localdate()})

    def save(data: dict[str, Any]) -> Any:
        employer = (
            visible(user, Employer, permission=Permission.CREDIT_RECORDS)
            .filter(uscc=data["uscc"].upper())
            .first()
        )
        if employer is None:
            raise NotFound(_("没有找到该统一社会信用代码的用人单位，或它不在您的管辖范围内。"))
        return record_entry(
            actor=user,
            employer_id=employer.pk,
            kind=data["kind"],
            facts=data["facts"],
            recorded_on=data["recorded_on"],
            basis_key=data["basis"] or None,
            levy_year=data["levy_year"],
        )

    return form_page(
        request,
        form,
        template="quota/credit_form.html",
        save=save,
        done=_("已记入用人单位信用记录。"),
        next_url=reverse("quota:credit"),
    )


@login_required
@require_POST
def credit_decide(request: HttpRequest, entry_id: int) -> HttpResponse:
    record = request.POST.get("decision") == "record"
    decide_entry(actor=_user(request), entry_id=entry_id, record=record)
    messages.success(request, _("已记入用人单位信用记录。") if record else _("已决定不予记入。"))
    return HttpResponseRedirect(reverse("quota:credit"))


@login_required
@require_POST
def credit_export(request: HttpRequest, form: str) -> FileResponse:
    user = _user(request)
    require_permission(user, Permission.CREDIT_RECORDS)
    kind = "json" if form == "json" else "csv"
    stamp = timezone.localdate().isoformat()
    return file_download(
        lambda out: export_entries(actor=user, form=kind, out=out),
        filename=f"用人单位信用记录_{stamp}.{kind}",
        content_type="application/json" if kind == "json" else "text/csv; charset=utf-8",
    )
