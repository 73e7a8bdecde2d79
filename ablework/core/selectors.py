"""Reads for the home page and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.models import AuditRecord, Region


def audit_records_visible_to(actor: User) -> QuerySet[AuditRecord]:
    """Audit records about things inside the actor's region (everything for a system admin)."""
    require_permission(actor, Permission.AUDIT_VIEW)
    scope = scope_of(actor)
    return AuditRecord.objects.filter(scope.region_q("county_code"))


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None


def search_audit_records(
    *, records: QuerySet[AuditRecord], filters: AuditFilters
) -> QuerySet[AuditRecord]:
    """Narrow a scoped audit queryset by action, actor, target, kind and date."""
    if filters.action:
        records = records.filter(action__startswith=filters.action)
    if filters.actor:
        records = records.filter(actor_label=filters.actor)
    if filters.target:
        records = records.filter(target_label__contains=filters.target)
    if filters.kind:
        records = records.filter(kind=filters.kind)
    if filters.since:
        records = records.filter(at__date__gte=filters.since)
    if filters.until:
        records = records.filter(at__date__lte=filters.until)
    return records


def regions_inside(actor: User) -> QuerySet[Region]:
    """The counties (and below) inside the actor's region, for filter menus."""
    scope = scope_of(actor)
    return Region.objects.filter(scope.region_q("code")).filter(level="county")
