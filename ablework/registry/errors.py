"""The registry's own error codes, more precise than the generic `ErrorCode` of core."""

from __future__ import annotations

from enum import StrEnum


class RegistryErrorCode(StrEnum):
    """Why the registry refused a request (the `code` of the API's error envelope)."""

    # A resident ID or certificate number in a URL would end up in logs and browser history.
    IDENTIFIER_IN_URL = "identifier_in_url"
    # A resident ID or certificate number breaks the rules (check digit, category, grade …).
    IDENTIFIER_INVALID = "identifier_invalid"
    # The record was merged into another and is kept as history only.
    RECORD_MERGED = "record_merged"
    # The resident ID is already registered in another record.
    ALREADY_REGISTERED = "already_registered"
    # Today's allowance of IDs found registered outside the user's area is used up: withheld.
    LOOKUP_LIMIT = "lookup_limit"
