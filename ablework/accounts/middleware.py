"""After an administrator's reset, the temporary password opens only the password page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """Send a user who must change their password to the password page, whatever they open
    (signing out, switching language and static files still work)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (
                reverse("accounts:password_change"),
                reverse("accounts:logout"),
                reverse("set_language"),
                reverse("shell:preferences"),
            )
            if request.path not in allowed and not request.path.startswith("/static/"):
                return HttpResponseRedirect(allowed[0])
        return self.get_response(request)
