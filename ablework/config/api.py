"""The JSON API at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Each app contributes a router; handlers stay thin and call the app's services and selectors.
Every error is answered with one envelope (`ablework.core.envelope`, `api_errors`).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.security import django_auth

from ablework.config.api_docs import VendoredSwagger
from ablework.config.api_errors import install_error_envelope
from ablework.core.envelope import error_responses
from ablework.core.errors import NotFound
from ablework.employers.api import router as employers_router
from ablework.matching.api import router as matching_router
from ablework.quota.api import router as quota_router
from ablework.registry.api import router as persons_router
from ablework.rules.api import router as rules_router
from ablework.support.api import router as support_router

api = NinjaAPI(
    title="Ablework API",
    version="1",
    description="残疾人就业服务与管理系统的 JSON 接口。每个错误都以同一信封返回："
    '`{"error": {"code", "message", "fields"}}`。',
    urls_namespace="api",
    auth=django_auth,
    docs=VendoredSwagger(),
)
install_error_envelope(api)

api.add_router("/persons/", persons_router)
api.add_router("/employers/", employers_router)
api.add_router("/rules/", rules_router)
api.add_router("/quota/", quota_router)
api.add_router("/support/", support_router)
api.add_router("/matching/", matching_router)

# Registered last, so that it answers only the addresses no other router knows.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/{path:rest}",
    auth=None,
    include_in_schema=False,
    response=error_responses(404),
)
def unknown_path(request: HttpRequest, rest: str) -> None:
    """Any other address under /api/v1/ is a 404 in the envelope, not an HTML page."""
    raise NotFound(_("没有找到该接口。"))


api.add_router("", fallback)
