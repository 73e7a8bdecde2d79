"""Access to employers: staff by region, an employer user only to their own organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound
from ablework.employers.models import Employer


def employers_visible_to(
    actor: User, *, permission: Permission = Permission.EMPLOYERS_VIEW
) -> QuerySet[Employer]:
    """The employers the actor may see with `permission`."""
    require_permission(actor, permission)
    scope = scope_of(actor)
    if scope.everywhere:
        return Employer.objects.all()
    if scope.region_prefix is not None:
        return Employer.objects.filter(scope.region_q())
    if scope.employer_id is not None:
        return Employer.objects.filter(pk=scope.employer_id)
    return Employer.objects.none()


def access_employer(
    actor: User, employer_id: int, *, permission: Permission = Permission.EMPLOYERS_VIEW
) -> Employer:
    """The employer, or NotFound for "absent" and "not yours" alike."""
    employer = employers_visible_to(actor, permission=permission).filter(pk=employer_id).first()
    if employer is None:
        raise NotFound("没有找到该用人单位。")
    return employer
