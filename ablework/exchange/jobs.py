"""Running a batch's check or commit away from the web request, so a long import does not hold
the page: a thread of the web process (there is no task queue yet). Its state is in the
database, so the page can be left and opened again; a killed process leaves the registry as it
was, and the batch can be started again."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections

from ablework.exchange.batches import start_pass
from ablework.exchange.comparison.services import compare_department_file
from ablework.exchange.importing.services import check_import_file, commit_import_file
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from ablework.exchange.storage import opened_upload

logger = logging.getLogger(__name__)


def start_check(batch: ImportBatch) -> None:
    """Check a new batch (or compare a department's list) in the background."""
    _start(_check, batch.pk)


def start_commit(batch: ImportBatch, mode: CommitMode) -> None:
    """Write a checked batch in the background; the page shows "writing" at once."""
    batch.commit_mode = mode
    start_pass(batch, BatchStatus.WRITING)
    _start(_commit, batch.pk, mode)


def _start(job: Callable[..., None], *args: Any) -> None:
    if getattr(settings, "EXCHANGE_JOBS_INLINE", False):
        job(*args)
        return
    thread = threading.Thread(target=_guarded, args=(job, *args), name=f"exchange-{args[0]}")
    thread.start()


def _guarded(job: Callable[..., None], batch_id: int, *args: Any) -> None:
    try:
        job(batch_id, *args)
    except Exception:  # a background job has no caller to raise to: record and log the failure
        logger.exception("exchange batch %s failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED,
            message="处理时发生内部错误，登记库没有改动。请稍后重试，或联系系统管理员。",
        )
    finally:
        connections.close_all()


def _check(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    with opened_upload(batch.stored_file) as path:
        if batch.is_department_list:
            compare_department_file(batch=batch, path=path)
        else:
            check_import_file(batch=batch, path=path)


def _commit(batch_id: int, mode: str) -> None:
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    with opened_upload(batch.stored_file) as path:
        commit_import_file(batch=batch, path=path, mode=CommitMode(mode))
