"""The roster template (.xlsx or .csv; UTF-8, UTF-8 with BOM or GBK) read into a declaration,
through the exchange kit: headers exactly as the contract (order free, extra columns reported),
each cell read by its parser, and each cell that cannot be read a `cell_unreadable` problem
naming its row and column. A line's `line` is the row number Excel shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ablework.core.spreadsheets import XlsxTarget
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    amount_parser,
    choice_parser,
    identifier_parser,
    parse_date,
    parse_month_list,
    parse_whole_number,
    text_parser,
)
from ablework.exchange.columns import Column, ColumnCatalog, HeaderMatch
from ablework.exchange.reading import Source, SpreadsheetFile, UnreadableFile
from ablework.exchange.sources import locate_data
from ablework.exchange.template import write_columns_template
from ablework.quota.inputs import (
    DeclarationInput,
    DispatchInput,
    Headcount,
    LineInput,
    field_length,
    largest_amount,
)
from ablework.quota.models import (
    CertificateKind,
    DispatchAssignment,
    EmploymentForm,
    LineMonth,
    RosterLine,
)
from ablework.quota.problems import Problem, unreadable_cell

SHEET = "残疾职工名单"
WAGE_HEADERS = {month: f"{month}月工资" for month in range(1, 13)}


# The contract's Chinese words (the template's), and the JSON codes.
KINDS = {"残疾人证": CertificateKind.DISABILITY, "残疾军人证": CertificateKind.VETERAN}
FORMS = {
    "在编": EmploymentForm.ESTABLISHED,
    "劳动合同": EmploymentForm.LABOUR_CONTRACT,
    "服务协议": EmploymentForm.SERVICE_AGREEMENT,
    "劳务派遣": EmploymentForm.DISPATCHED,
}
ASSIGNMENTS = {"用工单位": DispatchAssignment.HOST, "派遣单位": DispatchAssignment.AGENCY}


def _labels(words: dict[str, Any]) -> dict[str, str]:
    return {
        **{word: str(code) for word, code in words.items()},
        **{str(c): str(c) for c in words.values()},
    }


COLUMNS = (
    Column(
        "certificate_kind",
        "证件类型",
        choice_parser(_labels(KINDS), what="证件类型", allowed="残疾人证或残疾军人证"),
        format="残疾人证（空白时默认）或残疾军人证",
        example="残疾人证",
        choices=("残疾人证", "残疾军人证"),
        purpose="区分第二代残疾人证与残疾军人证",
    ),
    Column(
        "certificate_number",
        "证件号码",
        identifier_parser(field_length(RosterLine, "certificate_masked")),
        required=True,
        format="20位第二代残疾人证号，或残疾军人证号；请设为文本格式",
        example="37081119850612402X41",
        purpose="与残疾人信息库核对证件",
        width=24,
    ),
    Column(
        "name",
        "姓名",
        text_parser(field_length(RosterLine, "name")),
        required=True,
        format="与证件一致",
        example="张三",
    ),
    Column(
        "grade",
        "等级",
        parse_whole_number,
        format="仅残疾军人证填写：1–10（残疾人证的等级和类别以信息库为准）",
        example="",
    ),
    Column(
        "resident_id",
        "公民身份号码",
        identifier_parser(field_length(RosterLine, "resident_id_masked")),
        format="仅残疾军人证填写：持证人的18位公民身份号码（核对就业年龄段）",
        width=22,
    ),
    Column(
        "employment_form",
        "用工形式",
        choice_parser(
            _labels(FORMS), what="用工形式", allowed="在编、劳动合同、服务协议或劳务派遣"
        ),
        required=True,
        choices=("在编", "劳动合同", "服务协议", "劳务派遣"),
        format="在编、劳动合同、服务协议或劳务派遣",
        example="劳动合同",
    ),
    Column(
        "contract_start",
        "合同起始日期",
        parse_date,
        format="2024-01-01、2024/1/1、2024年1月1日或Excel日期",
        example="2024-03-01",
    ),
    Column(
        "contract_end",
        "合同终止日期",
        parse_date,
        format="日期；无固定期限合同留空",
        example="",
    ),
    Column(
        "post",
        "岗位",
        text_parser(field_length(RosterLine, "post")),
        format="岗位名称",
        example="质检员",
    ),
    *(
        Column(
            f"wage_{month}",
            header,
            amount_parser(largest_amount(LineMonth, "wage")),
            format="当月实发工资（元，两位小数）；空白表示当月未在岗",
            example="2600.00",
            width=10,
        )
        for month, header in WAGE_HEADERS.items()
    ),
    Column(
        "social_insurance_months",
        "社保缴纳月份",
        parse_month_list,
        format="足额缴纳社会保险的月份：1-12、1-6,9,10-12 或 1月-12月；空白表示没有",
        example="1-12",
    ),
    Column(
        "dispatch_agency",
        "派遣单位统一社会信用代码",
        identifier_parser(field_length(RosterLine, "dispatch_agency")),
        format="仅劳务派遣填写：派遣单位的统一社会信用代码",
        width=22,
    ),
    Column(
        "dispatch_assigns_to",
        "派遣协议约定计入",
        choice_parser(_labels(ASSIGNMENTS), what="派遣协议约定计入", allowed="用工单位或派遣单位"),
        choices=("用工单位", "派遣单位"),
        format="仅劳务派遣填写：用工单位或派遣单位；空白表示没有约定",
    ),
)
CATALOG = ColumnCatalog(COLUMNS)
NOTES = (
    "每行一名本单位在申报年度（上一年）雇用的残疾职工；列的顺序不限，多余的列会被提示，不影响读取。",
    "证件号码、公民身份号码请设为“文本”格式，避免Excel把号码存成数字而丢失末尾几位。",
)


@dataclass(frozen=True)
class DeclarationFacts:
    """What a roster file does not hold: given on the command line or the page."""

    employer: str
    levy_year: int
    headcount: Headcount
    wage_total: Decimal


def write_roster_template(target: XlsxTarget) -> None:
    """The template: the columns, and a second sheet explaining each."""
    write_columns_template(COLUMNS, sheet=SHEET, notes=NOTES, target=target)


REQUIRED = tuple(column.key for column in COLUMNS if column.required)


def read_roster(source: Source, facts: DeclarationFacts, *, name: str = "") -> DeclarationInput:
    """The roster file as a declaration; a file that cannot be read as a whole (no header, a
    required column missing, not a spreadsheet) raises UnreadableFile naming the file."""
    file_name = name or (source.name if isinstance(source, Path) else "")
    try:
        match, lines, problems = _read_rows(source, file_name)
    except UnreadableFile as unreadable:
        if not file_name:
            raise
        raise UnreadableFile(
            _("文件“%(file)s”：%(reason)s") % {"file": file_name, "reason": unreadable.message}
        ) from None
    return DeclarationInput(
        employer=facts.employer,
        line_shown_offset=0,
        levy_year=facts.levy_year,
        headcount=facts.headcount,
        wage_total=facts.wage_total,
        roster=tuple(lines),
        unreadable=tuple(problems),
        notices=_header_notices(file_name, match),
    )


def _read_rows(
    source: Source, file_name: str
) -> tuple[HeaderMatch, list[LineInput], list[Problem]]:
    lines: list[LineInput] = []
    problems: list[Problem] = []
    with SpreadsheetFile(source, name=file_name) as spreadsheet:
        data = locate_data(spreadsheet, CATALOG, required=REQUIRED)
        match = data.header
        for row in data.rows:
            reader = _Row(row.number, file_name)
            for index, message in row.problems:
                reader.unreadable(match.labels[index] if index < len(match.labels) else "", message)
            values = {
                key: reader.cell(
                    CATALOG.by_key[key], _at(row.cells, position), match.labels[position]
                )
                for key, position in match.positions.items()
            }
            lines.append(reader.line(values))
            problems.extend(reader.problems)
    return match, lines, problems


def _header_notices(file_name: str, match: HeaderMatch) -> tuple[str, ...]:
    """Columns the file has and the template does not (not read), repeated ones, and the
    template's optional columns the file lacks."""
    notices = []
    if match.unknown:
        notices.append(
            _("文件“%(file)s”中以下列不是名单模板的列，没有读取：%(columns)s。")
            % {"file": file_name, "columns": "、".join(match.unknown[:20])}
        )
    for label in match.repeated:
        notices.append(
            _("文件“%(file)s”中列“%(column)s”与前面的列重复，只读取了前面的那一列。")
            % {"file": file_name, "column": label}
        )
    absent = [column.header for column in COLUMNS if column.key not in match.positions]
    if absent:
        notices.append(
            _("文件“%(file)s”中没有以下列，按空白处理：%(columns)s。")
            % {"file": file_name, "columns": "、".join(absent)}
        )
    return tuple(notices)


