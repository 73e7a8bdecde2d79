"""Logged CSV exports of the employers register."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import csv_lines
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.models import Employer
from ablework.employers.selectors import LIST_FIELDS

EXPORT_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "单位类型",
    "所属县级区划",
    "所属县级区划代码",
    "乡镇（街道）",
    "在职职工人数",
]


def export_employers_csv(
    *, actor: User, employers: QuerySet[Employer], filters: dict[str, Any]
) -> Iterator[str]:
    """CSV text of the selection; logged with its row count before streaming starts."""
    count = employers.count()
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=EmployersAction.EMPLOYER_EXPORT,
        target_type="employers.employer",
        target_label=f"{count} 条",
        region_code=actor.region.code if actor.region else "",
        detail={"rows": count, "filters": filters},
    )
    rows = (
        [
            e.name,
            e.uscc,
            e.get_kind_display(),
            region_name(e.county_code),
            e.county_code,
            region_name(e.township_code),
            str(e.staff_count),
        ]
        for e in employers.only(*LIST_FIELDS).order_by("pk").iterator(chunk_size=2000)
    )
    return csv_lines(EXPORT_HEADER, rows)
