"""Every error the API gives, in the one envelope (`ablework.core.envelope`), with its status.

Typed domain errors keep their own status (400, 403, 404, 409, 413, 422, 429); a body over Django's
DATA_UPLOAD_MAX_MEMORY_SIZE is 413; a request the operation's schema refuses is 422; another
method on a known address 405 (with Allow); a missing sign-in 401; a failed CSRF check 403;
anything unexpected 500, logged, with no detail that would help an attacker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ablework.core.envelope import ApiErrorCode, error_body
from ablework.core.errors import DomainError, ErrorCode, FieldProblem
from ablework.rules.calc.validation_messages import field_path, problem_message
from ablework.rules.engine.text import parse_language

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

# Where ninja found a parameter; the field a caller sent is what follows it.
PARAMETER_SOURCES = {"query", "path", "body", "form", "header", "cookie", "file"}


def install_error_envelope(api: NinjaAPI) -> None:
    """Answer every error of `api` with the envelope (replacing ninja's `{"detail": …}`)."""
    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        DomainError: lambda request, exc: _respond(
            api, request, exc.http_status, exc.code, exc.message, exc.field_problems()
        ),
        ValidationError: lambda request, exc: _invalid_request(api, request, exc),
        HttpError: lambda request, exc: _http_error(api, request, exc),
        RequestDataTooBig: lambda request, exc: _respond(
            api,
            request,
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            ErrorCode.TOO_LARGE,
            _("请求体过大，超过了服务器允许的上限。"),
        ),
        Http404: lambda request, exc: _respond(
            api, request, HTTPStatus.NOT_FOUND, ErrorCode.NOT_FOUND, _("没有找到该页面或记录。")
        ),
        Exception: lambda request, exc: _server_error(api, request, exc),
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)


def _respond(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: list[FieldProblem] | None = None,
) -> HttpResponse:
    return api.create_response(request, error_body(code, message, fields or ()), status=status)


def _invalid_request(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422: each refused parameter, named as the caller sent it."""
    language = parse_language(get_language())
    fields = [
        FieldProblem(
            field=_parameter_name(problem.get("loc", ())),
            code=str(problem.get("type", ApiErrorCode.INVALID_REQUEST)),
            message=problem_message(problem, language),
        )
        for problem in exc.errors
    ]
    listed = "; ".join(f"{field.field}: {field.message}" for field in fields)
    message = _("请求参数不符合要求：%(problems)s") % {"problems": listed}
    return _respond(
        api, request, HTTPStatus.UNPROCESSABLE_ENTITY, ApiErrorCode.INVALID_REQUEST, message, fields
    )


def _parameter_name(location: tuple[int | str, ...] | list[int | str]) -> str:
    """`("query", "category")` → `category`; ninja's wrapper names (the handler's argument) go."""
    parts = list(location)
    if parts and parts[0] in PARAMETER_SOURCES:
        parts = parts[1:]
    return field_path(parts) if parts else "(request)"


def _http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    """401 without a sign-in, 403 for a failed CSRF check, anything else by its status."""
    if isinstance(exc, AuthenticationError) or exc.status_code == HTTPStatus.UNAUTHORIZED:
        code, message = ApiErrorCode.NOT_AUTHENTICATED, _("请先登录。")
    elif exc.status_code == HTTPStatus.FORBIDDEN and "CSRF" in exc.message:
        code = ApiErrorCode.CSRF_FAILED
        message = _("请求没有通过 CSRF 校验：请刷新页面后重试，或在请求头 X-CSRFToken 中带上令牌。")
    else:
        code, message = ApiErrorCode.HTTP_ERROR, str(exc)
    return _respond(api, request, exc.status_code, code, message)


def _server_error(api: NinjaAPI, request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error at %s", request.path, exc_info=exc)
    return _respond(
        api,
        request,
        HTTPStatus.INTERNAL_SERVER_ERROR,
        ApiErrorCode.SERVER_ERROR,
        _("服务器出错了，请稍后再试。"),
    )


class MethodNotAllowedEnvelopeMiddleware:
    """A 405 under /api/ in the envelope too: ninja answers a known path asked with another
    method by itself, as plain text, before any exception handler could run. The Allow header
    is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != HTTPStatus.METHOD_NOT_ALLOWED
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        allowed = response.get("Allow", "")
        message = _("该接口不接受 %(method)s 请求，只接受：%(allowed)s。") % {
            "method": request.method,
            "allowed": allowed,
        }
        replaced = JsonResponse(
            error_body(ApiErrorCode.METHOD_NOT_ALLOWED, message),
            status=HTTPStatus.METHOD_NOT_ALLOWED,
            json_dumps_params={"ensure_ascii": False},
        )
        replaced["Allow"] = allowed
        if "Cache-Control" in response:  # set further in, by NoStoreMiddleware
            replaced["Cache-Control"] = response["Cache-Control"]
        return replaced
