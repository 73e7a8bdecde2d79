"""Access to employers: staff by region (down to the township), an employer user only to
their own organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.errors import Invalid
from ablework.employers.errors import EmployersErrorCode
from ablework.employers.models import Employer, EmployerContact


def employers_visible_to(
    actor: User, *, permission: Permission = Permission.EMPLOYERS_VIEW
) -> QuerySet[Employer]:
    """The employers the actor may see with `permission`."""
    return visible(actor, Employer, permission=permission)


def access_employer(
    actor: User, employer_id: int, *, permission: Permission = Permission.EMPLOYERS_VIEW
) -> Employer:
    """The employer, or NotFound for "absent" and "not yours" alike."""
    return access_one(
        actor,
        Employer,
        employer_id,
        permission=permission,
        not_found_message=_("没有找到该用人单位。"),
    )


def access_contact_employer(actor: User, employer_id: int) -> Employer:
    """The employer whose contacts the actor may keep (`employers.contacts`: staff of its area,
    its own users), or NotFound alike for "absent" and "not yours"."""
    return access_employer(actor, employer_id, permission=Permission.EMPLOYERS_CONTACTS)


def access_contact(actor: User, employer: Employer, contact_id: int) -> EmployerContact:
    """One contact of that employer the actor may keep, or NotFound."""
    return access_one(
        actor,
        EmployerContact.objects.filter(employer=employer).select_related("employer"),
        contact_id,
        permission=Permission.EMPLOYERS_CONTACTS,
        not_found_message=_("没有找到该联系人。"),
    )


def require_declares_itself(employer: Employer) -> None:
    """A branch (分支机构) that does not declare on its own declares through its parent:
    Invalid naming the parent; nothing for any other employer."""
    parent = employer.declares_through
    if parent is not None:
        raise Invalid(
            _("本单位为 %(parent)s 的分支机构，由 %(parent)s 统一申报按比例就业。")
            % {"parent": parent.name},
            field="employer",
            code=EmployersErrorCode.DECLARES_THROUGH_PARENT,
        )
