"""Home page and display preferences."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.core.context_processors import (
    CONTRAST_COOKIE,
    CONTRASTS,
    TEXT_SIZE_COOKIE,
    TEXT_SIZES,
)
from ablework.shell.navigation import cards_for

ONE_YEAR = 365 * 24 * 60 * 60


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: the cards every app declares for their role and region."""
    user: User = request.user  # type: ignore[assignment]
    cards = cards_for(user)
    context = {
        "role_label": user.get_role_display(),
        "cards": cards,
        "any_approximate": any(card.figure and card.figure.approximate for card in cards),
        "count_minutes": max(1, settings.HOME_COUNT_TTL // 60),
    }
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
