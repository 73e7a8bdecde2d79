"""`POST /api/v1/rules/calc`: the calculation contract over HTTP (session + CSRF, for the roles
with `rules.calculate`, within a size and a per-user rate limit).

The body is one situation object or an array of them, exactly as for `ablework rules calc`; the
response is the same JSON as the CLI prints (200), with `?lang=en` for English labels: a
situation that cannot be evaluated is a result `{"error": {"code", "message"}}` as the contract
states, inside that 200. A body that is not JSON is refused with 400 and the API's error envelope,
code `unreadable_input`.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.envelope import error_responses
from ablework.core.errors import Invalid, PermissionDenied, TooLarge
from ablework.core.form_values import int_or_none
from ablework.core.rate_limits import count_request
from ablework.rules.calc.service import calculate
from ablework.rules.engine.errors import RulesErrorCode
from ablework.rules.engine.text import parse_language

router = Router(tags=["rules"])

SITUATION_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "object", "required": ["rule"], "properties": {"rule": {"type": "string"}}},
        {"type": "array", "items": {"type": "object"}},
    ]
}
RESULT_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "object", "description": "the rule's output fields and `trace`, or `error`"},
        {"type": "array", "items": {"type": "object"}},
    ]
}


@router.post(
    "/calc",
    summary="Evaluate rule situations with a legal trace",
    description="Needs the `rules.calculate` permission. The body is at most "
    "`RULES_API_MAX_BYTES` (256 KiB) and `RULES_API_MAX_SITUATIONS` situations (413 beyond); "
    "each user may call it `RULES_API_RATE` times a minute (429 beyond).",
    response={200: None, **error_responses(400, 401, 403, 413, 429)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SITUATION_SCHEMA}},
        },
        "responses": {200: {"content": {"application/json": {"schema": RESULT_SCHEMA}}}},
    },
)
def calc(request: HttpRequest, lang: str = "zh") -> JsonResponse:
    """Evaluate the situations in the body (rules-calc-contract)."""
    user: User = request.user  # type: ignore[assignment]
    if not user.has_named_permission(Permission.RULES_CALCULATE):
        raise PermissionDenied(_("您的角色不能使用规则计算接口。"))
    count_request(
        key=f"rules.calc:{user.pk}",
        limit=settings.RULES_API_RATE,
        window_seconds=60,
    )
    payload = _situations(request)
    results = calculate(payload, language=parse_language(lang))
    return JsonResponse(results, safe=False, json_dumps_params={"ensure_ascii": False})


def _situations(request: HttpRequest) -> Any:
    """The parsed body, refused when too large, too deep, too many or not JSON."""
    limit = settings.RULES_API_MAX_BYTES
    declared = int_or_none(request.META.get("CONTENT_LENGTH")) or 0
    if declared > limit or len(request.body) > limit:
        raise TooLarge(
            _("(body): 请求体超过 %(kib)d KiB 的上限，请分批提交。") % {"kib": limit // 1024}
        )
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Invalid(
            _("(body): 请求体不是有效的 UTF-8 JSON（%(reason)s）") % {"reason": error},
            code=RulesErrorCode.UNREADABLE_INPUT,
        ) from None
    except RecursionError:  # the parser recurses once per `[` or `{`
        raise Invalid(
            _("(body): 请求体的 JSON 嵌套层数过多，无法读取。"),
            code=RulesErrorCode.UNREADABLE_INPUT,
        ) from None
    most = settings.RULES_API_MAX_SITUATIONS
    if isinstance(payload, list) and len(payload) > most:
        raise TooLarge(
            _("(body): 一次最多计算 %(most)d 个情形，本次有 %(count)d 个，请分批提交。")
            % {"most": most, "count": len(payload)}
        )
    return payload
