"""Roster files in the contract's template, built in memory for the page tests."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl

from ablework.quota.roster import COLUMNS

# The template's headers, in its order.
HEADER = [column.header for column in COLUMNS]


def roster_row(
    number: object, name: str, *, wage: object = "3,000.00元", insured: str = "1-12"
) -> list[object]:
    """A 劳动合同 line paid `wage` every month since 2022."""
    return [
        "",
        number,
        name,
        "",
        "",
        "劳动合同",
        "2022-01-01",
        "",
        "质检员",
        *([wage] * 12),
        insured,
        "",
        "",
    ]


def roster_xlsx(rows: Sequence[Sequence[object]], name: str = "名单.xlsx") -> io.BytesIO:
    """The rows under the template's header, as an uploaded .xlsx file."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
