"""Writing tabular exports (CSV and .xlsx) that open safely in Excel and WPS."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell value that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text, line by line, starting with a BOM so Excel reads the UTF-8 Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()


# Text cells stay text: never a formula, a number (IDs keep all 18 digits) or a link.
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

XlsxTarget = str | Path | IO[bytes]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XlsxCell = str | int | float | date | None


def open_xlsx(target: XlsxTarget) -> Workbook:
    """A new workbook written row by row in constant memory, whose text cells stay text."""
    return Workbook(str(target) if isinstance(target, Path) else target, XLSX_OPTIONS)


def write_xlsx_sheet(
    workbook: Workbook,
    *,
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[XlsxCell]],
    widths: Sequence[int] = (),
) -> Worksheet:
    """Add a sheet: a bold, frozen header row, then the rows; returns the sheet.

    Every column is formatted as text so that Excel keeps typed-in IDs and phone numbers whole.
    """
    sheet = workbook.add_worksheet(name)
    text = workbook.add_format({"num_format": "@"})
    bold = workbook.add_format({"bold": True, "num_format": "@", "bg_color": "#EEF2F6"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for column, label in enumerate(header):
        width = widths[column] if column < len(widths) else max(10, 2 * len(label) + 2)
        sheet.set_column(column, column, width, text)
        sheet.write_string(0, column, label, bold)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            _write_cell(sheet, number, column, value, day)
    return sheet


@dataclass(frozen=True)
class XlsxSheet:
    """One sheet of a workbook of several (a report's tables): as write_xlsx_sheet takes it."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[XlsxCell]]
    widths: Sequence[int] = ()


def write_xlsx_workbook(target: XlsxTarget, sheets: Iterable[XlsxSheet]) -> None:
    """Write a whole workbook: the sheets in their order, each with its bold, frozen header."""
    workbook = open_xlsx(target)
    for sheet in sheets:
        write_xlsx_sheet(
            workbook, name=sheet.name, header=sheet.header, rows=sheet.rows, widths=sheet.widths
        )
    workbook.close()


def _write_cell(sheet: Worksheet, row: int, column: int, value: XlsxCell, day: Format) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        sheet.write_string(row, column, value)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, day)
    else:
        sheet.write_number(row, column, value)
