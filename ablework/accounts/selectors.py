"""Reads for consents and for a person's own access log."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import visible
from ablework.core.errors import NotFound
from ablework.core.models import AuditPerson, AuditRecord


def consents_visible_to(actor: User) -> QuerySet[ProxyConsent]:
    """Consents for persons in the staff member's area (by the person's township, for a
    township's staff), newest first."""
    return (
        visible(actor, ProxyConsent, permission=Permission.PERSONS_EDIT)
        .select_related("family_member", "person", "recorded_by")
        .order_by("-recorded_at")
    )


def my_consents(actor: User) -> list[ProxyConsent]:
    """For a person with a disability: every consent they granted, who holds it, newest first."""
    if actor.role != Role.PERSON or actor.person_id is None:
        raise NotFound("没有找到该页面。")
    consents = visible(actor, ProxyConsent, permission=None)  # their own grants only
    return list(
        consents.select_related("family_member", "recorded_by", "revoked_by").order_by(
            "-recorded_at", "-pk"
        )[:100]
    )


def who_accessed_my_record(actor: User) -> QuerySet[AuditRecord]:
    """For a person with a disability: everyone who viewed, revealed, changed, exported or
    looked up their record."""
    if actor.role != Role.PERSON or actor.person_id is None:
        raise NotFound("没有找到该页面。")
    return records_concerning(actor.person_id)


def records_concerning(person_id: int) -> QuerySet[AuditRecord]:
    """Every audit record about one person: those whose target they are (views, reveals,
    changes, consents, lookups of their ID) and the exports that included them."""
    # One UNION of two index searches, so that both databases look up the few ids first rather
    # than walk the whole trail newest first testing each row (docs/benchmarks.md).
    own = AuditRecord.objects.filter(target_type="registry.person", target_id=str(person_id))
    exports = AuditPerson.objects.filter(person_id=person_id)
    ids = own.order_by().values("pk").union(exports.order_by().values("record_id"), all=True)
    return AuditRecord.objects.filter(pk__in=ids)
