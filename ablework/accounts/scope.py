"""What part of the data an actor may see: a region, an organisation, or particular persons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from ablework.accounts.roles import REGION_ROLES, Permission, Role
from ablework.core.errors import NotFound
from ablework.core.regions import inside_region_q

if TYPE_CHECKING:
    from ablework.accounts.models import User


@dataclass(frozen=True)
class Scope:
    """The actor's reach. `everywhere` is the system administrator's; otherwise one of the rest."""

    everywhere: bool = False
    region_prefix: str | None = None
    employer_id: int | None = None
    person_ids: frozenset[int] = frozenset()

    def region_q(self, field: str = "county_code") -> Q:
        """A filter keeping rows whose region code lies inside the actor's region."""
        if self.everywhere:
            return Q()
        if self.region_prefix is None:
            return Q(pk__in=[])
        return inside_region_q(self.region_prefix, field=field)

    def covers_code(self, code: str) -> bool:
        """Whether a region code lies inside the actor's region."""
        if self.everywhere:
            return True
        return self.region_prefix is not None and code.startswith(self.region_prefix)


def scope_of(actor: User) -> Scope:
    """The scope of an authenticated user, from their role and binding."""
    if not actor.is_authenticated or not actor.is_active:
        return Scope()
    if actor.role == Role.SYSTEM_ADMIN:
        return Scope(everywhere=True)
    if actor.role in REGION_ROLES and actor.region is not None:
        return Scope(region_prefix=actor.region.scope_prefix)
    if actor.role == Role.EMPLOYER and actor.employer_id is not None:
        return Scope(employer_id=actor.employer_id)
    if actor.role == Role.PERSON and actor.person_id is not None:
        return Scope(person_ids=frozenset({actor.person_id}))
    if actor.role == Role.FAMILY:
        return Scope(person_ids=frozenset(_consented_person_ids(actor)))
    return Scope()


def _consented_person_ids(actor: User) -> list[int]:
    today = timezone.localdate()
    return list(
        actor.proxy_consents.filter(revoked_at__isnull=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .values_list("person_id", flat=True)
    )


def require_permission(actor: User, permission: Permission) -> None:
    """Raise NotFound when the role lacks the permission: a page the actor cannot use is
    indistinguishable from one that does not exist."""
    if not actor.is_authenticated or not actor.has_named_permission(permission):
        raise NotFound("没有找到该页面或记录。")
