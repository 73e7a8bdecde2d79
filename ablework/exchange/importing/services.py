"""Checking an import file and committing it, whatever its kind: the services the pages, jobs
and CLI call."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ablework.core.audit import record_audit
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind
from ablework.exchange.audit_actions import ExchangeAction
from ablework.exchange.batches import claim_commit, fail_batch, start_pass
from ablework.exchange.importing.kinds import import_kind
from ablework.exchange.importing.pipeline import PassResult, run_pass
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from ablework.exchange.problems import clear_problems
from ablework.exchange.progress import BatchProgress, Progress
from ablework.exchange.reading import Source, UnreadableFile
from ablework.exchange.storage import remove_upload


class RowsRejected(Exception):
    """All-or-nothing, and a row failed: the transaction is rolled back."""

    def __init__(self, result: PassResult) -> None:
        super().__init__(f"{result.rejected} rows rejected")
        self.result = result


def check_import_file(
    *, batch: ImportBatch, source: Source, progress: Progress | None = None
) -> ImportBatch:
    """Check every row without writing anything; the problems are stored for the preview. A
    file that cannot be read fails the batch with the reason."""
    start_pass(batch, BatchStatus.CHECKING)
    clear_problems(batch)
    reporter = BatchProgress(batch, also=progress)
    try:
        result = run_pass(
            kind=import_kind(batch.kind),
            batch=batch,
            source=source,
            actor=batch.uploaded_by,
            today=timezone.localdate(),
            write=False,
            progress=reporter,
        )
    except UnreadableFile as error:
        fail_batch(batch, error.message)
        return batch
    _count(batch, result)
    batch.rows_checked = result.rows
    batch.status = BatchStatus.CHECKED
    batch.checked_at = timezone.now()
    batch.save()
    return batch


def commit_import_file(
    *, batch: ImportBatch, source: Source, mode: CommitMode, progress: Progress | None = None
) -> ImportBatch:
    """Import the file in ONE transaction: every valid row (`valid`), or every row only if all
    pass (`all-or-nothing`). Killed halfway, the data is exactly as it was before."""
    if batch.status in (BatchStatus.COMMITTED, BatchStatus.DISCARDED):
        raise Conflict("这个批次已经导入或已放弃。")
    if batch.status == BatchStatus.WRITING:  # claimed by the request that queued this job
        batch.commit_mode = mode
        start_pass(batch, BatchStatus.WRITING)
    else:  # the command line: checked, or committed at once without a separate check
        claim_commit(batch, mode=mode, ready=(BatchStatus.QUEUED, BatchStatus.CHECKED))
    reporter = BatchProgress(batch, also=progress)
    try:
        with transaction.atomic():
            clear_problems(batch)
            result = run_pass(
                kind=import_kind(batch.kind),
                batch=batch,
                source=source,
                actor=batch.uploaded_by,
                today=timezone.localdate(),
                write=True,
                progress=reporter,
            )
            if mode == CommitMode.ALL_OR_NOTHING and result.rejected:
                raise RowsRejected(result)
            _finish(batch, result)
    except RowsRejected:
        return _nothing_written(batch, source)
    except UnreadableFile as error:
        fail_batch(batch, error.message)
        return batch
    finally:
        reporter.close()
    remove_upload(batch.stored_file)
    batch.stored_file = ""
    batch.save(update_fields=["stored_file", "updated_at"])
    return batch


def _count(batch: ImportBatch, result: PassResult) -> None:
    batch.rows_total = result.rows
    batch.rows_valid = result.valid
    batch.rows_rejected = result.rejected
    batch.rows_created = result.created
    batch.rows_updated = result.updated
    batch.rows_unchanged = result.unchanged


def _finish(batch: ImportBatch, result: PassResult) -> None:
    """Inside the transaction: the batch's outcome and its audit record."""
    _count(batch, result)
    batch.rows_written = result.rows
    batch.status = BatchStatus.COMMITTED
    batch.finished_at = timezone.now()
    batch.save()
    record_audit(
        actor=batch.uploaded_by,
        kind=AuditKind.CREATE,
        action=ExchangeAction.IMPORT_COMMIT,
        target=batch,
        target_label=batch.file_name,
        detail={
            "file_name": batch.file_name,
            "file_sha256": batch.file_sha256,
            "mode": batch.commit_mode,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
        },
    )


def _nothing_written(batch: ImportBatch, source: Source) -> ImportBatch:
    """All-or-nothing found a rejected row while writing (the registry changed since the
    check): nothing was written; check again so the page shows why."""
    batch.refresh_from_db()
    check_import_file(batch=batch, source=source)
    batch.status = BatchStatus.NOTHING_WRITTEN
    batch.message = "有行未通过检查，按“全部通过才导入”的选择，没有写入任何记录。"
    batch.finished_at = timezone.now()
    batch.save()
    return batch
