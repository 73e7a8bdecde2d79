"""The one JSON shape of every API error, and how an operation declares the errors it can give.

```
{"error": {"code": "not_found", "message": "没有找到该残疾人记录。", "fields": []}}
```

`code` is stable (a value of `ErrorCode`, `ApiErrorCode` or an app's own enum); `message` is
plain language for a person; `fields` lists each input field concerned with its own code and
message (empty when the error concerns the request as a whole). The rules calculation's
per-situation errors (rules-calc-contract) are this object with `code` and `message` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from http import HTTPStatus

from ninja import Field, Schema

from ablework.core.errors import FieldProblem


class ApiErrorCode(StrEnum):
    """Errors the API itself gives, before any app's code runs."""

    NOT_AUTHENTICATED = "not_authenticated"
    CSRF_FAILED = "csrf_failed"
    INVALID_REQUEST = "invalid_request"
    HTTP_ERROR = "http_error"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    SERVER_ERROR = "server_error"


class FieldError(Schema):
    """One problem with one input field."""

    field: str = Field(description="the input field, e.g. `q` or `disabled_employees[0].grade`")
    code: str
    message: str


class ErrorDetail(Schema):
    """What went wrong: a stable code, a message for a person, and the fields concerned."""

    code: str = Field(description="stable machine-readable code, e.g. `not_found`")
    message: str = Field(description="plain-language message (Chinese, or English on request)")
    fields: list[FieldError] = Field(
        default_factory=list,
        description="each input field concerned; always present on an HTTP error response, "
        "absent from the rules calculation's per-situation errors",
    )


class ErrorEnvelope(Schema):
    """The body of every API error response."""

    error: ErrorDetail


def error_body(
    code: str, message: str, fields: Iterable[FieldProblem] = ()
) -> dict[str, dict[str, object]]:
    """The envelope as JSON-ready data."""
    return {
        "error": {
            "code": str(code),
            "message": message,
            "fields": [
                {"field": f.field, "code": str(f.code), "message": f.message} for f in fields
            ],
        }
    }


def error_responses(*statuses: HTTPStatus | int) -> dict[int, type[ErrorEnvelope]]:
    """`response=` entries declaring that an operation answers these statuses with the envelope."""
    return {int(status): ErrorEnvelope for status in statuses}
