"""The payment list of over-quota rewards (超比例奖励发放名单): the approved and paid applications
of a year with the employer's name, credit code, the amount to the fen and its basis. The app
stores no bank details, so the list has none (the paying office adds them from its records)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext as _

from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XlsxCell, csv_lines, open_xlsx, write_xlsx_sheet
from ablework.rewards.models import RewardApplication


def header() -> list[str]:
    return [
        _("单位名称"),
        _("统一社会信用代码"),
        _("所属县级区划"),
        _("年度"),
        _("奖励金额（元）"),
        _("计算依据"),
        _("状态"),
        _("审核时间"),
        _("发放日期"),
        _("发放金额（元）"),
        _("支付凭证号"),
    ]


def rows(applications: Iterable[RewardApplication]) -> Iterator[list[XlsxCell]]:
    for item in applications:
        employer = item.declaration.employer
        yield [
            employer.name,
            employer.uscc,
            region_name(employer.county_code),
            item.levy_year,
            format(item.amount, "f"),
            item.basis,
            item.get_status_display(),
            item.decided_at.date().isoformat() if item.decided_at else "",
            item.paid_on.isoformat() if item.paid_on else "",
            format(item.paid_amount, "f") if item.paid_amount is not None else "",
            item.payment_reference,
        ]


def csv_text(applications: Iterable[RewardApplication]) -> Iterator[str]:
    texts = ([("" if c is None else str(c)) for c in row] for row in rows(applications))
    return csv_lines(header(), texts)


def write_xlsx(applications: Iterable[RewardApplication], target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=_("超比例奖励发放名单"),
        header=header(),
        rows=rows(applications),
        widths=(30, 22, 12, 8, 14, 60, 16, 12, 12, 14, 20),
    )
    workbook.close()
