"""Writing a run's rows in place of the region's earlier rows of the year (inside the run's
transaction).

Each row carries `digest`, a 64-bit hash of its columns (`row_digests`). The earlier rows are
read back as their keys and digests only: an earlier row whose employer's new row has the same
digest is equal to it in every column, so it is kept and only handed to the new run (one UPDATE
of its run); the others are deleted, and only the rows that changed or are new are inserted (one
COPY on PostgreSQL, one prepared INSERT on SQLite: `core.bulk.insert_frame`). The table then
holds what deleting every earlier row and inserting the new ones gives, without reading the rows
back (the keys and digests are in the region's index) or rewriting a reassessment's unchanged
rows and their indexes.

The digest is Polars' row hash, stable within a Polars version only: after an upgrade the new
digests differ from the stored ones, and a reassessment rewrites every row once (an unequal
digest only ever rewrites a row; a row is kept on an equal digest of the same employer's row,
which two different rows give with a chance of 2^-64). A row written otherwise (no digest) is
always rewritten."""

from __future__ import annotations

import polars as pl

from ablework.core.bulk import insert_frame, read_frame
from ablework.jobs.progress import Progress
from ablework.levy.models import Assessment, AssessmentRun
from ablework.levy.selectors.frames import region_employers_q

WRITE_CHUNK = 50_000
DELETE_CHUNK = 500  # primary keys a DELETE (within every backend's parameter limit)


def row_digests(rows: pl.DataFrame) -> pl.Series:
    """Each row's digest: the hash of its columns in order of name, as a signed 64-bit
    integer (the column's type)."""
    hashed = rows.select(sorted(rows.columns)).hash_rows(seed=0)
    return hashed.reinterpret(signed=True).alias("digest")


def replace_rows(
    run: AssessmentRun,
    rows: pl.DataFrame,
    year: int,
    prefix: str,
    report: Progress,
    steps: tuple[int, int],
) -> None:
    """The region's rows of the year replaced by `rows` (the table's columns but the run's and
    the digest), all of the run's; progress reported from `steps[0]` to `steps[1]`."""
    rows = rows.with_columns(row_digests(rows))
    earlier = Assessment.objects.filter(levy_year=year).filter(region_employers_q(prefix))
    stored = read_frame(
        earlier.values_list("pk", "employer_id", "digest"),
        {"pk": pl.Int64, "employer_id": pl.Int64, "digest": pl.Int64},
    )
    keys = ["employer_id", "digest"]
    kept = stored.join(rows.select(keys), on=keys, how="semi")  # (a null digest never matches)
    if kept.is_empty():
        earlier.delete()
    else:
        stale = stored.join(kept.select("pk"), on="pk", how="anti")["pk"].to_list()
        for start in range(0, len(stale), DELETE_CHUNK):
            Assessment.objects.filter(pk__in=stale[start : start + DELETE_CHUNK]).delete()
        # By key from the index (the rows then visited in the table's order, not the region's).
        Assessment.objects.filter(pk__in=earlier.values("pk")).update(run=run)
    new = rows.join(kept.select(keys), on=keys, how="anti").with_columns(
        run_id=pl.lit(run.pk, pl.Int64)
    )
    first, last = steps
    total = new.height
    for start in range(0, total, WRITE_CHUNK):
        insert_frame(Assessment, new.slice(start, WRITE_CHUNK))
        done = min(start + WRITE_CHUNK, total)
        report(first + (last - first) * done // max(total, 1), last)
