"""The downloadable import template: a data sheet with the columns (drop-down lists for
choices, every cell text so IDs stay whole) and a sheet of instructions for each column."""

from __future__ import annotations

from xlsxwriter import Workbook

from ablework.core.spreadsheets import XlsxTarget, open_xlsx, write_xlsx_sheet
from ablework.exchange.importing.catalog import PERSON_COLUMNS

DATA_SHEET = "残疾人信息"
INSTRUCTIONS_SHEET = "填写说明"
TEMPLATE_ROWS = 20_000
GENERAL_NOTES = (
    "一行填写一个人。第一行是列名，请不要修改；用不到的列可以删除，也可以增加本表没有的列（导入时忽略）。",
    "“公民身份号码”“残疾人证号”“联系电话”所在的列须为“文本”格式（本模板已设置），否则Excel会把号码变成科学计数法，末尾几位丢失。",
    "日期可写成 2024-01-05、2024/1/5 或 2024年1月5日，也可以是Excel的日期单元格。",
    "空白单元格表示“不变”：已登记的人，空白的内容不会被清除；要清除请在该人的记录页面修改。",
    "同一个文件重复导入不会产生重复记录；内容有变化的人会更新，并保留就业状况和标记的历史。",
    "请不要使用合并单元格和公式；如有公式，请“选择性粘贴为数值”后再导入。",
    "导入前会逐行检查（身份号码校验码、残疾类别和等级、区划代码、日期等），有问题的行会列出原因，可以下载后修改再导入。",
)


def write_person_template(target: XlsxTarget) -> None:
    """Write the template workbook to `target` (a path or a binary file object)."""
    workbook = open_xlsx(target)
    _data_sheet(workbook)
    _instructions_sheet(workbook)
    workbook.close()


def _data_sheet(workbook: Workbook) -> None:
    """The columns, required ones in red, drop-down lists for the choices."""
    sheet = write_xlsx_sheet(
        workbook,
        name=DATA_SHEET,
        header=[column.header for column in PERSON_COLUMNS],
        rows=[],
        widths=[column.width for column in PERSON_COLUMNS],
    )
    required = workbook.add_format({"bold": True, "font_color": "#A4001D", "bg_color": "#EEF2F6"})
    for index, column in enumerate(PERSON_COLUMNS):
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


def _instructions_sheet(workbook: Workbook) -> None:
    """General notes, then each column: required or not, format, example, why collected."""
    write_xlsx_sheet(
        workbook,
        name=INSTRUCTIONS_SHEET,
        header=["列名", "是否必填", "填写格式", "示例", "为什么收集", "也接受的列名"],
        rows=[
            *([note, "", "", "", "", ""] for note in GENERAL_NOTES),
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
                for column in PERSON_COLUMNS
            ),
        ],
        widths=[18, 8, 48, 22, 44, 40],
    )
