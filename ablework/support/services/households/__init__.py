"""Zero-employment households (零就业家庭): recorded from a member's services page, tracked
until a member is employed (found in the registry daily, or recorded by a worker)."""

from ablework.support.services.households.exporting import record_household_export
from ablework.support.services.households.recording import (
    HouseholdInput,
    household_label,
    open_household_of,
    record_household,
)
from ablework.support.services.households.resolving import (
    OTHER_MEMBER,
    EmployedInput,
    record_member_employed,
    resolve_from_registry,
)

__all__ = [
    "OTHER_MEMBER",
    "EmployedInput",
    "HouseholdInput",
    "household_label",
    "open_household_of",
    "record_household",
    "record_household_export",
    "record_member_employed",
    "resolve_from_registry",
]
