"""The downloadable template of an import kind: a data sheet with its columns (drop-down lists
for choices, every cell text so IDs and codes stay whole) and a sheet of instructions: the
kind's general notes, then each column."""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter import Workbook

from ablework.core.spreadsheets import XlsxTarget, open_xlsx, write_xlsx_sheet
from ablework.exchange.columns import Column
from ablework.exchange.importing.kinds import ImportKind

INSTRUCTIONS_SHEET = "填写说明"
TEMPLATE_ROWS = 20_000


def write_template(kind: ImportKind, target: XlsxTarget) -> None:
    """Write the kind's template workbook to `target` (a path or a binary file object)."""
    write_columns_template(
        kind.catalog.columns, sheet=kind.template.sheet, notes=kind.template.notes, target=target
    )


def write_columns_template(
    columns: tuple[Column, ...], *, sheet: str, notes: Sequence[str], target: XlsxTarget
) -> None:
    """A template for any file read with these columns (an import kind's, a roster's)."""
    workbook = open_xlsx(target)
    _data_sheet(workbook, sheet, columns)
    _instructions_sheet(workbook, notes, columns)
    workbook.close()


def _data_sheet(workbook: Workbook, name: str, columns: tuple[Column, ...]) -> None:
    """The columns, required ones in red, drop-down lists for the choices."""
    sheet = write_xlsx_sheet(
        workbook,
        name=name,
        header=[column.header for column in columns],
        rows=[],
        widths=[column.width for column in columns],
    )
    required = workbook.add_format({"bold": True, "font_color": "#A4001D", "bg_color": "#EEF2F6"})
    for index, column in enumerate(columns):
        if column.required:
            sheet.write_string(0, index, column.header, required)
        if column.choices:
            sheet.data_validation(
                1,
                index,
                TEMPLATE_ROWS,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_type": "warning",
                    "input_title": column.header,
                    "input_message": column.format[:255],
                },
            )


def _instructions_sheet(
    workbook: Workbook, notes: Sequence[str], columns: tuple[Column, ...]
) -> None:
    """General notes, then each column: required or not, format, example, why collected."""
    write_xlsx_sheet(
        workbook,
        name=INSTRUCTIONS_SHEET,
        header=["列名", "是否必填", "填写格式", "示例", "为什么收集", "也接受的列名"],
        rows=[
            *([note, "", "", "", "", ""] for note in notes),
            ["", "", "", "", "", ""],
            *(
                [
                    column.header,
                    "必填" if column.required else "选填",
                    column.format,
                    column.example,
                    column.purpose,
                    "、".join(column.variants),
                ]
                for column in columns
            ),
        ],
        widths=[18, 8, 48, 22, 44, 40],
    )
