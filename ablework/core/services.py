"""Writes in the base layer: townships and communities added by staff, one by one or from CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.audit_actions import CoreAction
from ablework.core.errors import DomainError, Invalid, NotFound
from ablework.core.models import AuditKind, Region
from ablework.core.regions import check_subregion_code


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


class RegionImportRejected(Invalid):
    """A region file with problems; nothing was saved."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"文件中有 {len(problems)} 处问题，未导入任何区划。")
        self.problems = problems


def add_subregion(*, actor: User, parent_code: str, code: str, name: str) -> Region:
    """Add a township (under a county) or a community (under a township) in the actor's area."""
    require_permission(actor, Permission.REGIONS_MANAGE)
    with transaction.atomic():
        region = _new_subregion(actor=actor, parent_code=parent_code, code=code, name=name)
        region.save()
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
    parent = Region.objects.filter(code=parent_code.strip()).first()
    if parent is None or not scope_of(actor).covers_code(parent.code):
        raise NotFound("没有找到上级区划，或它不在您的管辖范围内。", field="parent")
    level = check_subregion_code(parent=parent, code=code)
    if not name or len(name) > 64:
        raise Invalid("请填写名称（不超过 64 个字）。", field="name")
    if Region.objects.filter(code=code).exists():
        raise Invalid(f"区划代码 {code} 已存在。", field="code")
    return Region(
        code=code,
        name=name,
        level=level,
        parent=parent,
        county_code=parent.county_code or parent.code[:6],
        added_by_staff=True,
    )


def read_region_csv(content: bytes) -> list[list[str]]:
    """Rows of a CSV file in UTF-8 (with or without BOM) or GBK, as staff's tools save them."""
    for encoding in ("utf-8-sig", "gbk"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    raise Invalid("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。", field="file")


REGION_COLUMNS = ("代码", "名称", "上级代码")


def import_subregions(*, actor: User, rows: Iterable[list[str]], file_name: str) -> int:
    """Add every township/community of a CSV (代码, 名称, 上级代码), all or nothing."""
    require_permission(actor, Permission.REGIONS_MANAGE)
    rows = list(rows)
    if not rows or [cell.strip() for cell in rows[0][:3]] != list(REGION_COLUMNS):
        raise Invalid(f"第 1 行应为表头：{'，'.join(REGION_COLUMNS)}。", field="file")
    problems: list[RowProblem] = []
    with transaction.atomic():
        for number, row in enumerate(rows[1:], start=2):
            code, name, parent_code = ([*row, "", "", ""])[:3]
            try:
                region = _new_subregion(actor=actor, parent_code=parent_code, code=code, name=name)
                region.save()  # saved at once: a community may name a township added above
            except DomainError as error:
                problems.append(RowProblem(number, _column(error.field), error.message))
        if problems:
            raise RegionImportRejected(problems)
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=CoreAction.REGION_IMPORT,
            target_type="core.region",
            target_label=file_name,
            county_code=actor.region.code if actor.region else "",
            detail={"file": file_name, "rows": len(rows) - 1},
        )
    return len(rows) - 1


def _column(field: str | None) -> str:
    return {"code": "代码", "name": "名称", "parent": "上级代码"}.get(field or "", "")
