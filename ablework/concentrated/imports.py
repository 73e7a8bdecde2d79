"""The `concentrated_vat` import kind: the tax bureau's file of the VAT each unit of
concentrated employment paid per month (纳税人识别号, 税款所属期, 实缴增值税 …), which the
eligibility list needs for each month's refund (at most the VAT paid). Registered with the import
engine, so the file gets the preview, a problem per cell (file, row, column), the commit choice
in one transaction (nothing half-saved), rejected rows, and the background job with progress
every kind has. Importing the same file again changes nothing; a different amount for the same
unit and month corrects it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ablework.concentrated.access import PERMISSION
from ablework.concentrated.models import ConcentratedUnit, MonthlyVat
from ablework.concentrated.services import PlannedVatMonth, import_vat_months
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    amount_parser,
    cell_text,
    parse_credit_code,
    parse_date_or_month,
    text_parser,
)
from ablework.exchange.columns import Column, ColumnCatalog, HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import (
    CellChecker,
    CheckedRow,
    ChunkPlan,
    ImportKind,
    Outcome,
    Template,
    register_kind,
)

AMOUNT_BELOW = Decimal("1000000000000")  # MonthlyVat.vat_paid: 12 digits before the point
_RANGE = re.compile(r"^(.+?)\s*(?:至|到|~|～|--|—)\s*(.+)$")


def _tax_month(value: CellValue) -> date | None:
    """税款所属期 as the first day of its month: `2025-03`, `202503`, `2025年3月`, a date of the
    month, or the bureau's `2025-03-01至2025-03-31`; a period over more than one month (a
    quarterly return) is refused, since the refund is decided month by month."""
    text = unicodedata.normalize("NFKC", cell_text(value)).strip() if isinstance(value, str) else ""
    span = _RANGE.match(text) if text else None
    if span is None:
        found = parse_date_or_month(value)
        return None if found is None else found.replace(day=1)
    start, end = (parse_date_or_month(part) for part in span.groups())
    if start is None or end is None:
        raise CellProblem(f"无法识别的税款所属期“{text}”：请写成 2025-03 或 2025-03-01至2025-03-31")
    if (start.year, start.month) != (end.year, end.month):
        raise CellProblem(
            f"税款所属期“{text}”跨了不止一个月：退税按月核定，请按月分行填写每月的实缴增值税"
        )
    return start.replace(day=1)


VAT_CATALOG = ColumnCatalog(
    (
        Column(
            key="uscc",
            header="纳税人识别号",
            variants=(
                "统一社会信用代码",
                "社会信用代码",
                "纳税人识别号（统一社会信用代码）",
                "纳税人识别号/统一社会信用代码",
            ),
            parse=parse_credit_code,
            required=True,
            format="18位统一社会信用代码（GB 32100）",
            example="91370811MA3C5X0012",
            purpose="找到已登记的集中就业单位",
            width=22,
        ),
        Column(
            key="name",
            header="纳税人名称",
            variants=("单位名称", "企业名称"),
            parse=text_parser(200),
            required=False,
            format="可不填；只用于核对",
            example="济宁市某某福利厂",
            purpose="便于人工核对",
            width=28,
        ),
        Column(
            key="month",
            header="税款所属期",
            variants=("所属期", "所属月份", "税款所属期起", "月份"),
            parse=_tax_month,
            required=True,
            format="一个月，例如 2025-03、202503、2025年3月 或 2025-03-01至2025-03-31",
            example="2025-03",
            purpose="缴的是哪个月的增值税",
            width=22,
        ),
        Column(
            key="vat_paid",
            header="实缴增值税",
            variants=(
                "实缴增值税（元）",
                "已缴增值税",
                "已缴增值税（元）",
                "实缴税额",
                "实缴金额",
                "增值税实缴税额",
            ),
            parse=amount_parser(AMOUNT_BELOW),
            required=True,
            format="元，最多两位小数，不能为负",
            example="18600.00",
            purpose="当月实际缴纳的增值税：退税不超过它",
            width=16,
        ),
    ),
    ignored=("序号", "备注", "征收项目", "主管税务机关", "未通过原因", "原行号"),
)


class VatRowChecker(CellChecker):
    """Every cell of a row; the credit code, the month and the amount are needed."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, VAT_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("uscc", "请填写纳税人识别号（统一社会信用代码）"),
            ("month", "请填写税款所属期"),
            ("vat_paid", "请填写实缴增值税"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)
        amount = checked.values.get("vat_paid")
        if amount is not None and amount < 0:
            checked.problem(self.label("vat_paid"), "实缴增值税不能为负数")
        month = checked.values.get("month")
        if month is not None and month > self.ctx.today:
            checked.problem(self.label("month"), f"税款所属期 {month:%Y-%m} 还没有到")


