"""Starting jobs, starting failed ones again, and noticing jobs whose worker has gone."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind
from ablework.jobs.audit_actions import JobsAction
from ablework.jobs.liveness import this_host, worker_is_gone
from ablework.jobs.models import Job, JobState
from ablework.jobs.running import WORKER_STOPPED, path_of_work
from ablework.jobs.tasks import run_job


def enqueue_job(
    *,
    actor: User | None,
    kind: str,
    label: str,
    work: Callable[..., str | None],
    arguments: list[Any],
    result_url: str = "",
) -> Job:
    """Record a job and queue it for the worker once the caller's transaction commits (a job
    started in a transaction that rolls back never runs)."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            label=label[:200],
            work=path_of_work(work),
            arguments=arguments,
            started_by=actor,
            region_code=_region_of(actor),
            result_url=result_url,
        )
        transaction.on_commit(lambda: _send(job.pk))
    return job


def start_job_here(*, actor: User | None, kind: str, label: str, result_url: str = "") -> Job:
    """Record a job that this process runs itself (a command): followed like any other, but
    started again by running the command again."""
    return Job.objects.create(
        kind=kind,
        label=label[:200],
        started_by=actor,
        region_code=_region_of(actor),
        result_url=result_url,
    )


def restart_job(*, actor: User, job: Job) -> Job:
    """Queue a failed job again, as it was first asked for (audited: who started it again)."""
    notice_stopped_worker(job)
    if not job.can_restart:
        raise Conflict("这个任务没有失败，或不能从这里重新开始。")
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
            state=JobState.QUEUED, done=0, total=0, message="", finished_at=None
        )
        if not updated:
            raise Conflict("这个任务已经重新开始了。")
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=JobsAction.RESTART,
            target=job,
            target_label=job.label,
            region_code=job.region_code[:6],
            detail={"kind": job.kind, "attempts": job.attempts},
        )
        transaction.on_commit(lambda: _send(job.pk))
    job.refresh_from_db()
    return job


def notice_stopped_worker(job: Job) -> Job:
    """A job left running by a worker that has gone is recorded as failed (and can run again)."""
    if worker_is_gone(job):
        _fail_abandoned(Job.objects.filter(pk=job.pk, worker_pid=job.worker_pid))
        job.refresh_from_db()
    return job


def fail_orphaned_jobs() -> int:
    """At a worker's start: jobs this machine left running in a process that has gone (or in
    one with this very process id, reused after a restart) are recorded as failed."""
    running = Job.objects.filter(state=JobState.RUNNING, worker_host=this_host())
    orphaned = [job.pk for job in running if job.worker_pid == os.getpid() or worker_is_gone(job)]
    return _fail_abandoned(Job.objects.filter(pk__in=orphaned))


def _fail_abandoned(jobs: Any) -> int:
    task_ids = list(jobs.exclude(task_result_id="").values_list("task_result_id", flat=True))
    count: int = jobs.filter(state=JobState.RUNNING).update(
        state=JobState.FAILED, message=WORKER_STOPPED, finished_at=timezone.now()
    )
    # The database backend's own row of a killed task says "running" for ever otherwise.
    if task_ids and isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        DBTaskResult.objects.filter(id__in=task_ids, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now()
        )
    return count


def _send(job_id: int) -> None:
    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


def _region_of(actor: User | None) -> str:
    return (actor.region_id or "") if actor is not None else ""
