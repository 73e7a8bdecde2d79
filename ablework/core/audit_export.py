"""The audit trail as an .xlsx file, in the words the audit page uses; the export is audited."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.audit_actions import CoreAction
from ablework.core.audit_reading import ReadableRecord, readable_records
from ablework.core.errors import Invalid
from ablework.core.models import AuditKind, AuditRecord
from ablework.core.spreadsheets import XlsxCell, XlsxTarget, open_xlsx, write_xlsx_sheet

# One sheet holds 1,048,576 rows, the header included.
MAX_ROWS = 1_048_575
CHUNK_ROWS = 500
COLUMNS = (
    (_("时间"), 20),
    (pgettext_lazy("audit", "操作"), 20),
    (_("类别"), 14),
    (_("操作人"), 20),
    (_("操作人单位"), 28),
    (_("对象"), 32),
    (_("所属区划"), 16),
    (_("变更（旧值 → 新值）"), 60),
    (_("说明"), 30),
)


def export_audit(
    *,
    actor: User,
    records: QuerySet[AuditRecord],
    filters: Mapping[str, Any],
    target: XlsxTarget,
) -> int:
    """Write the selected audit records, newest first, as people read them on the audit page;
    the export is logged (rows, filters) before the file is written. Returns the row count."""
    newest = records.order_by("-pk").values_list("pk", flat=True).first()
    selection = records.filter(pk__lte=newest or 0).order_by("-pk")  # not the export's own row
    count = selection.count()
    if count > MAX_ROWS:
        raise Invalid(
            gettext_now("符合条件的记录有 %(count)s 条，超过一个表格能容纳的行数，请缩小日期范围。")
            % {"count": count}
        )
    with transaction.atomic():
        record_audit(
            actor=actor,
            kind=AuditKind.EXPORT,
            action=CoreAction.AUDIT_EXPORT,
            target_type="core.auditrecord",
            target_label=f"{count} 条",
            region_code=actor.region_id or "",
            detail={"rows": count, "filters": dict(filters), "format": "xlsx"},
        )
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=str(_("审计日志")),
        header=[str(label) for label, _width in COLUMNS],
        rows=_rows(selection),
        widths=[width for _label, width in COLUMNS],
    )
    workbook.close()
    return count


def _rows(selection: QuerySet[AuditRecord]) -> Iterator[list[XlsxCell]]:
    records = selection.iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(islice(records, CHUNK_ROWS)):
        for record in readable_records(chunk):
            yield _cells(record)


def _cells(record: ReadableRecord) -> list[XlsxCell]:
    changes = "\n".join(str(change) for change in record.changes)
    return [
        f"{record.at:%Y-%m-%d %H:%M:%S}",
        record.action,
        record.kind,
        record.actor,
        record.actor_unit,
        record.target,
        record.region,
        changes,
        "\n".join(record.notes),
    ]
