"""Reads for consents and for a person's own access log."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import visible
from ablework.core.errors import NotFound
from ablework.core.models import AuditRecord


def consents_visible_to(actor: User) -> QuerySet[ProxyConsent]:
    """Consents for persons in the staff member's area (by the person's township, for a
    township's staff), newest first."""
    return (
        visible(actor, ProxyConsent, permission=Permission.PERSONS_EDIT)
        .select_related("family_member", "person", "recorded_by")
        .order_by("-recorded_at")
    )


def who_accessed_my_record(actor: User) -> QuerySet[AuditRecord]:
    """For a person with a disability: everyone who viewed, revealed or changed their record."""
    if actor.role != Role.PERSON or actor.person_id is None:
        raise NotFound("没有找到该页面。")
    return AuditRecord.objects.filter(target_type="registry.person", target_id=str(actor.person_id))
