"""The employers' services: the register (`register`), its contacts (`contacts`), the rows an
import planned (`imported`), logged exports (`exports`) and employer accounts (`accounts`)."""

from ablework.employers.services.accounts import (
    AccountRequestDetails,
    account_requests_visible_to,
    confirm_account_request,
    employer_users,
    invite_employer_user,
    refuse_account_request,
    submit_account_request,
)
from ablework.employers.services.contacts import (
    ContactDetails,
    add_contact,
    contacts_of,
    primary_contacts,
    remove_contact,
    update_contact,
)
from ablework.employers.services.exports import export_employers_csv
from ablework.employers.services.imported import ImportedEmployer, write_imported_employers
from ablework.employers.services.register import (
    EmployerDetails,
    check_credit_code,
    check_public_fields,
    create_employer,
    details_of,
    update_employer,
)

__all__ = [
    "AccountRequestDetails",
    "ContactDetails",
    "EmployerDetails",
    "ImportedEmployer",
    "account_requests_visible_to",
    "add_contact",
    "check_credit_code",
    "check_public_fields",
    "confirm_account_request",
    "contacts_of",
    "create_employer",
    "details_of",
    "employer_users",
    "export_employers_csv",
    "invite_employer_user",
    "primary_contacts",
    "refuse_account_request",
    "remove_contact",
    "submit_account_request",
    "update_contact",
    "update_employer",
    "write_imported_employers",
]
