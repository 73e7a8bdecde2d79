"""The quota declarations' own error codes, more precise than the generic `ErrorCode` of core."""

from __future__ import annotations

from enum import StrEnum


class QuotaErrorCode(StrEnum):
    """Why a declaration was refused (the `code` of the API's error envelope)."""

    # The check found an error (duplicate_line, cell_unreadable): nothing was stored.
    DECLARATION_HAS_ERRORS = "declaration_has_errors"
    # The employer already has a submitted or certified declaration of the year.
    ALREADY_SUBMITTED = "already_submitted"
    # The declaration's status does not allow this transition (certified cannot be returned).
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    # A return names no reason, or a line the roster does not have.
    REASON_NEEDED = "reason_needed"