class VatPlanner:
    """Finds each row's unit of concentrated employment by its employer's credit code (one
    query per chunk) inside the importer's area, and the month's VAT already recorded."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[tuple[int, date], int] = {}

    def label(self, key: str) -> str:
        return self.header.label_of(key) if key in self.header.positions else key

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        codes = {row.values["uscc"] for row in rows if not row.rejected}
        units = {
            uscc: (pk, county, name)
            for uscc, pk, county, name in ConcentratedUnit.objects.filter(
                employer__uscc__in=codes
            ).values_list("employer__uscc", "pk", "employer__county_code", "employer__name")
        }
        stored = {
            (unit, date(year, month, 1)): amount
            for unit, year, month, amount in MonthlyVat.objects.filter(
                unit_id__in=[found[0] for found in units.values()]
            ).values_list("unit_id", "year", "month", "vat_paid")
        }
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, units, stored))
        return plan

    def _plan(
        self,
        row: CheckedRow,
        units: dict[str, tuple[int, str, str]],
        stored: dict[tuple[int, date], Decimal],
    ) -> PlannedVatMonth | None:
        values = row.values
        found = units.get(values["uscc"])
        if found is None or not self.ctx.scope.covers_code(found[1]):
            row.problem(
                self.label("uscc"),
                "本辖区没有以这个纳税人识别号登记的集中就业单位：请先在“集中就业”页面登记该单位",
            )
            return None
        unit_id, county, name = found
        month: date = values["month"]
        key = (unit_id, month)
        if key in self.seen:
            row.problem(
                self.label("month"),
                f"与第{self.seen[key]}行是同一单位、同一税款所属期：每个单位每月只能有一行",
            )
            return None
        self.seen[key] = row.number
        before = stored.get(key)
        if before is not None and before == values["vat_paid"]:
            return None
        return PlannedVatMonth(
            unit_id=unit_id,
            county_code=county,
            label=name,
            year=month.year,
            month=month.month,
            amount=values["vat_paid"],
            was=before,
            created=before is None,
        )


def write_vat(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Write the chunk's months through the concentrated services, audited with the batch."""
    import_vat_months(actor=ctx.actor, months=plan.planned, detail=ctx.audit_detail)


VAT = register_kind(
    ImportKind(
        code="concentrated_vat",
        position=65,
        label=_("集中就业单位已缴增值税"),
        upload_title=_("导入税务部门提供的集中就业单位已缴增值税"),
        link_label=_("导入集中就业单位已缴增值税（Excel或CSV）"),
        guide="concentrated/vat_import_guide.html",
        catalog=VAT_CATALOG,
        required=("uscc", "month", "vat_paid"),
        checker=VatRowChecker,
        planner=VatPlanner,
        writer=write_vat,
        permission=PERMISSION,
        template=Template(
            file_name="集中就业单位已缴增值税导入模板.xlsx",
            sheet="已缴增值税",
            notes=(
                "一行填写一个单位一个月实际缴纳的增值税：税务部门提供的文件可以直接上传，列名相同即可。",
                "单位须先在“集中就业”页面登记为集中就业单位，且在您的管辖范围内。",
                "同一单位同一月份再次导入相同金额不会改变；金额不同时按新金额更正。",
            ),
            label=_("下载已缴增值税导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增月度已缴增值税"),
            updated=_("更正月度已缴增值税"),
            will_create=_("将新增月度已缴增值税"),
            will_update=_("将更正月度已缴增值税"),
            unit="个月",
        ),
        committed_note=_("每个单位的导入都有审计记录，注明本批次、文件名和每月的新旧金额。"),
        browse=("concentrated:units", _("查看集中就业单位")),
    )
)
