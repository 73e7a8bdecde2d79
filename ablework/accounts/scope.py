"""What part of the data an actor may see, for every model: one primitive.

`scope_of(actor)` reads the actor's binding — everywhere, a region (province down to a
community), an employer, a person, a training provider's region, or the persons whose consent a
family member holds. `Scope.apply(queryset)` filters any model by what the model declares in
`scoped_by` (core.scoping). `visible` adds the named permission, and `access_one` fetches one
row, answering NotFound alike for "missing" and "not yours".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.roles import REGION_ROLES, Permission, Role
from ablework.core.errors import Invalid, NotFound
from ablework.core.scoping import NOTHING, RegionFields, scoped_by

if TYPE_CHECKING:
    from ablework.accounts.models import User

M = TypeVar("M", bound=Model)


class Binding(StrEnum):
    """What an account is bound to."""

    NOTHING = "nothing"
    EVERYWHERE = "everywhere"
    REGION = "region"
    PROVIDER = "provider"  # a training provider, serving the region it is bound to
    EMPLOYER = "employer"
    PERSON = "person"
    CONSENT = "consent"  # a family member, for the persons whose consent is recorded


@dataclass(frozen=True)
class Scope:
    """The actor's reach. `everywhere` is the system administrator's; otherwise one of the rest."""

    everywhere: bool = False
    region_prefix: str | None = None
    employer_id: int | None = None
    person_ids: frozenset[int] = frozenset()
    binding: Binding = field(default=Binding.NOTHING)

    def __post_init__(self) -> None:
        if self.binding == Binding.NOTHING:
            object.__setattr__(self, "binding", self._inferred_binding())

    def _inferred_binding(self) -> Binding:
        if self.everywhere:
            return Binding.EVERYWHERE
        if self.region_prefix is not None:
            return Binding.REGION
        if self.employer_id is not None:
            return Binding.EMPLOYER
        return Binding.PERSON if self.person_ids else Binding.NOTHING

    def q(self, model: type[Model]) -> Q:
        """The filter keeping the model's rows inside this scope, by its declaration."""
        if self.everywhere:
            return Q()
        declared = scoped_by(model)
        if self.region_prefix is not None:
            return declared.region.inside(self.region_prefix) if declared.region else NOTHING
        if self.employer_id is not None and declared.employer:
            return Q(**{declared.employer: self.employer_id})
        if self.person_ids and declared.person:
            return Q(**{f"{declared.person}__in": sorted(self.person_ids)})
        return NOTHING

    def apply(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """The queryset narrowed to this scope."""
        return queryset.filter(self.q(queryset.model))

    def region_q(self, field: str = "county_code") -> Q:
        """A filter on one 6-digit county column (prefer `apply`, which knows finer columns)."""
        if self.everywhere:
            return Q()
        if self.region_prefix is None:
            return NOTHING
        return RegionFields(county=field).inside(self.region_prefix)

    def covers_code(self, code: str) -> bool:
        """Whether a region code lies inside the actor's region (a county's code does not lie
        inside one of its townships)."""
        if self.everywhere:
            return True
        return self.region_prefix is not None and code.startswith(self.region_prefix)

    def overlaps_code(self, code: str) -> bool:
        """Whether the actor works in (part of) the region with this code: it lies inside their
        region, or their region (a township) lies inside it (its county)."""
        if self.everywhere:
            return True
        prefix = self.region_prefix
        return prefix is not None and (code.startswith(prefix) or prefix.startswith(code))

    def covers(self, instance: Model) -> bool:
        """Whether one row lies inside this scope, by its model's declaration (no query for
        region scopes: the row's finest region code is compared)."""
        if self.everywhere:
            return True
        declared = scoped_by(type(instance))
        if self.region_prefix is not None:
            return declared.region is not None and self.covers_code(
                declared.region.finest(instance)
            )
        return (
            type(instance)._default_manager.filter(self.q(type(instance)), pk=instance.pk).exists()
        )


def scope_of(actor: User | None) -> Scope:
    """The scope of an authenticated user, from their role and binding."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return Scope()
    if actor.role == Role.SYSTEM_ADMIN:
        return Scope(everywhere=True)
    if actor.role in REGION_ROLES and actor.region is not None:
        binding = Binding.PROVIDER if actor.role == Role.TRAINING_PROVIDER else Binding.REGION
        return Scope(region_prefix=actor.region.scope_prefix, binding=binding)
    if actor.role == Role.EMPLOYER and actor.employer_id is not None:
        return Scope(employer_id=actor.employer_id)
    if actor.role == Role.PERSON and actor.person_id is not None:
        return Scope(person_ids=frozenset({actor.person_id}))
    if actor.role == Role.FAMILY:
        ids = frozenset(_consented_person_ids(actor))
        return Scope(person_ids=ids, binding=Binding.CONSENT if ids else Binding.NOTHING)
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
        raise NotFound(_("没有找到该页面或记录。"))


def require_region_inside(actor: User, *, county_code: str, township_code: str) -> None:
    """Before a record is placed in this county and township (a person, an employer): Invalid
    on the township when it is not the county's; NotFound unless the place lies inside the
    actor's region (a township's staff: their own township, so a blank township is refused)."""
    if township_code and not township_code.startswith(county_code):
        raise Invalid(_("所选乡镇（街道）不在所选县（市、区）内。"), field="township_code")
    if not scope_of(actor).covers_code(township_code or county_code):
        raise NotFound(_("没有找到该区划。"))


def visible(
    actor: User, rows: QuerySet[M] | type[M], *, permission: Permission | None
) -> QuerySet[M]:
    """The rows the actor may see with `permission` (None: scope only, no permission needed)."""
    if permission is not None:
        require_permission(actor, permission)
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    return scope_of(actor).apply(queryset)


def access_one(
    actor: User,
    rows: QuerySet[M] | type[M],
    pk: Any,
    *,
    permission: Permission | None,
    not_found_message: str,
) -> M:
    """One row the actor may see, or NotFound — the same answer for "missing" and "not yours"."""
    found = visible(actor, rows, permission=permission).filter(pk=pk).first()
    if found is None:
        raise NotFound(not_found_message)
    return found
