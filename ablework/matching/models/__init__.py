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
from ablework.matching.models.recommendations import (
    ACTIVE_RUN_STATES,
    RecommendationEntry,
    RecommendationRun,
    RecommendationSkip,
    RecommendationSuggestion,
    RunStatus,
    SkipKind,
)

__all__ = [
    "ACTIVE_RUN_STATES",
    "POSTING_PLACE",
    "CloseReason",
    "ContractType",
    "DemandLevel",
    "JobPosting",
    "PostingKind",
    "PostingStatus",
    "RecommendationEntry",
    "RecommendationRun",
    "RecommendationSkip",
    "RecommendationSuggestion",
    "RunStatus",
    "SkipKind",
]
