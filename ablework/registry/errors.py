"""The registry's own error codes, more precise than the generic `ErrorCode` of core."""

from __future__ import annotations

from enum import StrEnum


class RegistryErrorCode(StrEnum):
    """Why the registry refused a request (the `code` of the API's error envelope)."""

    # A resident ID or certificate number in a URL would end up in logs and browser history.
    IDENTIFIER_IN_URL = "identifier_in_url"
