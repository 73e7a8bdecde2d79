"""Opening an uploaded file whatever it really is: .xlsx/.xls (python-calamine) or CSV (UTF-8
with or without BOM, UTF-16, GBK/GB18030), decided by its content rather than its name.

Rows come one at a time: a CSV is streamed in bounded memory; a workbook sheet is held by
calamine in native memory and handed over row by row.

A file is a path (the command line reads a local file in place) or an open binary file (an
upload, decrypted into memory for the pass: see exchange/storage.py); it is never copied.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _

from ablework.core.errors import Invalid
from ablework.exchange.cells import CellValue, cell_text
from ablework.exchange.workbook_parts import (
    FormulaCells,
    Merges,
    formulas_without_values,
    xlsx_sheet_paths,
)

SNIFF_BYTES = 64 * 1024
# A 1,048,576-row sheet (Excel's limit) of the template's columns unpacks to about 1 GB
# (setting EXCHANGE_MAX_UNPACKED_BYTES).
MAX_UNPACKED_BYTES = 2 * 2**30
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# What a pass reads: a local file, or an open, seekable binary file.
Source = Path | IO[bytes]


class UnreadableFile(Invalid):
    """The file as a whole cannot be read: nothing is imported from it."""


@dataclass(frozen=True)
class RowLimit:
    """The most data rows a file may hold (exchange/limits.py), and what to say of one with more."""

    rows: int
    message: str

    def refuse(self) -> UnreadableFile:
        return UnreadableFile(self.message)


# Rows above the header a sheet may have (title rows, the header itself) besides its data rows
# before it is refused unread; the search for the header looks at as many (sources.py).
ROWS_ABOVE_DATA = 20
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


@contextmanager
def opened(source: Source) -> Iterator[IO[bytes]]:
    """The source as a binary file at its start; a path is opened (and closed after), an open
    file is rewound and left open."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            yield handle
    else:
        source.seek(0)
        yield source


def size_of(source: Source) -> int:
    """The source's size in bytes."""
    if isinstance(source, Path):
        return source.stat().st_size
    return os.fstat(source.fileno()).st_size


@dataclass
class SheetRow:
    """One row: its number as Excel or a text editor shows it, its cells, and problems found
    while reading (a formula without a value, a merged cell), by cell index."""

    number: int
    cells: list[CellValue]
    problems: list[tuple[int, str]] = field(default_factory=list)

    def is_blank(self) -> bool:
        """Whether every cell is empty (or only spaces)."""
        for cell in self.cells:
            if cell is None or cell == "":
                continue
            if cell_text(cell):
                return False
        return True


@dataclass
class Table:
    """One sheet of a workbook, or the CSV file: its name, an estimate of its rows, and the rows."""

    name: str
    estimated_rows: int
    rows: Iterator[SheetRow]


