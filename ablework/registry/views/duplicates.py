"""Suspected duplicates for a reviewer (county administrator and above): merge or dismiss."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.errors import DomainError, Invalid
from ablework.core.form_values import date_or_none
from ablework.registry.access import access_person, persons_visible_to
from ablework.registry.forms.circumstances import DismissForm, MergeForm
from ablework.registry.selectors.duplicates import suspected_duplicates
from ablework.registry.selectors.record import get_person_record
from ablework.registry.services import dismiss_duplicate, merge_persons
from ablework.registry.viewing import shows_persons

SUPERVISE = Permission.PERSONS_SUPERVISE


def _cursor(raw: str) -> tuple[str, date] | None:
    """`name|YYYY-MM-DD` → (name, date); anything else means "start"."""
    name, _sep, day = raw.rpartition("|")
    on = date_or_none(day)
    return (name, on) if name and on else None


@login_required
@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """Groups of records sharing a name and a birth date, each pair with merge and dismiss."""
    user: User = request.user  # type: ignore[assignment]
    persons = persons_visible_to(user, permission=SUPERVISE)
    groups, next_after = suspected_duplicates(
        persons=persons, after=_cursor(request.GET.get("after", ""))
    )
    return render(
        request,
        "registry/duplicate_list.html",
        {
            "groups": groups,
            "next_after": f"{next_after[0]}|{next_after[1]:%Y-%m-%d}" if next_after else "",
            "is_first": not request.GET.get("after"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def duplicate_merge(request: HttpRequest) -> HttpResponse:
    """Compare two records side by side, then merge one into the other (audited)."""
    user: User = request.user  # type: ignore[assignment]
    params = request.POST if request.method == "POST" else request.GET
    form = MergeForm(params if request.method == "POST" else None, initial=params.dict())
    kept_id, merged_id = params.get("kept", ""), params.get("merged", "")
    if not (kept_id.isdigit() and merged_id.isdigit()):
        raise Invalid(_("请选择要保留和要合并的记录。"))
    kept = access_person(user, int(kept_id), permission=SUPERVISE)
    merged = access_person(user, int(merged_id), permission=SUPERVISE)
    if request.method == "POST" and form.is_valid():
        try:
            merge_persons(actor=user, kept=kept, merged=merged, note=form.cleaned_data["note"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已合并，被合并记录保留并标记为已合并。"))
            return HttpResponseRedirect(reverse("registry:person_detail", args=[kept.pk]))
    today = timezone.localdate()
    return render(
        request,
        "registry/duplicate_merge.html",
        {
            "form": form,
            "kept": get_person_record(person=kept, today=today),
            "merged": get_person_record(person=merged, today=today),
        },
    )


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest) -> HttpResponse:
    """Record that a pair are two different people; the pair is no longer listed."""
    user: User = request.user  # type: ignore[assignment]
    form = DismissForm(request.POST)
    if not form.is_valid():
        raise Invalid(_("请选择两条记录。"))
    first = access_person(user, form.cleaned_data["first"], permission=SUPERVISE)
    second = access_person(user, form.cleaned_data["second"], permission=SUPERVISE)
    dismiss_duplicate(actor=user, first=first, second=second, note=form.cleaned_data["note"])
    messages.success(request, _("已记录：这两条记录不是同一人。"))
    return HttpResponseRedirect(reverse("registry:duplicate_list"))
