"""The rejected rows of a batch as .xlsx: the original cells, then the reasons, ready to be
corrected and imported again (the two added columns are ignored on import)."""

from __future__ import annotations

import json

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.core.spreadsheets import XlsxTarget, open_xlsx, write_xlsx_sheet
from ablework.exchange.audit_actions import ExchangeAction
from ablework.exchange.models import ImportBatch

REASON_HEADER = "未通过原因"
ROW_HEADER = "原行号"


def write_rejected_rows(*, actor: User | None, batch: ImportBatch, target: XlsxTarget) -> int:
    """Write the rejected rows (they hold full identifiers, so the download is logged)."""
    count = batch.rejected_rows.count()
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=ExchangeAction.IMPORT_REJECTED_ROWS,
        target=batch,
        target_label=batch.file_name,
        detail={"rows": count, "file_name": batch.file_name},
    )
    rows = (
        [*json.loads(row.cells), row.reasons, str(row.row_number)]
        for row in batch.rejected_rows.order_by("row_number").iterator(chunk_size=2000)
    )
    workbook = open_xlsx(target)
    header = [*(label or f"第{index + 1}列" for index, label in enumerate(batch.header))]
    write_xlsx_sheet(
        workbook,
        name="未通过的行",
        header=[*header, REASON_HEADER, ROW_HEADER],
        rows=rows,
        widths=[*(max(10, 2 * len(label) + 4) for label in header), 60, 8],
    )
    workbook.close()
    return count
