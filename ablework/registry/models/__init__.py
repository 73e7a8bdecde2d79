"""Persons with disabilities in the real-name registry (实名制), by concept: the fixed lists
(choices), the person and their sensitive fields (person), dated history (history), flags and
training (circumstances), duplicate decisions (duplicates) and the certificate history
(certificates). Import from here: `from ablework.registry.models import Person`."""

from ablework.registry.models.certificates import (
    CertificateEvent,
    CertificateEventKind,
    CertificateEventSource,
)
from ablework.registry.models.choices import (
    CertificateStatus,
    DisabilityCategory,
    DisabilityGrade,
    Education,
    EmploymentKind,
    EmploymentStatus,
    FlagKind,
    Sex,
    UrbanRural,
)
from ablework.registry.models.circumstances import PersonFlag, TrainingRecord
from ablework.registry.models.duplicates import DuplicateDismissal
from ablework.registry.models.history import EmploymentPeriod, Verification, VerificationMethod
from ablework.registry.models.person import (
    AUDIT_MASKS,
    ENCRYPTED_FIELDS,
    SENSITIVE_FIELDS,
    SENSITIVE_MASKS,
    SENSITIVE_TEXTS,
    Person,
)

__all__ = [
    "AUDIT_MASKS",
    "ENCRYPTED_FIELDS",
    "SENSITIVE_FIELDS",
    "SENSITIVE_MASKS",
    "SENSITIVE_TEXTS",
    "CertificateEvent",
    "CertificateEventKind",
    "CertificateEventSource",
    "CertificateStatus",
    "DisabilityCategory",
    "DisabilityGrade",
    "DuplicateDismissal",
    "Education",
    "EmploymentKind",
    "EmploymentPeriod",
    "EmploymentStatus",
    "FlagKind",
    "Person",
    "PersonFlag",
    "Sex",
    "TrainingRecord",
    "UrbanRural",
    "Verification",
    "VerificationMethod",
]
