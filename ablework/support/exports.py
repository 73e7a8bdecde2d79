"""The supervisors' completion tables of the "四个一" as .xlsx: one sheet per grouping (county,
the chosen county's townships, its counsellors), each service's due, done, rate and target
(figures only: no personal data); and the list of persons recognised as having employment
difficulty (IDs masked)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XlsxCell, open_xlsx, write_xlsx_sheet
from ablework.support.models import DifficultyApplication, Pillar
from ablework.support.selectors.completion import CompletionRow
from ablework.support.selectors.difficulty import Validity, validity_of
from ablework.support.selectors.follow_up import FollowUpRow


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{(value * 100).quantize(Decimal('0.1'))}%"


def header(first: str) -> list[str]:
    columns = [first, _("服务对象人数"), _("有就业需求人数")]
    for _value, label in Pillar.choices:
        columns += [
            _("%(service)s应完成") % {"service": label},
            _("%(service)s已完成") % {"service": label},
            _("%(service)s完成率") % {"service": label},
            _("%(service)s目标") % {"service": label},
        ]
    return columns


def rows(items: list[CompletionRow], *, unnamed: str) -> Iterator[list[XlsxCell]]:
    for item in items:
        cells: list[XlsxCell] = [item.name or unnamed, item.in_scope, item.wants_work]
        for figure in item.figures:
            cells += [figure.due, figure.done, _percent(figure.rate), _percent(figure.target)]
        yield cells


def write_completion_xlsx(figures: dict[str, Any], target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    sheets = [
        (_("按县（市、区）"), _("县（市、区）"), figures["by_county"], _("未知")),
        (_("按乡镇（街道）"), _("乡镇（街道）"), figures["by_township"], _("未填写乡镇")),
        (_("按服务人员"), _("服务人员"), figures["by_owner"], _("未有服务记录")),
    ]
    for name, first, items, unnamed in sheets:
        if items or name == sheets[0][0]:
            write_xlsx_sheet(
                workbook, name=name, header=header(first), rows=rows(items, unnamed=unnamed)
            )
    follow = [
        (_("一人一策与升级帮扶（县）"), _("县（市、区）"), figures["follow_by_county"], _("未知")),
        (
            _("一人一策与升级帮扶（乡镇）"),
            _("乡镇（街道）"),
            figures["follow_by_township"],
            _("未填写乡镇"),
        ),
        (
            _("一人一策与升级帮扶（服务人员）"),
            _("服务人员"),
            figures["follow_by_owner"],
            _("未有服务记录"),
        ),
    ]
    for name, first, follow_items, unnamed in follow:
        if follow_items or name == follow[0][0]:
            write_xlsx_sheet(
                workbook,
                name=name,
                header=follow_up_header(first),
                rows=follow_up_rows(follow_items, unnamed=unnamed),
            )
    workbook.close()


def write_difficulty_xlsx(
    rows: QuerySet[DifficultyApplication], target: IO[bytes], *, today: date
) -> None:
    """The list of recognised persons as filtered: one row per recognition, IDs masked."""
    labels = dict(Validity.CHOICES)
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook,
        name=_("就业困难人员"),
        header=[
            _("姓名"),
            _("公民身份号码"),
            _("乡镇（街道）"),
            _("认定情形"),
            _("有效期起"),
            _("有效期止"),
            _("状态"),
            _("认定人"),
        ],
        rows=(
            [
                row.person.name,
                row.person.resident_id_masked,
                region_name(row.person.township_code) if row.person.township_code else "",
                "；".join(row.criteria),
                row.valid_from,
                row.valid_until,
                str(labels[validity_of(row, today)]),
                str(row.decided_by) if row.decided_by else "",
            ]
            for row in rows.iterator(chunk_size=2000)
        ),
        widths=(12, 22, 18, 40, 12, 12, 10, 14),
    )
    workbook.close()


def follow_up_header(first: str) -> list[str]:
    return [
        first,
        _("服务对象人数"),
        _("有已批准计划人数"),
        _("没有已批准计划人数"),
        _("有逾期计划行动人数"),
        _("逾期计划行动项数"),
        _("待决定的升级帮扶建议"),
        _("已逾期的升级帮扶建议"),
    ]


def follow_up_rows(items: list[FollowUpRow], *, unnamed: str) -> Iterator[list[XlsxCell]]:
    for item in items:
        yield [
            item.name or unnamed,
            item.in_scope,
            item.planned,
            item.no_plan,
            item.with_overdue_actions,
            item.overdue_actions,
            item.escalations_open,
            item.escalations_overdue,
        ]
