"""Whether the process running a job is still there.

On the worker's own machine the recorded process id answers (a killed or restarted worker is
seen at once). For a worker on another machine only its heartbeat can answer: a job whose
progress has not been reported for JOBS_STALE_AFTER_SECONDS counts as stopped. (An embedded
SQLite database has its worker on the same machine; and while an import's one transaction is
open SQLite lets no other connection write a heartbeat, which is why the process id comes first.)
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ablework.jobs.models import Job, JobState


def this_host() -> str:
    """The name this machine records on the jobs it runs."""
    return socket.gethostname()


def process_is_alive(pid: int) -> bool:
    """Whether a process of this machine exists and has not ended (a zombie has ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def worker_is_gone(job: Job) -> bool:
    """Whether a job marked running has lost the process that ran it."""
    if job.state != JobState.RUNNING:
        return False
    if job.worker_host == this_host():
        return job.worker_pid is None or not process_is_alive(job.worker_pid)
    stale = timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)
    return job.heartbeat_at is None or timezone.now() - job.heartbeat_at > stale


def has_stopped(job: Job) -> bool:
    """Whether the job will make no more progress: finished, failed, or its worker gone."""
    return not job.is_active or worker_is_gone(job)
