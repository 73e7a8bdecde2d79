"""Typed domain errors. Services raise these; one handler maps them to HTTP and form errors."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID = "invalid"
    CONFLICT = "conflict"


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    code: ErrorCode = ErrorCode.INVALID
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(DomainError):
    """The input breaks a rule; `field` names where."""

    code = ErrorCode.INVALID
    http_status = 400


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
