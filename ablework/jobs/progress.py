"""Progress a job reports while it runs: `progress(done, total)`, kept in the job's row so its
page (and any page showing the job) can follow it, and optionally echoed to a terminal.

Work inside one long transaction cannot make its own writes visible to others, so on
PostgreSQL progress goes through a second connection. SQLite allows one writer at a time: there
progress is kept only between transactions, and the page says the work is going on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from ablework.jobs.models import Job
from ablework.jobs.running import current_job_id

Progress = Callable[[int, int], None]
REPORT_EVERY_SECONDS = 0.5


class JobProgress:
    """`progress(done, total)` for a job (or for none: then only echoed): throttled writes of
    the count, the heartbeat and when the current count began. Made before the work opens its
    transaction: reports from inside that transaction go aside (or wait, on SQLite)."""

    def __init__(self, job_id: int | None, *, also: Progress | None = None) -> None:
        self.job_id = job_id
        self.also = also
        self._last = 0.0
        self._last_done = -1
        self._since = timezone.now()
        self._side: BaseDatabaseWrapper | None = None
        self._depth = len(connection.atomic_blocks)

    def __call__(self, done: int, total: int) -> None:
        if self.also is not None:
            self.also(done, total)
        if done < self._last_done:  # a new pass over the work: the pace starts again
            self._since = timezone.now()
        self._last_done = done
        now = time.monotonic()
        if now - self._last < REPORT_EVERY_SECONDS and done < total:
            return
        self._last = now
        if self.job_id is not None:
            self._store(self.job_id, done, total)

    def _store(self, job_id: int, done: int, total: int) -> None:
        values: dict[str, Any] = {"done": done, "total": total, "heartbeat_at": timezone.now()}
        values["progress_since"] = self._since
        if len(connection.atomic_blocks) <= self._depth:
            Job.objects.filter(id=job_id).update(**values)
        elif connection.vendor == "postgresql":
            self._store_aside(job_id, values)

    def _store_aside(self, job_id: int, values: dict[str, Any]) -> None:
        """Through a second connection, never waiting on a lock (progress is not worth it)."""
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
            with self._side.cursor() as cursor:
                cursor.execute("SET lock_timeout = '200ms'")
        columns = ", ".join(f"{name} = %s" for name in values)
        try:
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {Job._meta.db_table} SET {columns} WHERE id = %s",  # noqa: S608
                    [*values.values(), job_id],
                )
        except OperationalError:
            return

    def close(self) -> None:
        """Close the side connection, if one was opened."""
        if self._side is not None:
            self._side.close()
            self._side = None


def job_progress(*, also: Progress | None = None) -> JobProgress:
    """Progress for the job the calling work runs in (outside a job: only echoed to `also`)."""
    return JobProgress(current_job_id(), also=also)
