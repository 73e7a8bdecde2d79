"""A workbook of several sheets (a report's tables), written in one call: each sheet in its
order with its header row frozen, text kept as text, days as days, figures as numbers."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from ablework.core.spreadsheets import XlsxSheet, write_xlsx_workbook


def test_a_workbook_has_every_sheet_in_order_with_its_header_and_rows() -> None:
    # given two tables, one of them empty
    target = io.BytesIO()
    sheets = [
        XlsxSheet(
            name="总体情况",
            header=["项目", "内容"],
            rows=[["数据截至", date(2026, 9, 30)], ["编号", "0370811"], ["人数", 12]],
            widths=(16, 40),
        ),
        XlsxSheet(name="未录用原因", header=["原因", "人次"], rows=iter([])),
    ]

    # when the workbook is written
    write_xlsx_workbook(target, sheets)

    # then both sheets open, in order, each under its frozen header
    book = openpyxl.load_workbook(io.BytesIO(target.getvalue()))
    assert book.sheetnames == ["总体情况", "未录用原因"]
    first = book["总体情况"]
    assert first.freeze_panes == "A2"
    assert [cell.font.bold for cell in first[1]] == [True, True]
    assert first["B2"].value.date() == date(2026, 9, 30)  # a day, not its text
    assert first["B3"].value == "0370811"  # text stays whole, its leading 0 too
    assert first["B4"].value == 12
    assert list(book["未录用原因"].iter_rows(values_only=True)) == [("原因", "人次")]
