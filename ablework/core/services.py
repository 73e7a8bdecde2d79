"""Writes in the base layer: townships and communities added by staff, one by one or in bulk
from an import (the `regions` import kind, `shell/imports.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.audit import audit_entry, record_audit, record_audits
from ablework.core.audit_actions import CoreAction
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind, Region
from ablework.core.region_names import forget_region_names
from ablework.core.regions import check_subregion_code

PARENT_NOT_FOUND = "没有找到上级区划，或它不在您的管辖范围内。"
NAME_NEEDED = "请填写名称（不超过 64 个字）。"


def code_taken(code: str) -> str:
    """The message for a code another region already has."""
    return f"区划代码 {code} 已存在。"


def add_subregion(*, actor: User, parent_code: str, code: str, name: str) -> Region:
    """Add a township (under a county) or a community (under a township) in the actor's area."""
    require_permission(actor, Permission.REGIONS_MANAGE)
    with transaction.atomic():
        region = _new_subregion(actor=actor, parent_code=parent_code, code=code, name=name)
        region.save()
        transaction.on_commit(forget_region_names)  # pages name the new region at once
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=CoreAction.REGION_CREATE,
            target=region,
            changes={"code": [None, region.code], "name": [None, region.name]},
        )
    return region


def _new_subregion(*, actor: User, parent_code: str, code: str, name: str) -> Region:
    code, name = code.strip(), name.strip()
    parent = visible(actor, Region, permission=None).filter(code=parent_code.strip()).first()
    if parent is None:
        raise NotFound(PARENT_NOT_FOUND, field="parent")
    level = check_subregion_code(parent=parent, code=code)
    if not name or len(name) > 64:
        raise Invalid(NAME_NEEDED, field="name")
    if Region.objects.filter(code=code).exists():
        raise Invalid(code_taken(code), field="code")
    return Region(
        code=code,
        name=name,
        level=level,
        parent=parent,
        county_code=parent.county_code or parent.code[:6],
        added_by_staff=True,
    )


@dataclass(frozen=True)
class NewSubregion:
    """A township or community an import adds, already checked; `row` is its row in the file."""

    code: str
    name: str
    parent_code: str
    level: str
    county_code: str
    row: int


def add_subregions(
    *, actor: User | None, regions: Sequence[NewSubregion], detail: dict[str, object]
) -> None:
    """Add checked townships and communities in bulk, in order (a community may name a township
    added before it), each audited with `detail` (the batch and file) and its row. Call inside
    the import's transaction."""
    Region.objects.bulk_create(
        [
            Region(
                code=region.code,
                name=region.name,
                level=region.level,
                parent_id=region.parent_code,
                county_code=region.county_code,
                added_by_staff=True,
            )
            for region in regions
        ],
        batch_size=1000,
    )
    transaction.on_commit(forget_region_names)  # pages name the new regions at once
    record_audits(
        [
            audit_entry(
                actor=actor,
                kind=AuditKind.CREATE,
                action=CoreAction.REGION_CREATE,
                target_type=Region._meta.label_lower,
                target_label=region.name,
                region_code=region.county_code,
                changes={"code": [None, region.code], "name": [None, region.name]},
                detail={**detail, "row": region.row},
            )
            | {"target_id": region.code}
            for region in regions
        ]
    )
