"""Storing what a pass found wrong, so the preview and the report survive a page reload.

A message may quote what was typed (an ID in the name column): every resident ID, certificate
number or phone number in a stored message, column name or reason is masked as the views mask
it (core/masking.py). The rejected row's own cells keep it, encrypted, for the correction file.

At most IMPORT_MAX_PROBLEMS problems are stored per batch (a hostile file once wrote 3 million);
those beyond are counted in `batch.problems_unlisted`, saved with the batch's result. Each
rejected row still keeps all its reasons."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ablework.core.masking import mask_identifiers_in_text
from ablework.exchange.cells import CellValue, cell_text
from ablework.exchange.columns import HeaderMatch
from ablework.exchange.limits import max_problems
from ablework.exchange.models import ImportBatch, ImportProblem, RejectedRow

BULK_SIZE = 1000


@dataclass
class Rejection:
    """A rejected row: its number, original cells and problems as (column, message)."""

    number: int
    cells: Sequence[CellValue]
    problems: Sequence[tuple[str, str]]


def clear_problems(batch: ImportBatch) -> None:
    """Forget what an earlier pass found (a new pass finds it again)."""
    batch.problems.all().delete()
    batch.rejected_rows.all().delete()
    batch.problems_unlisted = 0


def _room(batch: ImportBatch) -> int:
    """How many more problems the batch may store."""
    if batch.problems_unlisted:
        return 0
    return max(max_problems() - batch.problems.count(), 0)


def add_file_problem(batch: ImportBatch, message: str, *, notice: bool = False) -> None:
    """A problem (or a notice) about the file as a whole."""
    if not _room(batch):
        batch.problems_unlisted += 1
        return
    ImportProblem.objects.create(batch=batch, message=_masked(message, 300), is_notice=notice)


def _masked(text: str, length: int) -> str:
    """`text` with identifiers masked, cut to `length` (masking first, so a cut cannot leave
    the start of an identifier too short to be recognised)."""
    return mask_identifiers_in_text(text)[:length]


def note_header(batch: ImportBatch, header: HeaderMatch) -> None:
    """Note the header (for the rejected-rows file; saved with the batch's result) and tell
    about columns not imported. The batch row itself is not written here: inside an import's
    transaction that would lock it against the progress reports."""
    batch.header = header.labels
    if header.unknown:
        names = "、".join(header.unknown[:20])
        add_file_problem(
            batch,
            f"以下列没有识别，其内容不会导入：{names}。可用的列名见导入模板的“填写说明”。",
            notice=True,
        )
    for label in header.repeated:
        add_file_problem(batch, f"列“{label}”与前面的列重复，只读取了前面的那一列。", notice=True)


def store_rejections(batch: ImportBatch, rejections: Iterable[Rejection], width: int) -> None:
    """Each rejected row's problems, and its cells for the rejected-rows download."""
    problems: list[ImportProblem] = []
    rows: list[RejectedRow] = []
    room = _room(batch)
    for rejection in rejections:
        listed = rejection.problems[: max(room - len(problems), 0)]
        batch.problems_unlisted += len(rejection.problems) - len(listed)
        problems += [
            ImportProblem(
                batch=batch,
                row_number=rejection.number,
                column=_masked(column, 64),
                message=_masked(message, 300),
            )
            for column, message in listed
        ]
        cells = [cell_text(cell) for cell in rejection.cells][:width]
        cells += [""] * (width - len(cells))
        rows.append(
            RejectedRow(
                batch=batch,
                row_number=rejection.number,
                cells=json.dumps(cells, ensure_ascii=False),
                reasons=mask_identifiers_in_text(
                    "；".join(
                        f"{column}：{message}" if column else message
                        for column, message in rejection.problems
                    )
                ),
            )
        )
    ImportProblem.objects.bulk_create(problems, batch_size=BULK_SIZE)
    RejectedRow.objects.bulk_create(rows, batch_size=BULK_SIZE)
