"""The JSON API at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Each app contributes a router; handlers stay thin and call the app's services and selectors.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from ablework.core.errors import DomainError
from ablework.employers.api import router as employers_router
from ablework.registry.api import router as persons_router
from ablework.rules.api import router as rules_router

api = NinjaAPI(
    title="Ablework API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Typed domain errors become `{"code", "message", "field"}` with their HTTP status."""
    return api.create_response(
        request,
        {"code": str(exc.code), "message": exc.message, "field": exc.field},
        status=exc.http_status,
    )


api.add_router("/persons/", persons_router)
api.add_router("/employers/", employers_router)
api.add_router("/rules/", rules_router)
