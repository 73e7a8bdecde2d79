"""The list the tax bureau uses (集中就业单位增值税即征即退核定名单): one row per unit and month,
eligible or not, the reasons of each ineligible month in plain Chinese, the refund limit and
the refund, as CSV or .xlsx (core.spreadsheets: text stays text, no formula runs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from ablework.concentrated.selectors import UnitYear, unit_type_label
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XlsxCell, csv_lines, open_xlsx, write_xlsx_sheet


def header() -> list[str]:
    return [
        _("单位名称"),
        _("统一社会信用代码"),
        _("所属县级区划"),
        _("集中就业单位类型"),
        _("年度"),
        _("月份"),
        _("在职职工人数"),
        _("残疾职工人数"),
        _("残疾职工占比（%）"),
        _("是否符合条件"),
        _("不符合条件的原因"),
        _("说明"),
        _("退税限额（元）"),
        _("已缴增值税（元）"),
        _("应退增值税（元）"),
    ]


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else format(amount.quantize(Decimal("0.01")), "f")


def _eligible(value: bool | None) -> str:
    if value is None:
        return _("无法核定")
    return _("符合") if value else _("不符合")


def rows(years: Iterable[UnitYear]) -> Iterator[list[XlsxCell]]:
    for item in years:
        employer = item.unit.employer
        for month in item.months:
            yield [
                employer.name,
                employer.uscc,
                region_name(employer.county_code),
                unit_type_label(item.unit.unit_type),
                item.year,
                month.month,
                month.staff,
                month.disabled,
                "" if month.share is None else format(month.share, "f"),
                _eligible(month.eligible),
                "；".join(month.reasons),
                "；".join(month.notes),
                _money(month.refund_limit),
                _money(month.vat_paid),
                _money(month.refund),
            ]


def csv_text(years: Iterable[UnitYear]) -> Iterator[str]:
    return csv_lines(
        header(), ([("" if c is None else str(c)) for c in row] for row in rows(years))
    )


def write_xlsx(years: Iterable[UnitYear], target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=_("集中就业退税名单"),
        header=header(),
        rows=rows(years),
        widths=(30, 22, 12, 20, 8, 6, 12, 12, 14, 12, 50, 50, 14, 14, 14),
    )
    workbook.close()
