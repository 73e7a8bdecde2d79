"""`POST /api/v1/rules/calc`: the calculation contract over HTTP (signed-in users, session + CSRF).

The body is one situation object or an array of them, exactly as for `ablework rules calc`; the
response is the same JSON as the CLI prints (200), with `?lang=en` for English labels: a
situation that cannot be evaluated is a result `{"error": {"code", "message"}}` as the contract
states, inside that 200. A body that is not JSON is refused with 400 and the API's error envelope,
code `unreadable_input`.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from ablework.core.envelope import error_responses
from ablework.core.errors import Invalid
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
    response={200: None, **error_responses(400, 401, 403)},
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
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Invalid(
            _("(body): 请求体不是有效的 UTF-8 JSON（%(reason)s）") % {"reason": error},
            code=RulesErrorCode.UNREADABLE_INPUT,
        ) from None
    results = calculate(payload, language=parse_language(lang))
    return JsonResponse(results, safe=False, json_dumps_params={"ensure_ascii": False})
