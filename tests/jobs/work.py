"""Work for the jobs tests: domain-free, module-level, as the worker needs it."""

from __future__ import annotations

from ablework.core.errors import Conflict
from ablework.jobs.models import Job
from ablework.jobs.progress import job_progress
from ablework.jobs.results import keep_result_file
from ablework.jobs.running import JobFailed, current_job_id

SEEN: list[tuple[int, int]] = []


def count_to(total: int) -> str:
    """Report each step, and note what the job's record says after each one."""
    progress = job_progress()
    for done in range(1, total + 1):
        progress(done, total)
        job = Job.objects.get(pk=current_job_id())
        SEEN.append((job.done, job.total))
    return f"数到了 {total}。"


def refuse(reason: str) -> None:
    raise JobFailed(reason)


def clash(reason: str) -> None:
    raise Conflict(reason)


def crash() -> None:
    raise ZeroDivisionError


def hand_back(text: str) -> str:
    """Hand back a small CSV file as the job's result."""
    keep_result_file(
        lambda handle: handle.write(text.encode()),
        filename="测试结果.csv",
        content_type="text/csv",
    )
    return "写好了结果文件。"
