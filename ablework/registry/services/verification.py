"""Recording that records were checked: the quarterly update (季度更新), self-check, cross-check
and sampling (自查互查抽查制度). Each check is kept; `last_verified_on` holds the latest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import audit_entry, record_audits
from ablework.core.errors import Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_versions
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import Person, Verification, VerificationMethod

MAX_PER_SUBMISSION = 200


def mark_verified(
    *,
    actor: User,
    persons: QuerySet[Person],
    on: date,
    method: VerificationMethod | str = VerificationMethod.QUARTERLY_UPDATE,
    note: str = "",
) -> int:
    """Record that each person's record was checked with them on `on`; returns how many.

    `persons` is already scoped to the actor; records merged into another are skipped.
    """
    if on > timezone.localdate():
        raise Invalid(_("核实日期不能晚于今天。"), field="verified_on")
    if method not in VerificationMethod.values:
        raise Invalid(_("未知的核实方式。"), field="method")
    with transaction.atomic():
        chosen = list(
            persons.filter(merged_into__isnull=True)
            .select_for_update()
            .only("id", "name", "resident_id_masked", "county_code", "last_verified_on")
            .order_by("pk")[: MAX_PER_SUBMISSION + 1]
        )
        if len(chosen) > MAX_PER_SUBMISSION:
            raise Invalid(
                _("一次最多标记 %(count)d 人。") % {"count": MAX_PER_SUBMISSION}, field="persons"
            )
        Verification.objects.bulk_create(
            Verification(person=p, verified_on=on, method=method, verified_by=actor, note=note)
            for p in chosen
        )
        later = Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=on)
        Person.objects.filter(later, pk__in=[p.pk for p in chosen]).update(
            last_verified_on=on, updated_at=timezone.now()
        )
        advance_versions(Person.objects.filter(pk__in=[p.pk for p in chosen]))
        record_audits([_audit(actor, person, on=on, method=str(method)) for person in chosen])
    return len(chosen)


def _audit(actor: User, person: Person, *, on: date, method: str) -> dict[str, Any]:
    old = person.last_verified_on
    new = on if old is None or old < on else old
    return audit_entry(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=RegistryAction.PERSON_VERIFY,
        target=person,
        changes={"last_verified_on": [str(old) if old else None, str(new)]} if new != old else {},
        detail={"method": method, "verified_on": on.isoformat()},
    )
