"""The employers' own error codes, more precise than the generic `ErrorCode` of core."""

from __future__ import annotations

from enum import StrEnum


class EmployersErrorCode(StrEnum):
    """Why a write of an employer was refused (the `code` of the API's error envelope)."""

    # The unified social credit code breaks GB 32100 (length, characters, check characters).
    CREDIT_CODE_INVALID = "credit_code_invalid"
    # Another employer already holds this unified social credit code.
    ALREADY_REGISTERED = "already_registered"
    # A field that only 机关 or 事业单位 carry (level, authorised posts, school type).
    NOT_FOR_THIS_KIND = "not_for_this_kind"
    # The parent employer is unknown or outside the actor's area.
    PARENT_NOT_FOUND = "parent_not_found"
    # The parent is the employer itself or one of its branches.
    PARENT_CYCLE = "parent_cycle"
    # A branch that does not declare on its own declares its quota through its parent.
    DECLARES_THROUGH_PARENT = "declares_through_parent"
    # The wished user name breaks the account name rules, or another account holds it.
    USERNAME_INVALID = "username_invalid"
    USERNAME_TAKEN = "username_taken"
    # An account request was already confirmed or refused.
    REQUEST_DECIDED = "request_decided"
    # An account request names a credit code no employer of the area holds yet.
    EMPLOYER_NOT_REGISTERED = "employer_not_registered"
