"""The one task the worker runs for every job: it reads the job's record and runs its work."""

from __future__ import annotations

from django_tasks import task

from ablework.jobs.running import run_recorded_work


@task()
def run_job(job_id: int) -> None:
    """Run job `job_id` (its work, arguments and progress are in its record)."""
    run_recorded_work(job_id)
