"""Progress of a pass over a batch's rows, reported on the batch's job record (what the pages
and the command line show), and optionally to a progress bar on the terminal."""

from __future__ import annotations

from ablework.exchange.models import ImportBatch
from ablework.jobs.progress import JobProgress, Progress

__all__ = ["BatchProgress", "Progress"]


class BatchProgress(JobProgress):
    """`progress(done, total)` for a pass over `batch`: onto its job (none: only `also`)."""

    def __init__(self, batch: ImportBatch, *, also: Progress | None = None) -> None:
        super().__init__(batch.job_id, also=also)
