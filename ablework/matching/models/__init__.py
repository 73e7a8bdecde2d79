"""The matching app's tables: postings, referrals, recruitment events and stored suggestions."""

from ablework.matching.models.postings import (
    POSTING_PLACE,
    CloseReason,
    ContractType,
    DemandLevel,
    JobPosting,
    PostingKind,
    PostingStatus,
)

__all__ = [
    "POSTING_PLACE",
    "CloseReason",
    "ContractType",
    "DemandLevel",
    "JobPosting",
    "PostingKind",
    "PostingStatus",
]
