"""A file a job hands back (a report built in the background): the work writes it with
`keep_result_file`, the job's page offers 下载 once the job has finished, and only the person
who started the job may download it (`access_job_result`), each download audited.

The file is kept through Django's default storage under a random name (MEDIA_ROOT, which no URL
serves) and sent back only by the job's download view, never cached. A job run again replaces
its file; files are kept RESULT_KEEP_DAYS after the job finished, then removed when a worker
starts (the page then says so: the file can be built again)."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import PurePath
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import NotFound
from ablework.core.models import AuditKind
from ablework.jobs.access import access_job
from ablework.jobs.audit_actions import JobsAction
from ablework.jobs.models import Job
from ablework.jobs.running import current_job_id

RESULT_FOLDER = "jobs/results"
RESULT_KEEP_DAYS = 7
"""How long a job's file is kept after the job finished. Why: a report downloaded the same week
is the one asked for; an older one is built again from today's data. A working setting of ours,
not a legal figure."""


def keep_result_file(
    write: Callable[[IO[bytes]], object], *, filename: str, content_type: str
) -> None:
    """Let `write` fill the file the running job hands back, named `filename` for its
    download; a file the job kept before (an earlier run) is replaced."""
    job_id = current_job_id()
    if job_id is None:
        raise RuntimeError("keep_result_file is called by a job's work, inside the job")
    with tempfile.TemporaryFile() as handle:
        write(handle)
        handle.seek(0)
        suffix = PurePath(filename).suffix.lower()
        stored = default_storage.save(
            f"{RESULT_FOLDER}/{uuid.uuid4().hex}{suffix}", File(handle, name=filename)
        )
    earlier = Job.objects.filter(pk=job_id).values_list("result_file", flat=True).first()
    Job.objects.filter(pk=job_id).update(
        result_file=stored, result_name=filename[:200], result_type=content_type[:100]
    )
    if earlier:
        default_storage.delete(earlier)


def may_download(actor: User, job: Job) -> bool:
    """Whether the actor may download the job's file: the person who started it."""
    return job.has_result_file and job.started_by_id is not None and job.started_by_id == actor.pk


def access_job_result(actor: User, job_id: int) -> Job:
    """A finished job's file for the person who started it, or NotFound (for anyone else,
    even staff who may follow the job: the file is the starter's)."""
    job = access_job(actor, job_id)
    if not may_download(actor, job):
        raise NotFound(_("没有找到该任务的结果文件。"))
    return job


def result_download(actor: User, job: Job) -> FileResponse:
    """The job's file as a download, never cached, with the download audited."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=JobsAction.DOWNLOAD,
        target=job,
        target_label=f"{job.label}：{job.result_name}",
        region_code=job.region_code[:6],
        detail={"kind": job.kind, "file": job.result_name},
    )
    response = FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    return response


def remove_expired_results() -> int:
    """Remove the files of jobs finished more than RESULT_KEEP_DAYS ago (their records stay,
    naming the file); the number removed."""
    cutoff = timezone.now() - timedelta(days=RESULT_KEEP_DAYS)
    expired = Job.objects.filter(finished_at__lt=cutoff).exclude(result_file="")
    removed = 0
    for job_id, stored in expired.values_list("pk", "result_file"):
        default_storage.delete(stored)
        Job.objects.filter(pk=job_id).update(result_file="")
        removed += 1
    return removed
