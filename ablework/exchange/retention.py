"""How long what an upload brings in is kept: the file, the problems found in it and its
rejected rows hold identifiers, phones and addresses, and PIPL art. 19 asks that personal
information be kept no longer than needed for its purpose. Their purpose ends once the batch
is committed or discarded, or when nobody has acted on it for IMPORT_RETENTION_DAYS: then they
are deleted (discarding deletes them at once, see batches.discard_batch). The batch row stays,
since the audit trail and the registry's history name it.

`ablework purge_imports` runs this (daily, from cron); a worker runs it once as it starts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.exchange.audit_actions import ExchangeAction
from ablework.exchange.batches import is_interrupted
from ablework.exchange.models import RUNNING_STATUSES, BatchStatus, ImportBatch
from ablework.exchange.problems import clear_problems
from ablework.exchange.storage import kept_uploads, remove_upload, sweep_leftovers

# A kept upload no batch names (its batch was never created: the process died between storing
# the file and saving the batch) is removed once it is this old.
UNCLAIMED_UPLOAD_GRACE = timedelta(days=1)
# What the batch says of a checked batch nobody committed in time.
EXPIRED_MESSAGE = (
    "超过了导入内容的保存期限（{days} 天）：上传的文件、检查发现的问题和未通过的行已删除，"
    "没有写入任何记录。如仍需导入，请重新上传。"
)


@dataclass
class PurgeResult:
    batches: int = 0
    files: int = 0


def retention_days() -> int:
    """Setting IMPORT_RETENTION_DAYS."""
    return int(settings.IMPORT_RETENTION_DAYS)


def purge_expired_imports(*, now: datetime | None = None) -> PurgeResult:
    """Delete the upload, problems and rejected rows of every batch uploaded more than the
    retention period ago (not one still being checked or written), then leftover files."""
    now = now or timezone.now()
    result = PurgeResult()
    cutoff = now - timedelta(days=retention_days())
    expired = ImportBatch.objects.filter(created_at__lt=cutoff, contents_purged_at__isnull=True)
    for batch in expired.select_related("job").order_by("pk").iterator(chunk_size=200):
        if batch.status in RUNNING_STATUSES and not is_interrupted(batch):
            continue
        _purge(batch, now)
        result.batches += 1
    result.files = sweep_leftovers(now=now.timestamp()) + _remove_unclaimed(now)
    return result


def _purge(batch: ImportBatch, now: datetime) -> None:
    with transaction.atomic():
        clear_problems(batch)
        if batch.status not in (
            BatchStatus.COMMITTED,
            BatchStatus.DISCARDED,
            BatchStatus.FAILED,
        ):
            batch.status = BatchStatus.DISCARDED
            batch.message = EXPIRED_MESSAGE.format(days=retention_days())
            batch.finished_at = now
        stored, batch.stored_file = batch.stored_file, ""
        batch.contents_purged_at = now
        batch.save()
        record_audit(
            actor=None,
            kind=AuditKind.CHANGE,
            action=ExchangeAction.IMPORT_PURGE,
            target=batch,
            target_label=batch.file_name,
            detail={"file_name": batch.file_name, "retention_days": retention_days()},
        )
    remove_upload(stored)


def _remove_unclaimed(now: datetime) -> int:
    named = set(ImportBatch.objects.exclude(stored_file="").values_list("stored_file", flat=True))
    oldest = now.timestamp() - UNCLAIMED_UPLOAD_GRACE.total_seconds()
    removed = 0
    for upload in kept_uploads():
        if upload.name not in named and upload.stat().st_mtime < oldest:
            upload.unlink(missing_ok=True)
            removed += 1
    return removed


def sweep_at_start() -> int:
    """What a starting process does: delete leftovers (never a kept upload)."""
    return sweep_leftovers(now=time.time())
