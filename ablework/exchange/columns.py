"""Columns of an importable file: the template's header, the variants other systems write, and
how each cell is read. The same definitions drive the template, the importer and the docs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ablework.exchange.cells import CellValue, Parser, cell_text, folded

# Marks staff add to headers: 姓名*, 姓名（必填）, 身份证号(18位), 1.姓名 (after NFKC folding).
_HEADER_DECORATION = re.compile(r"\*|\((必填|选填|可选|非必填|\d+位)\)|^\d+[.、]")


@dataclass(frozen=True)
class Column:
    """One column: the template's header, accepted variants, and what the instructions say."""

    key: str
    header: str
    parse: Parser
    variants: tuple[str, ...] = ()
    required: bool = False
    format: str = ""
    example: str = ""
    purpose: str = ""
    choices: tuple[str, ...] = field(default=())
    width: int = 14

    @property
    def names(self) -> tuple[str, ...]:
        """The header and its variants."""
        return (self.header, *self.variants)


def normalize_header(value: CellValue) -> str:
    """A header cell for matching: no spaces or width differences, no “*” or “（必填）”."""
    text = folded(cell_text(value))
    return _HEADER_DECORATION.sub("", text) if text else ""


@dataclass(frozen=True)
class HeaderMatch:
    """Which file column holds which catalogue column, and what was left unused."""

    positions: dict[str, int]
    labels: list[str]
    unknown: list[str]
    repeated: list[str]

    def label_of(self, key: str) -> str:
        """The column's header as written in the file."""
        return self.labels[self.positions[key]]


class ColumnCatalog:
    """The columns of one kind of file, looked up by any accepted header."""

    def __init__(self, columns: Sequence[Column], ignored: Sequence[str] = ()) -> None:
        self.columns = tuple(columns)
        self.by_key = {column.key: column for column in self.columns}
        self._lookup: dict[str, str] = {}
        for column in self.columns:
            for name in column.names:
                normalized = normalize_header(name)
                assert normalized not in self._lookup, f"header {name} used twice"
                self._lookup[normalized] = column.key
        self._ignored = {normalize_header(name) for name in ignored}

    def match(self, cells: Sequence[CellValue]) -> HeaderMatch:
        """Read a header row; the first column for each key wins, repeats are reported."""
        positions: dict[str, int] = {}
        labels = [cell_text(cell) for cell in cells]
        unknown: list[str] = []
        repeated: list[str] = []
        for index, cell in enumerate(cells):
            normalized = normalize_header(cell)
            if not normalized or normalized in self._ignored:
                continue
            key = self._lookup.get(normalized)
            if key is None:
                unknown.append(labels[index])
            elif key in positions:
                repeated.append(labels[index])
            else:
                positions[key] = index
        return HeaderMatch(positions, labels, unknown, repeated)
