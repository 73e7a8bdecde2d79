"""Progress of a batch, kept in its database row so a page left and opened again shows it.

While the import's single transaction is open its own writes are invisible to other
connections, so progress goes through a second connection (PostgreSQL). SQLite allows one
writer at a time: there the writing pass reports when it ends, and the page says it is writing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from ablework.exchange.models import ImportBatch

Progress = Callable[[int, int], None]
REPORT_EVERY_SECONDS = 0.5


class BatchProgress:
    """`progress(done, total)` for a pass: throttled writes to the batch row, and optionally a
    progress bar on the terminal."""

    def __init__(self, batch: ImportBatch, *, field: str, also: Progress | None = None) -> None:
        self.batch_id = batch.pk
        self.field = field
        self.also = also
        self._last = 0.0
        self._side: BaseDatabaseWrapper | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.also is not None:
            self.also(done, total)
        now = time.monotonic()
        if now - self._last < REPORT_EVERY_SECONDS and done < total:
            return
        self._last = now
        self._store(done, total)

    def _store(self, done: int, total: int) -> None:
        if not connection.in_atomic_block:
            ImportBatch.objects.filter(pk=self.batch_id).update(
                **{self.field: done, "rows_total": total}
            )
        elif connection.vendor == "postgresql":
            self._store_aside(done, total)

    def _store_aside(self, done: int, total: int) -> None:
        """Through a second connection, never waiting on a lock (progress is not worth it)."""
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
            with self._side.cursor() as cursor:
                cursor.execute("SET lock_timeout = '200ms'")
        table = ImportBatch._meta.db_table
        try:
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {self.field} = %s, rows_total = %s WHERE id = %s",  # noqa: S608
                    [done, total, self.batch_id],
                )
        except OperationalError:
            return

    def close(self) -> None:
        """Close the side connection, if one was opened."""
        if self._side is not None:
            self._side.close()
            self._side = None
