"""Reads for the import pages: batches, their problems, identical earlier files."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.exchange.models import ImportBatch, ImportProblem

BATCH_LIST_FIELDS = (
    "id",
    "kind",
    "file_name",
    "status",
    "actor_label",
    "created_at",
    "rows_total",
    "rows_checked",
    "rows_written",
    "rows_valid",
    "rows_rejected",
    "rows_created",
    "rows_updated",
    "proposals_made",
    "job__state",
    "job__done",
    "job__total",
)


def list_batches(*, batches: QuerySet[ImportBatch]) -> QuerySet[ImportBatch]:
    """An already-scoped set of batches, newest first, with what the list shows."""
    return batches.select_related("job").only(*BATCH_LIST_FIELDS)


def problems_of(batch: ImportBatch) -> QuerySet[ImportProblem]:
    """The batch's problems: file-level first, then by row."""
    return batch.problems.all()
