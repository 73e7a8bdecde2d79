from ablework.support.models.cases import CycleCase
from ablework.support.models.feedback import (
    CorrectionRequest,
    CorrectionState,
    FeedbackKind,
    ServiceFeedback,
)
from ablework.support.models.plans import Plan, PlanAction, PlanState, PlanVersion
from ablework.support.models.records import (
    PERSON_PLACE,
    Assessment,
    AssessmentMethod,
    Channel,
    CheckItem,
    InformationCheck,
    NeedsRegistration,
    Pathway,
    PersonRecord,
    Pillar,
    ServiceKind,
    ServiceRecord,
    ServiceResult,
)

__all__ = [
    "PERSON_PLACE",
    "Assessment",
    "AssessmentMethod",
    "Channel",
    "CheckItem",
    "CorrectionRequest",
    "CorrectionState",
    "CycleCase",
    "FeedbackKind",
    "InformationCheck",
    "NeedsRegistration",
    "Pathway",
    "PersonRecord",
    "Pillar",
    "Plan",
    "PlanAction",
    "PlanState",
    "PlanVersion",
    "ServiceFeedback",
    "ServiceKind",
    "ServiceRecord",
    "ServiceResult",
]
