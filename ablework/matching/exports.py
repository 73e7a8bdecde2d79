"""Postings as an .xlsx workbook (core.spreadsheets: text stays text, no formula runs): one row
per posting, its place by name, its kind, status and contract by their labels, what it offers
and demands in words — the same columns the import reads, so an export can be corrected and
imported again."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XlsxCell, open_xlsx, write_xlsx_sheet
from ablework.matching.models import DemandLevel, JobPosting
from ablework.matching.services.posting_checks import offers_in_words
from ablework.support.vocabulary import Demand


def header() -> list[str]:
    return [
        _("招聘单位"),
        _("统一社会信用代码"),
        _("岗位名称"),
        _("职业（工种）"),
        _("岗位类型"),
        _("工作内容"),
        _("县级区划代码"),
        _("县（市、区）"),
        _("乡镇（街道）"),
        _("工作地址"),
        _("纬度"),
        _("经度"),
        _("月工资下限（元）"),
        _("月工资上限（元）"),
        _("每周工作小时数"),
        _("工作时间安排"),
        _("用工形式"),
        _("招聘人数"),
        _("已录用人数"),
        _("有效期起"),
        _("有效期至"),
        _("状态"),
        _("无障碍设施和便利条件"),
        _("必须具备的工作要求"),
        _("可以调整的工作要求"),
    ]


def _money(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.01")), "f")


def _demands(posting: JobPosting, level: str) -> str:
    demands = posting.demands or {}
    return "、".join(str(item.label) for item in Demand if demands.get(item.value) == level)


def rows(postings: Iterable[JobPosting]) -> Iterator[list[XlsxCell]]:
    for posting in postings:
        yield [
            posting.employer.name,
            posting.employer.uscc,
            posting.title,
            posting.occupation,
            posting.get_kind_display(),
            posting.tasks,
            posting.county_code,
            region_name(posting.county_code),
            region_name(posting.township_code) if posting.township_code else "",
            posting.address,
            "" if posting.latitude is None else format(posting.latitude, "f"),
            "" if posting.longitude is None else format(posting.longitude, "f"),
            _money(posting.wage_min),
            _money(posting.wage_max),
            posting.hours_per_week,
            posting.schedule,
            posting.get_contract_type_display(),
            posting.openings,
            posting.openings_filled,
            posting.valid_from,
            posting.valid_until,
            posting.get_status_display(),
            offers_in_words(posting.offers or []),
            _demands(posting, DemandLevel.ESSENTIAL),
            _demands(posting, DemandLevel.ADJUSTABLE),
        ]


def write_xlsx(postings: Iterable[JobPosting], target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=_("招聘岗位"),
        header=header(),
        rows=rows(postings),
        widths=(30, 22, 20, 14, 24, 40, 10, 12, 14, 30, 12, 12, 12, 12, 8, 24, 20, 8, 8, 12, 12),
    )
    workbook.close()
