"""Quota declarations (按比例就业年审) and their review, as one models package: the declaration
and its roster (declarations.py), the federation's review (review.py), credit records
(credit.py)."""

from ablework.quota.models.credit import CreditEntry, CreditKind, CreditStatus
from ablework.quota.models.declarations import (
    CLOSED_STATUSES,
    FILED_STATUSES,
    OPEN_STATUSES,
    CertificateKind,
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
    DeclarationSubmission,
    DispatchAssignment,
    EmploymentForm,
    LineMonth,
    RejectionKind,
    RosterLine,
)
from ablework.quota.models.review import (
    DeclarationCorrection,
    DeepCheck,
    DeepCheckOutcome,
    Proof,
    ProofKind,
    ReminderRound,
    RiskAssessment,
)

__all__ = [
    "CLOSED_STATUSES",
    "FILED_STATUSES",
    "OPEN_STATUSES",
    "CertificateKind",
    "CreditEntry",
    "CreditKind",
    "CreditStatus",
    "Declaration",
    "DeclarationCorrection",
    "DeclarationEvent",
    "DeclarationStatus",
    "DeclarationSubmission",
    "DeepCheck",
    "DeepCheckOutcome",
    "DispatchAssignment",
    "EmploymentForm",
    "LineMonth",
    "Proof",
    "ProofKind",
    "RejectionKind",
    "ReminderRound",
    "RiskAssessment",
    "RosterLine",
]
