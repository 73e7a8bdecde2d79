"""An event's outcome report as an .xlsx workbook (core.spreadsheets: text stays text), one sheet
per table of the report's page — the same figures, no person named."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from ablework.core.spreadsheets import XlsxCell, XlsxSheet, write_xlsx_workbook
from ablework.matching.selectors.event_report import EventReport, PostingFigures


def _totals(report: EventReport) -> list[list[XlsxCell]]:
    event = report.event
    rows: list[list[XlsxCell]] = [
        [_("活动名称"), event.name],
        [_("主办单位"), event.organiser],
        [_("举办日期"), event.held_on],
        [_("举办方式"), event.get_mode_display()],
        [_("本次活动共报名"), report.total_registered],
        [_("报名"), report.registered],
        [_("到场"), report.attended],
        [_("未到场"), report.absent],
        [_("到场情况未记录"), report.unrecorded],
        [_("参加面试"), report.interviewed],
        [_("面试人次"), report.interviews],
        [_("录用"), report.hired],
        [_("面试后未录用"), report.not_hired],
    ]
    return rows


def _posting_row(posting: PostingFigures) -> list[XlsxCell]:
    return [
        posting.employer,
        posting.title,
        posting.openings,
        posting.interviews,
        posting.hired,
        posting.not_hired,
        posting.reasons_in_words,
    ]


def write_report_xlsx(report: EventReport, target: IO[bytes]) -> None:
    """The report's tables, each a sheet with its header row."""
    write_xlsx_workbook(target, _sheets(report))


def _sheets(report: EventReport) -> Iterator[XlsxSheet]:
    yield XlsxSheet(
        name=_("总体情况"),
        header=[_("项目"), _("人数")],
        rows=_totals(report),
        widths=(20, 40),
    )
    needs = [*report.needs, report.with_needs]
    yield XlsxSheet(
        name=_("无障碍需要"),
        header=[_("需要"), _("提出"), _("到场"), _("已满足"), _("未满足"), _("未记录")],
        rows=([n.label, n.asked, n.attended, n.met, n.not_met, n.unrecorded] for n in needs),
        widths=(24,),
    )
    yield XlsxSheet(
        name=_("未录用原因"),
        header=[_("原因"), _("人次")],
        rows=([reason.label, reason.count] for reason in report.reasons),
        widths=(30,),
    )
    yield XlsxSheet(
        name=_("按参会单位"),
        header=[
            _("参会单位"),
            _("岗位数"),
            _("招聘人数"),
            _("面试人次"),
            _("录用"),
            _("未录用"),
        ],
        rows=(
            [e.name, e.postings, e.openings, e.interviews, e.hired, e.not_hired]
            for e in report.employers
        ),
        widths=(30,),
    )
    yield XlsxSheet(
        name=_("按岗位"),
        header=[
            _("招聘单位"),
            _("岗位名称"),
            _("招聘人数"),
            _("面试人次"),
            _("录用"),
            _("未录用"),
            _("未录用原因（人次）"),
        ],
        rows=(_posting_row(posting) for posting in report.postings),
        widths=(30, 20, 10, 10, 8, 8, 40),
    )
