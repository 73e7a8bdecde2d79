"""Recording the "四个一": the information check, the vocational capacity assessment, the needs
registration and each employment service, each scoped to the persons of the actor's area,
checked (every problem at once, each on its field), versioned when corrected, audited, and
followed by the queue's refresh in the same transaction."""

from ablework.support.services.records.assessment import AssessmentInput, record_assessment
from ablework.support.services.records.check import CheckInput, RegistryCorrections, record_check
from ablework.support.services.records.common import RecordInvalid
from ablework.support.services.records.needs import NeedsInput, record_needs
from ablework.support.services.records.service import (
    ServiceInput,
    record_referral_result,
    record_service,
)

__all__ = [
    "AssessmentInput",
    "CheckInput",
    "NeedsInput",
    "RecordInvalid",
    "RegistryCorrections",
    "ServiceInput",
    "record_assessment",
    "record_check",
    "record_needs",
    "record_referral_result",
    "record_service",
]
