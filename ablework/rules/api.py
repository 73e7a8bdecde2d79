"""`POST /api/v1/rules/calc`: the calculation contract over HTTP (signed-in users, session + CSRF).

The body is one situation object or an array of them, exactly as for `ablework rules calc`; the
response is the same JSON as the CLI prints (200), with `?lang=en` for English labels. A body that
is not JSON is answered 400 with `{"error": {"code": "unreadable_input", ...}}`.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Router

from ablework.rules.calc.service import calculate
from ablework.rules.engine.text import parse_language

router = Router(tags=["rules"])

SITUATION_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "object", "required": ["rule"], "properties": {"rule": {"type": "string"}}},
        {"type": "array", "items": {"type": "object"}},
    ]
}


@router.post(
    "/calc",
    summary="Evaluate rule situations with a legal trace",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SITUATION_SCHEMA}},
        }
    },
)
def calc(request: HttpRequest, lang: str = "zh") -> JsonResponse:
    """Evaluate the situations in the body (rules-calc-contract)."""
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return JsonResponse(
            {"error": {"code": "unreadable_input", "message": f"(body): {error}"}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    results = calculate(payload, language=parse_language(lang))
    return JsonResponse(results, safe=False, json_dumps_params={"ensure_ascii": False})
