"""Finding the table and its header row in a file, then handing over its data rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import TypeVar

from django.utils.translation import gettext as _

from ablework.exchange.columns import ColumnCatalog, HeaderMatch
from ablework.exchange.reading import (
    ROWS_ABOVE_DATA,
    RowLimit,
    SheetRow,
    SpreadsheetFile,
    Table,
    UnreadableFile,
)

# Title rows (“XX县残疾人实名制信息表”) may stand above the header.
HEADER_SEARCH_ROWS = ROWS_ABOVE_DATA

Item = TypeVar("Item")


@dataclass
class DataSource:
    """The table holding the data, its header, and its non-blank data rows."""

    table: Table
    header: HeaderMatch
    header_row: int
    rows: Iterator[SheetRow]


def locate_data(
    spreadsheet: SpreadsheetFile, catalog: ColumnCatalog, *, required: tuple[str, ...]
) -> DataSource:
    """The first sheet with a header naming every `required` column."""
    partial: tuple[Table, int, HeaderMatch] | None = None
    seen_content = False
    for table in spreadsheet.tables():
        buffered = list(islice(table.rows, HEADER_SEARCH_ROWS))
        for index, row in enumerate(buffered):
            if row.is_blank():
                continue
            seen_content = True
            match = catalog.match(row.cells)
            if all(key in match.positions for key in required):
                rest = chain(buffered[index + 1 :], table.rows)
                rows: Iterator[SheetRow] = (r for r in rest if not r.is_blank())
                if spreadsheet.limit is not None:
                    rows = _at_most(rows, spreadsheet.limit)
                return DataSource(table, match, row.number, rows)
            if match.positions and (
                partial is None or len(match.positions) > len(partial[2].positions)
            ):
                partial = (table, row.number, match)
    if not seen_content:
        raise UnreadableFile("文件中没有任何内容（表格是空的）。")
    if partial is not None:
        raise UnreadableFile(_missing_columns_message(catalog, partial, required))
    names = "、".join(f"“{catalog.by_key[key].header}”" for key in required)
    raise UnreadableFile(
        f"没有找到表头。表格的第一行（或开头{HEADER_SEARCH_ROWS}行之内）应为列名，"
        f"至少包括{names}。请下载导入模板，按模板填写。"
    )


def _at_most(rows: Iterator[SheetRow], limit: RowLimit) -> Iterator[SheetRow]:
    """The rows, refusing the file at the first one past the limit (nothing further is read)."""
    for count, row in enumerate(rows, start=1):
        if count > limit.rows:
            raise limit.refuse()
        yield row


def _missing_columns_message(
    catalog: ColumnCatalog, partial: tuple[Table, int, HeaderMatch], required: tuple[str, ...]
) -> str:
    table, row_number, match = partial
    missing = []
    for key in required:
        if key not in match.positions:
            column = catalog.by_key[key]
            variants = "、".join(column.variants[:4])
            missing.append(
                _("“%(column)s”（也可写作：%(variants)s）")
                % {"column": column.header, "variants": variants}
                if variants
                else f"“{column.header}”"
            )
    return _("工作表“%(sheet)s”第%(row)s行像是表头，但缺少必需的列：%(columns)s。") % {
        "sheet": table.name,
        "row": row_number,
        "columns": "；".join(missing),
    }


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of up to `size` items (rows are handled a chunk at a time)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
