"""Typed domain errors. Services raise these; one handler maps them to HTTP and form errors.

Each error carries a stable machine-readable `code`: the generic `ErrorCode` of its class, or
a more precise code from the raising app's own enum (`RegistryErrorCode`, `RulesErrorCode`…).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID = "invalid"
    CONFLICT = "conflict"
    TOO_LARGE = "too_large"
    TOO_MANY_REQUESTS = "too_many_requests"
    STALE_RECORD = "stale_record"


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one input field: where, which rule, and what to tell the person."""

    field: str
    code: str
    message: str


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    code: StrEnum = ErrorCode.INVALID
    http_status = 400

    def __init__(
        self, message: str, *, field: str | None = None, code: StrEnum | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def field_problems(self) -> list[FieldProblem]:
        """Each field this error concerns, with code and message (none: the whole input)."""
        if self.field is None:
            return []
        return [FieldProblem(field=self.field, code=str(self.code), message=self.message)]


class Invalid(DomainError):
    """The input breaks a rule; `field` names where."""

    code = ErrorCode.INVALID
    http_status = 400


class FieldsInvalid(Invalid):
    """The input breaks rules on one or more fields: `problems` maps each field to its
    messages, all shown at once (the form on each field, the API in the envelope's `fields`)."""

    def __init__(
        self, problems: Mapping[str, Sequence[str]], *, code: StrEnum | None = None
    ) -> None:
        self.problems = {field: list(messages) for field, messages in problems.items()}
        first = next(iter(self.problems))
        super().__init__("；".join(self.problems[first]), field=first, code=code)

    def field_problems(self) -> list[FieldProblem]:
        return [
            FieldProblem(field=field, code=str(self.code), message=message)
            for field, messages in self.problems.items()
            for message in messages
        ]


class NotFound(DomainError):
    """The object is absent, or the actor may not see it: the two are never told apart."""

    code = ErrorCode.NOT_FOUND
    http_status = 404


class PermissionDenied(DomainError):
    """The actor may see the object but not do this to it."""

    code = ErrorCode.PERMISSION_DENIED
    http_status = 403


class Conflict(DomainError):
    """The change clashes with what is stored (a duplicate, a stale edit)."""

    code = ErrorCode.CONFLICT
    http_status = 409


class TooLarge(DomainError):
    """The input is larger than the limit set for it (bytes, rows, items)."""

    code = ErrorCode.TOO_LARGE
    http_status = 413


class TooManyRequests(DomainError):
    """The actor sent more requests of this kind than the window allows; later ones may pass."""

    code = ErrorCode.TOO_MANY_REQUESTS
    http_status = 429
