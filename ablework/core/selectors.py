"""Reads for the home page and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import scope_of, visible
from ablework.core.models import AuditRecord, Region, RegionLevel
from ablework.core.scoping import code_prefix_q


def audit_records_visible_to(actor: User) -> QuerySet[AuditRecord]:
    """Audit records about things inside the actor's region (everything for a system admin)."""
    return visible(actor, AuditRecord, permission=Permission.AUDIT_VIEW)


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None
    region: str = ""  # a region code: records inside that region


def search_audit_records(
    *, records: QuerySet[AuditRecord], filters: AuditFilters
) -> QuerySet[AuditRecord]:
    """Narrow a scoped audit queryset by action, actor's name, target, kind, date and region."""
    if filters.action:
        records = records.filter(action=filters.action)
    if filters.actor:
        records = records.filter(
            Q(actor__display_name__contains=filters.actor)
            | Q(actor__last_name__contains=filters.actor)
            | Q(actor__first_name__contains=filters.actor)
        )
    if filters.target:
        records = records.filter(target_label__contains=filters.target)
    if filters.kind:
        records = records.filter(kind=filters.kind)
    if filters.since:
        records = records.filter(at__date__gte=filters.since)
    if filters.until:
        records = records.filter(at__date__lte=filters.until)
    if filters.region:
        region = Region.objects.filter(code=filters.region).first()
        prefix = region.scope_prefix if region is not None else filters.region
        records = records.filter(code_prefix_q(prefix, field="region_code"))  # measured shape
    return records


# The region filter lists the levels just below the actor's own (a province's cities and
# counties, not its thousands of townships).
_AUDIT_REGION_LEVELS = {
    None: ("province", "city"),
    "province": ("city", "county"),
    "city": ("county",),
    "county": ("county", "township"),
    "township": ("township", "community"),
}


def audit_regions(actor: User) -> QuerySet[Region]:
    """The regions inside the actor's area that the audit's region filter offers."""
    level = actor.region.level if actor.region_id and actor.region else None
    levels = _AUDIT_REGION_LEVELS.get(level, ())
    return visible(actor, Region.objects.filter(level__in=levels), permission=None)


def regions_inside(actor: User) -> QuerySet[Region]:
    """The counties the actor works in, for filter and form menus: those inside their region,
    or, for a township's or community's staff, the county around it."""
    prefix = scope_of(actor).region_prefix
    counties = Region.objects.filter(level=RegionLevel.COUNTY)
    if prefix is not None and len(prefix) > 6:
        return counties.filter(code=prefix[:6])
    return visible(actor, counties, permission=None)


def townships_inside(actor: User, county_codes: list[str]) -> QuerySet[Region]:
    """The townships (乡镇、街道) of these counties that lie inside the actor's region."""
    townships = Region.objects.filter(level=RegionLevel.TOWNSHIP, parent_id__in=county_codes)
    return visible(actor, townships, permission=None).only("code", "name")


def place_menus(actor: User) -> dict[str, Any]:
    """The county and township menus of a form placing a record (a person, an employer): the
    counties and townships inside the actor's region; a township's staff work in their
    township only, so the form fixes it to theirs (`township_fixed`)."""
    counties = regions_inside(actor).only("code", "name")
    return {
        "counties": counties,
        "townships": townships_inside(actor, [county.code for county in counties]),
        "township_fixed": len(scope_of(actor).region_prefix or "") > 6,
    }
