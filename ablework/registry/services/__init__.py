"""Writes to the registry (one transaction each, audited) and logged reads of sensitive data."""

from ablework.registry.services.certificates import record_certificate_event
from ablework.registry.services.circumstances import add_training_record, end_flag, open_flag
from ablework.registry.services.inputs import (
    KEEP,
    IdentityFacts,
    Keep,
    PersonChanges,
    PersonDetails,
)
from ablework.registry.services.merging import dismiss_duplicate, merge_persons
from ablework.registry.services.persons import (
    ALREADY_REGISTERED,
    AUDITED_FIELDS,
    EXPORT_COLUMNS,
    export_persons_csv,
    fill_protected_columns,
    record_person_view,
    register_person,
    require_active,
    reveal_person,
    start_person_export,
    update_person,
)
from ablework.registry.services.registration import (
    IdentifiersInvalid,
    NewCertificate,
    correct_identity,
    edit_person,
    read_identifiers,
    read_new_certificate,
    register_checked_person,
)
from ablework.registry.services.verification import mark_verified

__all__ = [
    "ALREADY_REGISTERED",
    "AUDITED_FIELDS",
    "EXPORT_COLUMNS",
    "KEEP",
    "IdentifiersInvalid",
    "IdentityFacts",
    "Keep",
    "NewCertificate",
    "PersonChanges",
    "PersonDetails",
    "add_training_record",
    "correct_identity",
    "dismiss_duplicate",
    "edit_person",
    "end_flag",
    "export_persons_csv",
    "fill_protected_columns",
    "mark_verified",
    "merge_persons",
    "open_flag",
    "read_identifiers",
    "read_new_certificate",
    "record_certificate_event",
    "record_person_view",
    "register_checked_person",
    "register_person",
    "require_active",
    "reveal_person",
    "start_person_export",
    "update_person",
]
