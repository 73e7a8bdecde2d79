"""Home page, display preferences and the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import scope_of
from ablework.core.context_processors import (
    CONTRAST_COOKIE,
    CONTRASTS,
    TEXT_SIZE_COOKIE,
    TEXT_SIZES,
)
from ablework.core.form_values import date_or_none
from ablework.core.models import AuditKind
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import AuditFilters, audit_records_visible_to, search_audit_records
from ablework.employers.access import employers_visible_to
from ablework.registry.access import persons_visible_to

ONE_YEAR = 365 * 24 * 60 * 60


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page, for their role and region."""
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, object] = {"scope": scope_of(user), "role_label": user.get_role_display()}
    if user.has_named_permission(Permission.PERSONS_VIEW):
        persons = persons_visible_to(user)
        if user.role in (Role.PERSON, Role.FAMILY):
            context["own_persons"] = list(persons.only("id", "name", "county_code"))
        else:
            context["person_count"] = persons.count()
    if user.has_named_permission(Permission.EMPLOYERS_VIEW):
        employers = employers_visible_to(user)
        if user.role == Role.EMPLOYER:
            context["own_employer"] = employers.first()
        else:
            context["employer_count"] = employers.count()
    context["can_audit"] = user.has_named_permission(Permission.AUDIT_VIEW)
    return render(request, "shell/home.html", context)


@require_POST
def set_display_preferences(request: HttpRequest) -> HttpResponse:
    """Keep the chosen text size and contrast in cookies, then go back where the user was."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    size = request.POST.get("text_size", "normal")
    contrast = request.POST.get("contrast", "normal")
    if size in TEXT_SIZES:
        response.set_cookie(TEXT_SIZE_COOKIE, size, max_age=ONE_YEAR, samesite="Lax")
    if contrast in CONTRASTS:
        response.set_cookie(CONTRAST_COOKIE, contrast, max_age=ONE_YEAR, samesite="Lax")
    return response


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """Search the audit trail: who changed what and when, who viewed or exported what."""
    user: User = request.user  # type: ignore[assignment]
    filters = AuditFilters(
        action=request.GET.get("action", "").strip(),
        actor=request.GET.get("actor", "").strip(),
        target=request.GET.get("target", "").strip(),
        kind=request.GET.get("kind", ""),
        since=date_or_none(request.GET.get("since")),
        until=date_or_none(request.GET.get("until")),
    )
    records = search_audit_records(records=audit_records_visible_to(user), filters=filters)
    page = keyset_page(
        records.select_related(None),
        after=parse_cursor(request.GET.get("after")),
        newest_first=True,
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "shell/audit_list.html",
        {"page": page, "filters": filters, "kinds": AuditKind.choices, "query": query.urlencode()},
    )
