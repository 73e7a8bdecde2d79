"""What calamine does not tell: which .xlsx cells hold a formula without a saved result, and
how merged cells spread over rows."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import defaultdict
from typing import IO
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

from ablework.exchange.cells import CellValue, cell_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REFERENCE = re.compile(r"^([A-Z]+)(\d+)$")
_FORMULA_MARKS = (b"<f>", b"<f ", b"<f/>", b't="e"')
# Spreadsheet parts never declare a DTD; one that does is not parsed (no entity expansion).
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")

MergedRange = tuple[tuple[int, int], tuple[int, int]]
# Row index → [(column index, formula or error text)], both 0-based and absolute.
FormulaCells = dict[int, list[tuple[int, str]]]


def xlsx_sheet_paths(handle: IO[bytes]) -> list[str]:
    """The worksheet parts of an .xlsx, in the workbook's sheet order."""
    try:
        with zipfile.ZipFile(handle) as archive:
            workbook = _parse_small_part(archive, "xl/workbook.xml")
            relations = _parse_small_part(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_PACKAGE}Relationship")
    }
    paths = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_RELATIONSHIPS}id"), "")
        paths.append(target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target))
    return paths


def _parse_small_part(archive: zipfile.ZipFile, part: str) -> ElementTree.Element:
    content = archive.read(part)
    if any(mark in content for mark in _DTD_MARKS):
        raise ElementTree.ParseError("a DTD in a spreadsheet part")
    return ElementTree.fromstring(content)  # noqa: S314 — no DTD, so no entity expansion


def formulas_without_values(handle: IO[bytes], part: str) -> FormulaCells:
    """Cells holding a formula with no saved result, or a formula error (#REF! …).

    The sheet is first scanned as bytes; only a sheet that has formulas is parsed as XML.
    """
    try:
        with zipfile.ZipFile(handle) as archive:
            if not _mentions_formulas(archive, part):
                return {}
            with archive.open(part) as stream:
                return _parse_formula_cells(stream)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}


def _mentions_formulas(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part has formula or error cells (and no DTD, which is never parsed)."""
    tail = b""
    found = False
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                return False
            found = found or any(mark in window for mark in _FORMULA_MARKS)
            tail = window[-16:]
    return found


def _parse_formula_cells(stream: IO[bytes]) -> FormulaCells:
    found: FormulaCells = defaultdict(list)
    events = ElementTree.iterparse(stream, events=("end",))  # noqa: S314 — DTDs refused above
    for _event, element in events:
        if element.tag == f"{_MAIN}row":
            element.clear()
        if element.tag != f"{_MAIN}c":
            continue
        formula = element.find(f"{_MAIN}f")
        value = element.find(f"{_MAIN}v")
        has_value = value is not None and (value.text or "") != ""
        reference = _CELL_REFERENCE.match(element.get("r", ""))
        if reference is None:
            continue
        row, column = int(reference[2]) - 1, _column_index(reference[1])
        if element.get("t") == "e":
            found[row].append(
                (
                    column,
                    _("公式计算出错（%(error)s）")
                    % {"error": value.text if value is not None else ""},
                )
            )
        elif formula is not None and not has_value:
            found[row].append((column, f"={formula.text or '（共享公式）'}"))
    return dict(found)


def _column_index(letters: str) -> int:
    # Not xlsxwriter's xl_cell_to_rowcol: it reads at most three letters and turns a reference
    # it cannot read into A1 (0, 0), where this keeps any number of letters.
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


class Merges:
    """Merged cells as the rows stream past. A range inside one column (a township written once
    for several people) is filled down; a range across columns inside a row cannot be read
    safely and is reported on each row it covers."""

    def __init__(self, ranges: list[MergedRange], *, first_column: int) -> None:
        self.first_column = first_column
        self.starting: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self.across: list[MergedRange] = []
        self.active: list[tuple[int, int, CellValue]] = []
        for (top, left), (bottom, right) in ranges:
            if left == right and bottom > top:
                self.starting[top].append((left - first_column, bottom))
            elif right > left:
                self.across.append(((top, left), (bottom, right)))

    def apply(self, row: int, cells: list[CellValue], problems: list[tuple[int, str]]) -> None:
        """Fill this row's cells from vertical merges; report merges across columns."""
        self.active = [item for item in self.active if item[1] >= row]
        for column, _bottom, value in self.active:
            if 0 <= column < len(cells) and cell_text(cells[column]) == "":
                cells[column] = value
        for column, bottom in self.starting.pop(row, []):
            if 0 <= column < len(cells):
                self.active.append((column, bottom, cells[column]))
        for (top, left), (bottom, right) in self.across:
            if top <= row <= bottom:
                problems.append(
                    (
                        max(0, left - self.first_column),
                        _("%(range)s 是跨列的合并单元格，请取消合并，在每个单元格中分别填写")
                        % {
                            "range": f"{xl_col_to_name(left)}{row + 1}:"
                            f"{xl_col_to_name(right)}{row + 1}"
                        },
                    )
                )
