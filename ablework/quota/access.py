"""Access to declarations: an employer user for its own employer only, staff for the employers
of their region (accounts/scope.py); "absent" and "not yours" get the same answer."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.errors import NotFound
from ablework.employers.models import Employer


def declaring_employer(actor: User | None, uscc: str) -> Employer:
    """The employer with this credit code for which the actor may declare (None: the system
    administrator at the server), or NotFound — the same for an unknown code and another's."""
    rows = (
        Employer.objects.all()
        if actor is None
        else visible(actor, Employer, permission=Permission.QUOTA_DECLARE)
    )
    found = rows.filter(uscc=uscc).first()
    if found is None:
        raise NotFound(_("没有找到统一社会信用代码为 %(uscc)s 的用人单位。") % {"uscc": uscc})
    return found