def _refuse_zip_bomb(handle: IO[bytes]) -> None:
    """A workbook that would unpack to more than a county's registry ever needs is refused
    before anything unpacks it."""
    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # calamine says what is wrong with it
    limit = getattr(settings, "EXCHANGE_MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES)
    if unpacked > limit:
        raise UnreadableFile(
            f"文件解压后有 {unpacked / 2**20:,.0f} MB，超过了 {limit / 2**20:,.0f} MB 的上限；"
            "请分成几个文件，或另存为CSV后导入。"
        )


def sniff(handle: IO[bytes]) -> str:
    """`xlsx`, `xls` or `csv`, from the first bytes; refuses what is none of them."""
    handle.seek(0)
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not head:
        raise UnreadableFile("文件是空的（0字节），没有可以导入的内容。")
    if head.startswith(_ZIP):
        _refuse_zip_bomb(handle)
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    lowered = head[:2048].lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")):
        raise UnreadableFile(
            "文件其实是网页（HTML）格式，只是扩展名为 .xls。请在Excel中打开，"
            "“另存为”Excel工作簿（.xlsx）后再导入。"
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in head:
        return "csv"
    raise UnreadableFile("文件不是Excel表格（.xlsx、.xls）或CSV文件，无法读取。")


class SpreadsheetFile:
    """A file opened for reading; use as a context manager so it and its workbook are closed.
    `name` is how messages name a CSV file (its sheet)."""

    def __init__(self, source: Source, *, name: str = "", limit: RowLimit | None = None) -> None:
        self.source = source
        self.name = name or (source.name if isinstance(source, Path) else "")
        self.limit = limit
        self.kind = ""
        self._stack = ExitStack()
        self._handle: IO[bytes] | None = None
        self._workbook: python_calamine.CalamineWorkbook | None = None

    def __enter__(self) -> SpreadsheetFile:
        try:
            self._handle = self._stack.enter_context(opened(self.source))
            self.kind = sniff(self._handle)
            if self.kind != "csv":
                self._workbook = _open_workbook(self._handle)
                self._stack.callback(self._workbook.close)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._workbook = None
        self._handle = None
        self._stack.close()

    def tables(self) -> Iterator[Table]:
        """Each sheet of a workbook in order, or the CSV file as one table."""
        handle = self._handle
        assert handle is not None, "SpreadsheetFile is read inside its `with` block"
        if self._workbook is None:
            yield _csv_table(handle, self.name)
            return
        parts = xlsx_sheet_paths(handle) if self.kind == "xlsx" else []
        for index, name in enumerate(self._workbook.sheet_names):
            if self.limit is not None and index < len(parts):
                most = self.limit.rows + ROWS_ABOVE_DATA
                if count_sheet_rows(handle, parts[index], stop_after=most) > most:
                    raise self.limit.refuse()
            sheet = self._workbook.get_sheet_by_index(index)
            formulas = formulas_without_values(handle, parts[index]) if index < len(parts) else {}
            yield Table(name, sheet.total_height, _sheet_rows(sheet, formulas))


def count_sheet_rows(handle: IO[bytes], part: str, *, stop_after: int) -> int:
    """The `<row>` elements of an .xlsx sheet part, counted as it unpacks in 1 MiB pieces, and
    only until there are more than `stop_after` (a sheet of a million rows is not unpacked to
    be refused)."""
    count = 0
    carried = b""
    try:
        with zipfile.ZipFile(handle) as archive, archive.open(part) as stream:
            while chunk := stream.read(1 << 20):
                window = carried + chunk
                # a tag never holds "<": what follows the last one waits for the next piece
                cut = window.rfind(b"<")
                cut = len(window) if cut < 0 else cut
                count += len(_ROW_TAG.findall(window, 0, cut))
                carried = window[cut:]
                if count > stop_after:
                    return count
            count += len(_ROW_TAG.findall(carried))
    except (KeyError, zipfile.BadZipFile):
        return 0  # calamine says what is wrong with it
    return count


def _open_workbook(handle: IO[bytes]) -> python_calamine.CalamineWorkbook:
    handle.seek(0)
    try:
        return python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise UnreadableFile("文件设置了打开密码。请在Excel中取消密码后再导入。") from None
    except (python_calamine.CalamineError, OSError, ValueError):
        raise UnreadableFile(
            "无法作为Excel表格读取：文件可能已损坏，或并非Excel文件（例如Word文档或压缩包）。"
        ) from None


def _sheet_rows(sheet: python_calamine.CalamineSheet, formulas: FormulaCells) -> Iterator[SheetRow]:
    """Rows of a sheet. calamine yields from the sheet's first row and its first used column."""
    start = sheet.start
    first_column = start[1] if start is not None and sheet.height else 0
    merges = Merges(sheet.merged_cell_ranges or [], first_column=first_column)
    try:
        for index, cells in enumerate(sheet.iter_rows()):
            row = SheetRow(number=index + 1, cells=list(cells))
            merges.apply(index, row.cells, row.problems)
            for column, formula in formulas.get(index, ()):
                if column >= first_column:
                    row.problems.append((column - first_column, _formula_message(formula)))
            yield row
    except python_calamine.CalamineError:
        raise UnreadableFile("读取表格时出错：文件可能已损坏。") from None


def _formula_message(formula: str) -> str:
    if not formula.startswith("="):
        return _("单元格%(problem)s，请改为正确的值") % {"problem": formula}
    return _(
        "单元格是公式（%(formula)s），但文件中没有保存计算结果；"
        "请在Excel中打开并保存，或复制后“选择性粘贴为数值”"
    ) % {"formula": formula[:40]}


def _csv_table(handle: IO[bytes], name: str) -> Table:
    encoding = _detect_encoding(handle)
    estimated = _count_lines(handle)
    return Table(name, estimated, _csv_rows(handle, encoding))


def _detect_encoding(handle: IO[bytes]) -> str:
    """UTF-8 (BOM or not) or UTF-16 by their marks; otherwise UTF-8 if the start decodes as
    UTF-8, else GB18030 (a superset of GBK and GB2312, which Chinese Excel writes)."""
    handle.seek(0)
    head = handle.read(SNIFF_BYTES * 4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _count_lines(handle: IO[bytes]) -> int:
    count = 0
    handle.seek(0)
    while chunk := handle.read(1 << 20):
        count += chunk.count(b"\n")
    return count


def _csv_rows(binary: IO[bytes], encoding: str) -> Iterator[SheetRow]:
    binary.seek(0)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    lines: Iterator[str] = iter(())
    try:
        first = text.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        lines = _chain_line(first, text)
        reader = csv.reader(lines, delimiter=delimiter)
        for cells in reader:
            yield SheetRow(number=reader.line_num, cells=list(cells))
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"文件编码无法识别（按 {encoding} 读取时出错）。请在Excel中“另存为”"
            "CSV UTF-8 或 Excel工作簿（.xlsx）后再导入。"
        ) from None
    except csv.Error as error:
        raise UnreadableFile(f"CSV文件格式有误：{error}") from None
    finally:
        if isinstance(lines, Generator):
            lines.close()
        if not binary.closed:
            text.detach()  # the binary file belongs to the caller: the wrapper must not close it


def _chain_line(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest
