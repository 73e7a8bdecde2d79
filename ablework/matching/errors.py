"""The matching app's own error codes, more precise than the generic `ErrorCode` of core."""

from __future__ import annotations

from enum import StrEnum


class MatchingErrorCode(StrEnum):
    """Why a write of a job posting was refused (the `code` of the API's error envelope)."""

    # The posting's lowest wage is under the local minimum wage on its first day.
    BELOW_MINIMUM_WAGE = "below_minimum_wage"
    # A closed or filled posting is kept as it was: it is not edited nor closed again.
    POSTING_ENDED = "posting_ended"
