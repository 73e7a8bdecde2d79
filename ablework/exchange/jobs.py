"""Running a batch's check or commit away from the web request, so a long import does not hold
the page: each pass is a job (ablework.jobs) that `ablework worker` runs, queued once the
request's transaction commits. Restarting the web server does not stop it; a killed worker
leaves the registry as it was (the commit is one transaction), its job is recorded as failed,
and the batch can be started again."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from ablework.accounts.models import User
from ablework.exchange.batches import claim_commit, start_pass
from ablework.exchange.comparison.services import compare_department_file
from ablework.exchange.importing.kinds import import_kind
from ablework.exchange.importing.services import check_import_file, commit_import_file
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from ablework.exchange.storage import opened_upload
from ablework.jobs.models import Job
from ablework.jobs.services import enqueue_job, restart_job


def start_check(batch: ImportBatch) -> Job:
    """Check a new batch (or compare a department's list) in the background."""
    with transaction.atomic():
        job = enqueue_job(
            actor=batch.uploaded_by,
            kind="exchange.check",
            label=f"检查文件：{batch.file_name}",
            work=_check,
            arguments=[batch.pk],
            result_url=reverse("exchange:batch_detail", args=[batch.pk]),
        )
        _link(batch, job)
    return job


def start_commit(batch: ImportBatch, mode: CommitMode) -> Job:
    """Write a checked batch in the background; the page shows "writing" at once."""
    with transaction.atomic():
        if batch.status == BatchStatus.WRITING:  # an interrupted commit, started again
            batch.commit_mode = mode
            start_pass(batch, BatchStatus.WRITING)
        else:  # of simultaneous commits only one wins; the others get Conflict
            claim_commit(batch, mode=mode)
        job = enqueue_job(
            actor=batch.uploaded_by,
            kind="exchange.commit",
            label=f"导入文件：{batch.file_name}",
            work=_commit,
            arguments=[batch.pk, str(mode)],
            result_url=reverse("exchange:batch_detail", args=[batch.pk]),
        )
        _link(batch, job)
    return job


def start_again(*, actor: User, batch: ImportBatch) -> None:
    """Run an interrupted batch's pass again: its own failed job, or a new one if it has none."""
    if batch.job is not None and batch.job.can_restart:
        restart_job(actor=actor, job=batch.job)
    elif batch.status == BatchStatus.WRITING:
        start_commit(batch, CommitMode(batch.commit_mode or CommitMode.ALL_OR_NOTHING))
    else:
        start_check(batch)


def _link(batch: ImportBatch, job: Job) -> None:
    batch.job = job
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)


def _check(batch_id: int) -> str:
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    with opened_upload(batch.stored_file) as upload:
        if batch.is_department_list:
            compare_department_file(batch=batch, source=upload)
        else:
            check_import_file(batch=batch, source=upload)
    return outcome_of(batch)


def _commit(batch_id: int, mode: str) -> str:
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    with opened_upload(batch.stored_file) as upload:
        commit_import_file(batch=batch, source=upload, mode=CommitMode(mode))
    return outcome_of(batch)


def outcome_of(batch: ImportBatch) -> str:
    """A batch's result in one sentence, for its job's record."""
    if batch.status in (BatchStatus.FAILED, BatchStatus.NOTHING_WRITTEN) and batch.message:
        return batch.message
    if batch.is_department_list:
        return f"比对完成：共 {batch.rows_total} 行，提出 {batch.proposals_made} 条变更建议。"
    counts = (
        f"共 {batch.rows_total} 行，通过 {batch.rows_valid} 行，未通过 {batch.rows_rejected} 行"
    )
    if batch.status == BatchStatus.COMMITTED:
        outcome = import_kind(batch.kind).outcome
        return (
            f"已导入：{counts}；{outcome.created} {batch.rows_created}，"
            f"{outcome.updated} {batch.rows_updated}，无变化 {batch.rows_unchanged}。"
        )
    return f"检查完成：{counts}。"