def _at(cells: list[CellValue], position: int) -> CellValue:
    return cells[position] if position < len(cells) else None


class _Row:
    def __init__(self, number: int, file_name: str) -> None:
        self.number = number
        self.file_name = file_name
        self.problems: list[Problem] = []

    def unreadable(self, header: str, reason: str, key: str = "") -> None:
        where = {"file": self.file_name, "row": self.number, "column": header}
        cell = (
            _("文件“%(file)s”第 %(row)s 行“%(column)s”") % where
            if self.file_name
            else _("第 %(row)s 行“%(column)s”") % where
        )
        self.problems.append(
            unreadable_cell(self.number, where=key or header, cell=cell, reason=reason)
        )

    def cell(self, column: Column, value: CellValue, header: str) -> Any:
        try:
            return column.parse(value)
        except CellProblem as problem:
            self.unreadable(header, problem.message, column.key)
            return None

    def line(self, values: dict[str, Any]) -> LineInput:
        kind = values.get("certificate_kind") or CertificateKind.DISABILITY
        number = values.get("certificate_number") or ""
        if not number and not any(p.where == "certificate_number" for p in self.problems):
            self.unreadable("证件号码", _("不能为空"), "certificate_number")
        grade = values.get("grade")
        if kind == CertificateKind.VETERAN and (grade is None or not 1 <= grade <= 10):
            if not any(p.where == "grade" for p in self.problems):
                reason = (
                    _("残疾军人证应填写等级 1–10，这一格是空的")
                    if grade is None
                    else _("残疾军人证应填写等级 1–10，读到的是“%(value)s”") % {"value": grade}
                )
                self.unreadable("等级", reason, "grade")
            grade = None
        resident_id = values.get("resident_id") or ""
        if (
            kind == CertificateKind.VETERAN
            and not resident_id
            and not any(p.where == "resident_id" for p in self.problems)
        ):
            self.unreadable(
                "公民身份号码",
                _("残疾军人证应填写持证人的公民身份号码（核对就业年龄段），这一格是空的"),
                "resident_id",
            )
        wages = {
            month: values[f"wage_{month}"]
            for month in range(1, 13)
            if values.get(f"wage_{month}") is not None
        }
        form = values.get("employment_form") or EmploymentForm.LABOUR_CONTRACT
        dispatch = None
        if form == EmploymentForm.DISPATCHED:
            dispatch = DispatchInput(
                agency=values.get("dispatch_agency") or "",
                agreement_assigns_to=values.get("dispatch_assigns_to"),
            )
        return LineInput(
            line=self.number,
            certificate_kind=kind,
            certificate_number=number,
            name=values.get("name") or "",
            grade=grade if kind == CertificateKind.VETERAN else None,
            resident_id=resident_id,
            employment_form=form,
            contract_start=values.get("contract_start"),
            contract_end=values.get("contract_end"),
            post=values.get("post") or "",
            wages=wages,
            social_insurance_months=values.get("social_insurance_months") or frozenset(),
            dispatch=dispatch,
        )
