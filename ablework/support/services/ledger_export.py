"""The graduates' ledger as .xlsx, in the shape of the seeds' 一人一策就业服务台账: one row per
graduate — registration, plan, services, opportunities (count and list), the status of each
month — and a second sheet with the cohort's rates against the targets. Identifiers masked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from ablework.core.spreadsheets import XlsxCell, open_xlsx, write_xlsx_sheet
from ablework.support.selectors.graduates import Ledger, LedgerLine


def header(book: Ledger) -> list[str]:
    return [
        _("序号"),
        _("姓名"),
        _("公民身份号码"),
        _("毕业院校"),
        _("专业"),
        _("毕业时间"),
        _("联系电话"),
        _("就业意向"),
        _("实名制建档"),
        _("一人一策"),
        _("就业服务次数"),
        _("提供就业机会数"),
        _("就业机会明细"),
        *[f"{month:%Y-%m}" for month in book.months],
        _("就业情况"),
    ]


def _registered(line: LedgerLine) -> str:
    if line.registered:
        return _("已建档")
    return _("未匹配：%(reason)s") % {"reason": line.graduate.get_match_problem_display()}


def _plan(line: LedgerLine) -> str:
    if line.plan_made is None:
        return _("（本系统尚未启用）")
    return _("已制定") if line.plan_made else _("未制定")


def _offers(line: LedgerLine) -> str:
    return "；".join(
        f"{o.offered_on:%Y-%m-%d} {o.get_kind_display()} {o.employer}（{o.get_outcome_display()}）"
        for o in line.offers
    )


def _employed(line: LedgerLine) -> str:
    if line.employed_in is None:
        return _("未就业")
    entry = line.statuses[line.employed_in]
    return _("%(month)s 已就业（%(how)s）") % {
        "month": f"{line.employed_in:%Y-%m}",
        "how": entry.get_employed_how_display(),
    }


def rows(book: Ledger) -> Iterator[list[XlsxCell]]:
    for number, line in enumerate(book.lines, start=1):
        g = line.graduate
        months: list[XlsxCell] = []
        for month in book.months:
            entry = line.statuses.get(month)
            months.append(entry.get_status_display() if entry else "")
        yield [
            number,
            g.name,
            g.resident_id_masked,
            g.school,
            g.major,
            g.graduation_date,
            g.phone_masked,
            g.wishes,
            _registered(line),
            _plan(line),
            line.services,
            len(line.offers),
            _offers(line),
            *months,
            _employed(line),
        ]


def rate_rows(book: Ledger) -> Iterator[list[XlsxCell]]:
    for rate in book.rates:
        target = rate.target_percent or rate.target_text or _("当地未规定")
        yield [str(rate.label), rate.count, rate.of, rate.percent, target, rate.reference]


def write_ledger(book: Ledger, target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=_("一人一策台账"),
        header=header(book),
        rows=rows(book),
        widths=(6, 10, 20, 22, 16, 12, 14, 20, 24, 12, 10, 10, 60),
    )
    write_xlsx_sheet(
        workbook,
        name=_("完成情况"),
        header=[_("指标"), _("达到人数"), _("应统计人数"), _("比率"), _("目标"), _("依据")],
        rows=rate_rows(book),
        widths=(14, 10, 10, 10, 24, 80),
    )
    workbook.close()
