"""The matching app's tables: postings, referrals, recruitment events and stored suggestions."""

from ablework.matching.models.events import (
    EVENT_PLACE,
    NEED_PROVIDED_BY,
    AccessNeed,
    EventEmployer,
    EventInterview,
    EventMode,
    EventPosting,
    EventRegistration,
    RecruitmentEvent,
    VenueAccess,
)
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
from ablework.matching.models.saved import SavedPosting

__all__ = [
    "ACTIVE_RUN_STATES",
    "EVENT_PLACE",
    "NEED_PROVIDED_BY",
    "POSTING_PLACE",
    "AccessNeed",
    "CloseReason",
    "ContractType",
    "DemandLevel",
    "EventEmployer",
    "EventInterview",
    "EventMode",
    "EventPosting",
    "EventRegistration",
    "JobPosting",
    "PostingKind",
    "PostingStatus",
    "RecommendationEntry",
    "RecommendationRun",
    "RecommendationSkip",
    "RecommendationSuggestion",
    "RecruitmentEvent",
    "RunStatus",
    "SavedPosting",
    "SkipKind",
    "VenueAccess",
]
