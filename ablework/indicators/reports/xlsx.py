"""A report as an .xlsx workbook (core.spreadsheets): one sheet per section, Chinese headers,
figures as numbers (a rate in per cent, money in 元), the generated text and the staff's own
text in sheets of their own."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from ablework.core.spreadsheets import XlsxCell, XlsxSheet, write_xlsx_workbook
from ablework.indicators.reports.model import Line, Report


def number(value: int | Decimal | None) -> int | float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _line_row(line: Line) -> list[XlsxCell]:
    measure, row = line.measure, line.row
    plan = row.plan
    tally = row.figure.total
    return [
        str(measure.name),
        "%" if measure.is_rate else str(measure.unit),
        number(line.row.value),
        number(tally.numerator) if measure.is_rate else None,
        number(tally.denominator) if measure.is_rate else None,
        number(plan.target.value) if plan else None,
        plan.period.label if plan else _("未设目标"),
        f"{plan.target.document} {plan.target.section}".strip() if plan else "",
        number(plan.progress.share) if plan else None,
        number(plan.progress.projected) if plan else None,
        number(line.gap),
        line.status,
        line.progress if plan else "",
    ]


def write_report_xlsx(report: Report, target: IO[bytes]) -> None:
    write_xlsx_workbook(target, _sheets(report))


def _sheets(report: Report) -> Iterator[XlsxSheet]:
    until = report.read_on
    yield XlsxSheet(
        name=_("报告"),
        header=[_("项目"), _("内容")],
        rows=[
            [_("报告"), report.title],
            [_("地区"), report.region.name],
            [_("期间"), report.period.label],
            [_("开始日期"), report.period.start],
            [_("结束日期"), report.period.end],
            [_("数据截至"), until],
            *([_("一、工作成效"), sentence] for sentence in report.summary),
        ],
        widths=(16, 100),
    )
    yield XlsxSheet(
        name=_("一、工作成效"),
        header=[
            _("指标"),
            _("单位"),
            _("本期数值"),
            _("分子"),
            _("分母"),
            _("目标值"),
            _("目标期间"),
            _("依据文件"),
            _("完成比例（%）"),
            _("按当前进度预计完成（%）"),
            _("与时间进度或目标之差（百分点）"),
            _("状态"),
            _("进度说明"),
        ],
        rows=(_line_row(line) for line in report.lines),
        widths=(36, 8, 12, 10, 10, 10, 14, 40, 12, 14, 16, 10, 70),
    )
    yield XlsxSheet(
        name=_("二、各地进展"),
        header=[
            _("指标"),
            _("名次"),
            _("地区"),
            _("本期数值"),
            _("完成本地区目标比例（%）"),
            _("与时间进度或目标之差（百分点）"),
            _("状态"),
            _("本地区目标进度"),
        ],
        rows=(
            [
                str(ranking.measure.name),
                standing.ranked.rank,
                standing.ranked.part.name,
                number(standing.ranked.value),
                number(standing.ranked.progress.share) if standing.ranked.progress else None,
                number(standing.gap),
                standing.status,
                standing.progress,
            ]
            for ranking in report.rankings
            for standing in ranking.standings
        ),
        widths=(36, 8, 20, 12, 14, 16, 10, 70),
    )
    yield XlsxSheet(
        name=_("趋势"),
        header=[_("指标"), _("期间"), _("数值"), _("说明")],
        rows=(
            [
                str(ranking.measure.name),
                point.period.label,
                number(point.value),
                _("截至今日") if point.partial else "",
            ]
            for ranking in report.rankings
            for point in ranking.line.row.trend
        ),
        widths=(36, 20, 12, 12),
    )
    yield XlsxSheet(
        name=_("三、存在问题"),
        header=[_("序号"), _("问题（系统根据数据生成）")],
        rows=([number, text] for number, text in enumerate(report.problems, start=1)),
        widths=(6, 120),
    )
    note = report.note
    writer = str(note.written_by) if note and note.written_by else ""
    written = note.updated_at.date() if note else None
    missing = _("（未填写）")
    yield XlsxSheet(
        name=_("四、经验做法"),
        header=[_("项目"), _("内容（工作人员填写）"), _("填写人"), _("填写时间")],
        rows=[
            [_("经验做法"), (note.experience if note else "") or missing, writer, written],
            [_("下一步工作"), (note.next_steps if note else "") or missing, writer, written],
        ],
        widths=(14, 100, 14, 14),
    )
