"""Home page and display preferences."""

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
