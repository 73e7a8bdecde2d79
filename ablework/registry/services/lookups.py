"""Looking up whether a resident ID is already registered, outside the user's own records: the
answer stays (clerks need it to avoid registering someone twice), but each lookup that finds a
person is audited with that person as its target, so it shows in their access log, and the
persons found outside the user's area are limited per user and day
(`settings.OUT_OF_SCOPE_LOOKUPS_PER_DAY`). Past the limit the answer for any ID outside the
user's records is withheld — registered elsewhere or not at all alike, so withholding itself
tells nothing — until the next day."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.accounts.scope import Scope, scope_of
from ablework.core.audit import audit_entry, record_audits
from ablework.core.models import AuditKind, AuditRecord
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import Person

WITHHELD = gettext_lazy(
    "本日查询次数已达上限（每人每天可查询 %(limit)d 个在您的辖区以外登记的号码）："
    "该号码是否已在其他地区登记今天不再显示，本次不能登记或导入；请明天再试，或联系上级残联核实。"
)


class LookupAllowance:
    """One user's allowance for today: which persons outside their area they were already told
    of (answered again for free), and how many more they may be told of."""

    def __init__(self, actor: User | None, scope: Scope | None = None) -> None:
        self.actor = actor
        self.scope = scope if scope is not None else _scope(actor)
        self.limit = settings.OUT_OF_SCOPE_LOOKUPS_PER_DAY
        self.found: set[str] = set() if self.scope.everywhere else self._found_today()

    def _found_today(self) -> set[str]:
        if self.actor is None:
            return set()
        today = timezone.localdate()
        start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        found = AuditRecord.objects.filter(
            action=RegistryAction.PERSON_LOOKUP.value,
            actor_id=self.actor.pk,
            at__gte=start,
            detail__outside=True,
            detail__withheld=False,  # answered: a withheld lookup told nothing
        ).values_list("target_id", flat=True)
        return set(found.distinct())

    @property
    def exhausted(self) -> bool:
        """Whether the user has used today's allowance (never for the system or a national
        administrator, who see every record anyway)."""
        return not self.scope.everywhere and len(self.found) >= self.limit

    def covers(self, person: Person) -> bool:
        """Whether the person is the user's own to see (no allowance needed)."""
        return self.scope.covers(person)

    def answers(self, person: Person) -> bool:
        """Whether the user may be told that this person, outside their area, is registered;
        counts the person against today's allowance when they are new today."""
        key = str(person.pk)
        if key in self.found:
            return True
        if self.exhausted:
            return False
        self.found.add(key)
        return True

    @property
    def withheld(self) -> str:
        return str(WITHHELD) % {"limit": self.limit}


def lookup_entry(
    *, actor: User | None, person: Person, outside: bool, source: Mapping[str, Any]
) -> dict[str, Any]:
    """The audit values of one lookup that found `person` (its target, filed in the person's
    region, so their area's staff and their own access log see it). `source` says where: the
    import batch and file, or the registration form."""
    return audit_entry(
        actor=actor,
        kind=AuditKind.VIEW,
        action=RegistryAction.PERSON_LOOKUP,
        target=person,
        detail={"outside": outside, **source},
    )


def record_lookup(
    *, actor: User | None, person: Person, outside: bool, source: Mapping[str, Any]
) -> None:
    """Audit one lookup that found `person` (the registration form and API)."""
    record_audits([lookup_entry(actor=actor, person=person, outside=outside, source=source)])


def _scope(actor: User | None) -> Scope:
    return scope_of(actor) if actor is not None else Scope(everywhere=True)
