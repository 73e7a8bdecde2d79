"""Comparing a department's list with the registry, and a reviewer's decisions on what it
proposes. Accepted changes go through the registry's dated history, each audited with the list
it came from; nothing is applied without a decision."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.utils import timezone

from ablework.accounts.scope import Scope, scope_of
from ablework.core.crypto import lookup_hash
from ablework.exchange.batches import fail_batch, start_pass
from ablework.exchange.cells import CellProblem
from ablework.exchange.columns import ColumnCatalog, HeaderMatch
from ablework.exchange.comparison.catalog import DEPARTMENT_CATALOGS
from ablework.exchange.comparison.proposals import propose
from ablework.exchange.limits import row_limit
from ablework.exchange.models import (
    BatchStatus,
    ComparisonProposal,
    ImportBatch,
)
from ablework.exchange.problems import Rejection, clear_problems, note_header, store_rejections
from ablework.exchange.progress import BatchProgress
from ablework.exchange.reading import SheetRow, Source, SpreadsheetFile, UnreadableFile
from ablework.exchange.sources import chunked, locate_data
from ablework.registry.identity import read_resident_id
from ablework.registry.models import Person, PersonFlag

CHUNK_ROWS = 2000


def compare_department_file(*, batch: ImportBatch, source: Source) -> ImportBatch:
    """Match every row by resident ID with the persons in the uploader's area and store a
    proposal for each one whose record disagrees. The registry is not changed."""
    start_pass(batch, BatchStatus.CHECKING)
    clear_problems(batch)
    batch.proposals.all().delete()
    catalog = DEPARTMENT_CATALOGS[batch.kind]
    scope = scope_of(batch.uploaded_by) if batch.uploaded_by else Scope(everywhere=True)
    reporter = BatchProgress(batch)
    counts = {"rows": 0, "rejected": 0, "unmatched": 0}
    try:
        with SpreadsheetFile(
            source, name=batch.file_name, limit=row_limit(batch.source)
        ) as spreadsheet:
            data = locate_data(spreadsheet, catalog, required=("name", "resident_id"))
            note_header(batch, data.header)
            estimate = max(data.table.estimated_rows - data.header_row, 1)
            for rows in chunked(data.rows, CHUNK_ROWS):
                _compare_chunk(batch, catalog, data.header, rows, scope, counts)
                reporter(counts["rows"], max(estimate, counts["rows"]))
        if counts["rows"] == 0:
            raise UnreadableFile("表头之后没有数据行，没有可以比对的内容。")
    except UnreadableFile as error:
        fail_batch(batch, error.message)
        return batch
    batch.rows_total = batch.rows_checked = counts["rows"]
    batch.rows_rejected = counts["rejected"]
    batch.rows_valid = counts["rows"] - counts["rejected"]
    batch.rows_unmatched = counts["unmatched"]
    batch.proposals_made = batch.proposals.count()
    batch.status = BatchStatus.CHECKED
    batch.checked_at = timezone.now()
    batch.save()
    return batch


def _compare_chunk(
    batch: ImportBatch,
    catalog: ColumnCatalog,
    header: HeaderMatch,
    rows: list[SheetRow],
    scope: Scope,
    counts: dict[str, int],
) -> None:
    today = timezone.localdate()
    read: list[tuple[SheetRow, dict[str, Any], str]] = []
    rejections: list[Rejection] = []
    for row in rows:
        values, problems = _read_row(catalog, header, row)
        if problems:
            rejections.append(Rejection(row.number, row.cells, problems))
        else:
            read.append((row, values, lookup_hash(values["resident_id"])))
    persons = {
        person.resident_id_hash: person
        for person in scope.apply(
            Person.objects.filter(resident_id_hash__in=[digest for *_, digest in read])
        ).filter(merged_into__isnull=True)
    }
    flags = _open_flags(persons.values())
    proposals = []
    for row, values, digest in read:
        person = persons.get(digest)
        if person is None:
            counts["unmatched"] += 1
            continue
        proposal = propose(
            kind=batch.kind,
            person=person,
            values=values,
            row_number=row.number,
            on=today,
            open_flags=flags.get(person.pk, set()),
        )
        if proposal is not None:
            proposal.batch = batch
            proposals.append(proposal)
    ComparisonProposal.objects.bulk_create(proposals, batch_size=1000, ignore_conflicts=True)
    store_rejections(batch, rejections, width=len(header.labels))
    counts["rows"] += len(rows)
    counts["rejected"] += len(rejections)


def _read_row(
    catalog: ColumnCatalog, header: HeaderMatch, row: SheetRow
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, position in header.positions.items():
        cell = row.cells[position] if position < len(row.cells) else None
        try:
            value = catalog.by_key[key].parse(cell)
        except CellProblem as problem:
            problems.append((header.labels[position], problem.message))
            continue
        if value is not None:
            values[key] = value
    resident_id = values.get("resident_id")
    if resident_id is None:
        problems.append((header.label_of("resident_id"), "公民身份号码不能为空"))
    elif (wrong := read_resident_id(resident_id, on=timezone.localdate()).problem) is not None:
        problems.append((header.label_of("resident_id"), wrong))
    return values, problems


def _open_flags(persons: Collection[Person]) -> dict[int, set[str]]:
    flags: dict[int, set[str]] = {}
    open_flags = PersonFlag.objects.filter(
        person_id__in=[person.pk for person in persons], ended_on__isnull=True
    ).values_list("person_id", "kind")
    for person_id, kind in open_flags:
        flags.setdefault(person_id, set()).add(kind)
    return flags
