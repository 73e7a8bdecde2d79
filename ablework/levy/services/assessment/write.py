"""Writing a run's rows in place of the region's earlier rows of the year (inside the run's
transaction).

Where the database keeps each row's JSON inputs as the text written (SQLite), the earlier rows
are read back column-wise and compared with the new ones, every column: a row equal to the new
one is kept and only handed to the new run (one UPDATE of its run), the others are deleted, and
only the rows that changed or are new are inserted. The table then holds exactly what deleting
every earlier row and inserting the new ones gives, without rewriting a reassessment's unchanged
rows and their indexes. Where it keeps them as jsonb (PostgreSQL, which reorders the keys, so
no stored text equals the new), the earlier rows are deleted and the new ones written in one
COPY."""

from __future__ import annotations

import polars as pl
from django.db import connections

from ablework.core.bulk import insert_frame, read_frame
from ablework.jobs.progress import Progress
from ablework.levy.models import Assessment, AssessmentRun
from ablework.levy.selectors.frames import region_employers_q

WRITE_CHUNK = 50_000
DELETE_CHUNK = 500  # primary keys a DELETE (within every backend's parameter limit)


def replace_rows(
    run: AssessmentRun,
    rows: pl.DataFrame,
    year: int,
    prefix: str,
    report: Progress,
    steps: tuple[int, int],
) -> None:
    """The region's rows of the year replaced by `rows` (the table's columns but the run's), all
    of the run's; progress reported from `steps[0]` to `steps[1]`."""
    earlier = Assessment.objects.filter(levy_year=year).filter(region_employers_q(prefix))
    if connections[earlier.db].features.has_native_json_field:
        earlier.delete()
        new = rows
    else:
        stored = read_frame(
            earlier.values_list("pk", *rows.columns),
            {"pk": pl.Int64, **rows.schema},
            raw=("inputs",),
        )
        kept = stored.join(rows, on=rows.columns, how="semi", nulls_equal=True)
        gone = stored.join(kept.select("pk"), on="pk", how="anti")["pk"].to_list()
        for start in range(0, len(gone), DELETE_CHUNK):
            Assessment.objects.filter(pk__in=gone[start : start + DELETE_CHUNK]).delete()
        earlier.update(run=run)
        new = rows.join(kept.drop("pk"), on=rows.columns, how="anti", nulls_equal=True)
    new = new.with_columns(run_id=pl.lit(run.pk, pl.Int64))
    first, last = steps
    total = new.height
    for start in range(0, total, WRITE_CHUNK):
        insert_frame(Assessment, new.slice(start, WRITE_CHUNK))
        done = min(start + WRITE_CHUNK, total)
        report(first + (last - first) * done // max(total, 1), last)
