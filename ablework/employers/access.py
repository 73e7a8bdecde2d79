"""Access to employers: staff by region (down to the township), an employer user only to
their own organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.employers.models import Employer


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
