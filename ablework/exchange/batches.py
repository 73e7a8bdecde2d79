"""Receiving a file as a batch, following its state, and discarding it."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Collection, Iterable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict
from ablework.core.masking import mask_identifiers_in_text
from ablework.core.models import AuditKind
from ablework.exchange.audit_actions import ExchangeAction
from ablework.exchange.importing.kinds import import_kind
from ablework.exchange.limits import running_per_user
from ablework.exchange.models import (
    DEPARTMENT_KINDS,
    RUNNING_STATUSES,
    BatchStatus,
    CommitMode,
    ImportBatch,
)
from ablework.exchange.problems import add_file_problem, clear_problems
from ablework.exchange.storage import StoredUpload, remove_upload, store_upload
from ablework.jobs.liveness import has_stopped


def permission_for(kind: str) -> Permission:
    """The permission a kind of file needs: the import kind's, or for a department's list
    (compared with the registry) the registry's edit permission."""
    if kind in DEPARTMENT_KINDS:
        return Permission.PERSONS_EDIT
    return import_kind(kind).permission


class TooManyImports(Conflict):
    """The user already has as many uploads queued or running as one may have at once."""


def receive_upload(
    *, actor: User, kind: str, file_name: str, chunks: Iterable[bytes]
) -> ImportBatch:
    """Keep an uploaded file (encrypted) as a new batch, queued for checking; refused with
    TooManyImports while the user has IMPORT_RUNNING_PER_USER uploads queued or running."""
    require_permission(actor, permission_for(kind))
    refuse_if_busy(actor)
    stored = store_upload(chunks)
    try:
        with transaction.atomic():
            # the user's row, locked, puts their simultaneous uploads one after the other
            User.objects.select_for_update().filter(pk=actor.pk).exists()
            refuse_if_busy(actor)
            return _new_batch(
                actor=actor, kind=kind, file_name=file_name, stored=stored, source="web"
            )
    except TooManyImports:
        remove_upload(stored.name)
        raise


def refuse_if_busy(actor: User) -> None:
    """Raise TooManyImports if `actor` has as many web uploads queued, being checked or being
    written as one may (an interrupted one does not count: it runs no more)."""
    limit = running_per_user()
    running = ImportBatch.objects.filter(
        uploaded_by=actor, source="web", status__in=list(RUNNING_STATUSES)
    ).select_related("job")
    busy = sum(1 for batch in running if not is_interrupted(batch))
    if busy >= limit:
        raise TooManyImports(
            f"您已有 {busy} 个文件正在排队、检查或写入，每人同时最多 {limit} 个。"
            "请等其中一个完成后再上传（进度见“导入批次”列表）。"
        )


def batch_for_local_file(*, actor: User | None, kind: str, path: Path) -> ImportBatch:
    """A batch for a file read in place (the command line): hashed, not copied."""
    if actor is not None:
        require_permission(actor, permission_for(kind))
    stored = StoredUpload(name="", sha256=_sha256_of(path), size=path.stat().st_size)
    return _new_batch(actor=actor, kind=kind, file_name=path.name, stored=stored, source="cli")


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _new_batch(
    *, actor: User | None, kind: str, file_name: str, stored: StoredUpload, source: str
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        kind=kind,
        file_name=file_name[:255],
        file_sha256=stored.sha256,
        file_size=stored.size,
        stored_file=stored.name,
        uploaded_by=actor,
        actor_label=actor.get_username() if actor is not None else "system",
        scope_code=(actor.region_id or "") if actor is not None else "",
        source=source,
        worker_pid=os.getpid(),
        worker_host=socket.gethostname(),
    )
    return batch


def start_pass(batch: ImportBatch, status: BatchStatus) -> None:
    """Mark a batch as being checked or written by this process (saved at once)."""
    batch.status = status
    batch.worker_pid = os.getpid()
    batch.worker_host = socket.gethostname()
    batch.rows_checked = 0
    batch.rows_written = 0
    batch.message = ""
    batch.save()


ALREADY_COMMITTING = gettext_lazy(
    "这个批次已经开始导入（可能是您或同事刚刚提交的），不会重复导入。请稍候在本页查看结果。"
)


def claim_commit(
    batch: ImportBatch,
    *,
    mode: CommitMode,
    ready: Collection[BatchStatus] = (BatchStatus.CHECKED,),
) -> None:
    """Move a batch from `ready` (checked) to writing in one conditional UPDATE: of concurrent
    commits only one wins and goes on to write; the others get Conflict (already committing).
    Then mark it as written by this process, as `start_pass` does."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status__in=list(ready)).update(
        status=BatchStatus.WRITING, commit_mode=mode, updated_at=timezone.now()
    )
    if not claimed:
        raise Conflict(str(ALREADY_COMMITTING))
    batch.commit_mode = mode
    start_pass(batch, BatchStatus.WRITING)


def fail_batch(batch: ImportBatch, message: str) -> None:
    """The file cannot be read: nothing is written, the reason is kept."""
    clear_problems(batch)
    add_file_problem(batch, message)
    batch.status = BatchStatus.FAILED
    batch.message = mask_identifiers_in_text(message)
    batch.finished_at = timezone.now()
    batch.save()
    remove_upload(batch.stored_file)


def is_interrupted(batch: ImportBatch) -> bool:
    """Whether a batch left checking or writing will get no further: its job failed or
    finished without it, or the worker running it has gone (killed or restarted)."""
    if batch.status not in RUNNING_STATUSES:
        return False
    if batch.job is None:  # queued batches get their job in the request that received them
        return batch.status != BatchStatus.QUEUED
    return has_stopped(batch.job)


def discard_batch(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Give up a checked batch: nothing is written; the kept file, its problems and rejected rows
    are deleted (a hostile file's millions of problem rows must not outlive the batch)."""
    if batch.status in (BatchStatus.COMMITTED, BatchStatus.DISCARDED) or (
        batch.status in (BatchStatus.CHECKING, BatchStatus.WRITING) and not is_interrupted(batch)
    ):
        raise Conflict("这个批次已经导入、已放弃或正在处理，不能放弃。")
    with transaction.atomic():
        batch.status = BatchStatus.DISCARDED
        batch.finished_at = timezone.now()
        stored, batch.stored_file = batch.stored_file, ""
        batch.save(update_fields=["status", "finished_at", "stored_file", "updated_at"])
        clear_problems(batch)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=ExchangeAction.IMPORT_DISCARD,
            target=batch,
            target_label=batch.file_name,
            detail={"file_name": batch.file_name, "file_sha256": batch.file_sha256},
        )
    remove_upload(stored)
    return batch


def identical_committed_batch(batch: ImportBatch) -> ImportBatch | None:
    """An earlier committed batch of the very same file (same SHA-256), if any."""
    return (
        ImportBatch.objects.filter(
            file_sha256=batch.file_sha256, kind=batch.kind, status=BatchStatus.COMMITTED
        )
        .exclude(pk=batch.pk)
        .order_by("-finished_at")
        .first()
    )
