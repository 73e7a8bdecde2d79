"""Writing tabular exports that open safely in Excel and WPS."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

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
