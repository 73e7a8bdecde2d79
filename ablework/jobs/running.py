"""Running a job: in the worker (the `run_job` task), or in place by a command. Either way the
record says who runs it and how it ended; a failure becomes a clear message, never a crash
the page cannot explain."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from ablework.core.errors import DomainError
from ablework.jobs.liveness import this_host
from ablework.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "处理时发生内部错误，任务没有完成。可以重新开始；如果再次失败，请联系系统管理员。"
WORKER_STOPPED = (
    "执行这个任务的后台程序已经停止（例如被终止或服务器重启），任务没有完成。可以重新开始。"
)
DONE = "已完成。"


class JobFailed(Exception):
    """Raised by work that cannot finish, with what to tell the person who started it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_current_job: ContextVar[int | None] = ContextVar("current_job", default=None)


def current_job_id() -> int | None:
    """The job this code runs in (None outside a job)."""
    return _current_job.get()


@dataclass
class JobRun:
    """The job being run; the work may leave a summary of its result for the record."""

    job_id: int
    summary: str = ""


@contextmanager
def running_job(job: Job) -> Iterator[JobRun]:
    """Mark the job running in this process; then succeeded, or failed with a clear message."""
    _mark_running(job)
    run = JobRun(job.pk)
    token = _current_job.set(job.pk)
    try:
        yield run
    except (JobFailed, DomainError) as error:  # the work's own reason, in its own words
        finish_job(job.pk, JobState.FAILED, error.message)
        raise
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        finish_job(job.pk, JobState.FAILED, INTERNAL_ERROR)
        raise
    except BaseException:  # the worker is being stopped (a signal): the work did not finish
        finish_job(job.pk, JobState.FAILED, WORKER_STOPPED)
        raise
    finally:
        _current_job.reset(token)
    finish_job(job.pk, JobState.SUCCEEDED, run.summary or DONE)


def run_recorded_work(job_id: int) -> None:
    """Run the work a job names with its arguments (what the worker's task does)."""
    job = Job.objects.get(pk=job_id)
    with running_job(job) as run:
        run.summary = work_named(job.work)(*job.arguments) or ""


def work_named(path: str) -> Callable[..., str | None]:
    """The module-level function a job names."""
    work: Callable[..., str | None] = import_string(path)
    return work


def path_of_work(work: Callable[..., str | None]) -> str:
    """The dotted path a job records for its work (a module-level function, so that the worker
    can import it)."""
    path = f"{work.__module__}.{work.__qualname__}"
    if "<" in path or "." in work.__qualname__:
        raise ValueError(f"job work must be a module-level function, not {path}")
    return path


def _mark_running(job: Job) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING,
        worker_host=this_host(),
        worker_pid=os.getpid(),
        started_at=now,
        heartbeat_at=now,
        progress_since=now,
        done=0,
        total=0,
        message="",
        finished_at=None,
        attempts=F("attempts") + 1,
    )


def finish_job(job_id: int, state: JobState, message: str) -> None:
    """Record how a job ended (saved at once, outside the work's own transaction)."""
    Job.objects.filter(pk=job_id).update(
        state=state, message=message, finished_at=timezone.now(), heartbeat_at=timezone.now()
    )
