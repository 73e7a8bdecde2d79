"""Response headers, the chosen language, and the mapping of domain errors to pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from ablework.core.errors import DomainError, NotFound


class SecurityHeadersMiddleware:
    """Content-Security-Policy and related headers on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


# What a response to a signed-in user says to browsers and proxies: keep no copy (pages, exports
# and API answers hold personal data; a shared PC's cache or a proxy must not have it).
NO_STORE = "no-store, private"


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user. Static files
    never reach it (WhiteNoise answers them first); a view's own stricter header is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
            if not {"no-store", "private"} <= directives:
                response["Cache-Control"] = NO_STORE
        return response


class DomainErrorMiddleware:
    """A typed domain error a view lets through becomes a page with its own status code and a
    plain explanation: 404 for "missing or not yours", 403 for "yours, but not allowed", 409 for
    a clash with what is stored, 400 for the rest."""

    TEMPLATES = {403: "403.html", 404: "404.html", 409: "409.html"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        status = exception.http_status if exception.http_status in self.TEMPLATES else 400
        # a missing page and a page that is not yours look the same: no message for 404
        message = "" if isinstance(exception, NotFound) else exception.message
        template = self.TEMPLATES.get(status, "400.html")
        return render(request, template, {"message": message}, status=status)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the user chose another language with the switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a federation PC
    with an English browser would open in English; the people Ablework serves expect Chinese.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
