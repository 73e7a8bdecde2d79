"""An employer's contacts: added, changed and removed by staff of its area and by its own
users; each write audited (the phone masked) and version-checked, one contact always primary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_phone
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.models import Employer, EmployerContact

CONTACT_FIELDS = ("name", "post", "phone", "email", "primary")
CONTACT_MASKS = {"phone": mask_phone}


@dataclass(frozen=True, kw_only=True)
class ContactDetails:
    """A contact as the form gives it. `phone` None keeps the stored phone (the form never shows
    it); "" clears it (the form's 清除 box)."""

    name: str
    post: str = ""
    phone: str | None = None
    email: str = ""
    primary: bool = False


def contacts_of(employer: Employer) -> list[EmployerContact]:
    """The employer's contacts, the primary one first, then in the order they were added."""
    return list(employer.contacts.order_by("-primary", "pk"))


def add_contact(*, actor: User, employer: Employer, details: ContactDetails) -> EmployerContact:
    """Add a contact to an employer the caller may keep contacts of (`access_contact_employer`);
    the employer's first contact is its primary one."""
    require_permission(actor, Permission.EMPLOYERS_CONTACTS)
    contact = EmployerContact(employer=employer)
    with transaction.atomic():
        _lock_contacts_of(employer)
        first = not employer.contacts.exists()
        _apply(contact, details, primary=details.primary or first)
        _take_primary(contact)
        contact.save()
        _audit(actor, contact, {}, kind=AuditKind.CREATE, action=EmployersAction.CONTACT_ADD)
    return contact


def update_contact(
    *, actor: User, contact: EmployerContact, details: ContactDetails, seen_version: int
) -> EmployerContact:
    """Change a contact; a save on an older version than the stored one is refused
    (StaleRecord, 409). Unmarking the primary contact is not possible here: another contact
    becomes primary by being marked so."""
    require_permission(actor, Permission.EMPLOYERS_CONTACTS)
    before = snapshot(contact, CONTACT_FIELDS)
    with transaction.atomic():
        advance_version(contact, seen=seen_version)
        _lock_contacts_of(contact.employer)
        _apply(contact, details, primary=details.primary or contact.primary)
        _take_primary(contact)
        contact.save()
        _audit(actor, contact, before, kind=AuditKind.CHANGE, action=EmployersAction.CONTACT_UPDATE)
    return contact


def remove_contact(*, actor: User, contact: EmployerContact, seen_version: int) -> None:
    """Remove a contact (refused as stale when it changed since the page was opened); when it
    was the primary one, the oldest remaining contact becomes primary."""
    require_permission(actor, Permission.EMPLOYERS_CONTACTS)
    before = snapshot(contact, CONTACT_FIELDS)
    with transaction.atomic():
        advance_version(contact, seen=seen_version)
        _lock_contacts_of(contact.employer)
        _audit(actor, contact, before, kind=AuditKind.CHANGE, action=EmployersAction.CONTACT_REMOVE)
        employer, was_primary = contact.employer, contact.primary
        contact.delete()
        if was_primary:
            successor = employer.contacts.order_by("pk").first()
            if successor is not None:
                EmployerContact.objects.filter(pk=successor.pk).update(primary=True)


def write_primary_contact(
    *, actor: User | None, employer: Employer, name: str, phone: str, detail: dict[str, Any]
) -> None:
    """The import's 联系人 and 联系电话 columns: fill the employer's primary contact (added
    when it has none), audited with the batch's `detail`. Call inside the import's transaction;
    blank values are not written (a blank cell keeps what is stored)."""
    contact = employer.contacts.filter(primary=True).first()
    before = snapshot(contact, CONTACT_FIELDS) if contact is not None else {}
    if contact is None:
        if not (name or phone):
            return
        contact = EmployerContact(employer=employer, primary=True)
        kind, action = AuditKind.CREATE, EmployersAction.CONTACT_ADD
    else:
        advance_version(contact)
        kind, action = AuditKind.CHANGE, EmployersAction.CONTACT_UPDATE
    contact.name = name.strip() or contact.name or _("单位联系人")
    if phone:
        _set_phone(contact, phone)
    contact.save()
    _audit(actor, contact, before, kind=kind, action=action, detail=detail)


def primary_contacts(employer_ids: list[int]) -> dict[int, EmployerContact]:
    """The primary contact of each of these employers, in one query (the import's comparison)."""
    contacts = EmployerContact.objects.filter(employer_id__in=employer_ids, primary=True)
    return {contact.employer_id: contact for contact in contacts}


def _lock_contacts_of(employer: Employer) -> None:
    """Writes to one employer's contacts take turns (the employer's row lock, PostgreSQL), so two
    first contacts added at once are not both primary, nor a primary removed while marked."""
    list(Employer.objects.select_for_update().filter(pk=employer.pk).values_list("pk"))


def _apply(contact: EmployerContact, details: ContactDetails, *, primary: bool) -> None:
    contact.name = details.name.strip()
    contact.post = details.post.strip()
    contact.email = details.email.strip()
    contact.primary = primary
    if details.phone is not None:
        _set_phone(contact, details.phone)


def _set_phone(contact: EmployerContact, phone: str) -> None:
    phone = phone.strip()
    contact.phone = phone
    contact.phone_masked = mask_phone(phone) if phone else ""
    contact.phone_hash = lookup_hash(phone) if phone else ""


def _take_primary(contact: EmployerContact) -> None:
    """A contact marked primary takes it from the employer's other contacts (one UPDATE)."""
    if contact.primary:
        others = EmployerContact.objects.filter(employer_id=contact.employer_id, primary=True)
        others.exclude(pk=contact.pk).update(primary=False)


def _audit(
    actor: User | None,
    contact: EmployerContact,
    before: dict[str, Any],
    *,
    kind: AuditKind,
    action: EmployersAction,
    detail: dict[str, Any] | None = None,
) -> None:
    after = snapshot(contact, CONTACT_FIELDS) if action != EmployersAction.CONTACT_REMOVE else {}
    record_audit(
        actor=actor,
        kind=kind,
        action=action,
        target=contact,
        target_label=f"{contact.employer.name} {contact.name}",
        changes=diff(before, after, sensitive=CONTACT_MASKS),
        detail={"employer": contact.employer_id, **(detail or {})},
    )
