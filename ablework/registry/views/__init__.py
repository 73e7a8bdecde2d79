"""Pages of the registry."""

from ablework.registry.views.circumstances import (
    certificate_event_add,
    flag_end,
    flag_open,
    identity_correct,
    training_add,
)
from ablework.registry.views.duplicates import duplicate_dismiss, duplicate_list, duplicate_merge
from ablework.registry.views.editing import person_create, person_edit, person_verify
from ablework.registry.views.quarterly import update_progress, update_round
from ablework.registry.views.quarterly_report import update_report
from ablework.registry.views.record import person_detail, person_reveal
from ablework.registry.views.search import person_export, person_list

__all__ = [
    "certificate_event_add",
    "duplicate_dismiss",
    "duplicate_list",
    "duplicate_merge",
    "flag_end",
    "flag_open",
    "identity_correct",
    "person_create",
    "person_detail",
    "person_edit",
    "person_export",
    "person_list",
    "person_reveal",
    "person_verify",
    "training_add",
    "update_progress",
    "update_report",
    "update_round",
]
