"""One pass over an import file: read it in chunks, check every row with the kind's checker,
plan each chunk with its planner, and (when writing) write it with its writer. The caller
decides the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ablework.accounts.models import User
from ablework.core.audit import record_audits
from ablework.exchange.importing.checking import checked_chunks
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import ImportKind
from ablework.exchange.models import ImportBatch
from ablework.exchange.problems import Rejection, note_header, store_rejections
from ablework.exchange.progress import Progress
from ablework.exchange.reading import Source, UnreadableFile


@dataclass
class PassResult:
    """What a pass saw and did (or, checking only, would do)."""

    rows: int = 0
    rejected: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def valid(self) -> int:
        """Rows that passed every check."""
        return self.rows - self.rejected


def run_pass(
    *,
    kind: ImportKind,
    batch: ImportBatch,
    source: Source,
    actor: User | None,
    today: date,
    write: bool,
    progress: Progress,
) -> PassResult:
    """Check (and when `write`, import) every row of the file; problems are stored as found."""
    ctx = ImportContext.load(batch=batch, actor=actor, today=today)
    result = PassResult()
    with checked_chunks(source, kind, ctx) as read:
        note_header(batch, read.header)
        planner = kind.planner(read.header, ctx)
        for checked in read.chunks:
            plan = planner.plan(checked)
            if plan.audits:  # in the pass's transaction when writing, at once when checking
                record_audits(plan.audits)
            if write:
                kind.writer(plan, ctx)
            created = sum(1 for planned in plan.planned if planned.created)
            result.created += created
            result.updated += len(plan.planned) - created
            store_rejections(
                batch,
                (Rejection(row.number, row.cells, row.problems) for row in plan.rejected),
                width=len(read.header.labels),
            )
            result.rows += len(checked)
            result.rejected += len(plan.rejected)
            result.unchanged += plan.unchanged
            progress(result.rows, max(read.estimated_rows, result.rows))
    if result.rows == 0:
        raise UnreadableFile(f"表头（第{read.header_row}行）之后没有数据行，没有可以导入的内容。")
    return result
