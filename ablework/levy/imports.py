"""The `levy_collected` import kind: the tax bureau's file of levy amounts collected
(统一社会信用代码, 费款所属期, 实缴金额, 缴款日期 …), registered with the import engine, so the file
gets the preview, a problem per cell (file, row, column), the commit choice, rejected rows and
progress every kind has. Importing the same file again changes nothing; a corrected amount for
the same employer, year, date and receipt number updates it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.employers.models import Employer
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    amount_parser,
    cell_text,
    parse_credit_code,
    parse_date,
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
from ablework.levy.models import CollectedPayment
from ablework.levy.services.collected import PlannedPayment, write_payments

AMOUNT_BELOW = Decimal("100000000000000")  # the column holds 14 digits before the point
_YEAR = re.compile(r"^(\d{4})(?:年|年度)?(?:[-/.]?\d{1,2}[-/.]?\d{0,2})?")


def _levy_year(value: CellValue) -> int | None:
    """`2025`, `2025年`, `2025年度`, `2025-01-01至2025-12-31`, `2025-01`: the levy year."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
    else:
        text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    if not text:
        return None
    match = _YEAR.match(text)
    if match is None or not 2000 <= int(match.group(1)) <= 2100:
        raise CellProblem(f"费款所属期“{text}”应写年度，例如 2025 或 2025-01-01至2025-12-31")
    return int(match.group(1))


COLLECTED_CATALOG = ColumnCatalog(
    (
        Column(
            key="uscc",
            header="统一社会信用代码",
            variants=(
                "纳税人识别号",
                "社会信用代码",
                "缴费人识别号",
                "纳税人识别号（统一社会信用代码）",
            ),
            parse=parse_credit_code,
            required=True,
            format="18位（GB 32100）",
            example="91370800MA3C5XXXXX",
            purpose="找到缴费的用人单位",
            width=22,
        ),
        Column(
            key="name",
            header="单位名称",
            variants=("缴费人名称", "纳税人名称"),
            parse=text_parser(200),
            required=False,
            format="可不填；只用于核对",
            example="济宁市某某机械有限公司",
            purpose="便于人工核对",
            width=28,
        ),
        Column(
            key="levy_year",
            header="费款所属期",
            variants=("所属期", "费款所属年度", "所属年度", "费款所属期起"),
            parse=_levy_year,
            required=True,
            format="年度，例如 2025，或 2025-01-01至2025-12-31",
            example="2025",
            purpose="缴的是哪一年度的保障金",
            width=22,
        ),
        Column(
            key="amount",
            header="实缴金额",
            variants=("实缴金额（元）", "实缴费额", "已缴费额", "缴款金额"),
            parse=amount_parser(AMOUNT_BELOW),
            required=True,
            format="元，最多两位小数",
            example="12345.60",
            purpose="已入库的保障金",
            width=16,
        ),
        Column(
            key="paid_on",
            header="缴款日期",
            variants=("入库日期", "缴费日期", "实缴日期"),
            parse=parse_date,
            required=True,
            format="日期，例如 2026-09-15",
            example="2026-09-15",
            purpose="何时缴纳",
            width=14,
        ),
        Column(
            key="voucher",
            header="电子税票号码",
            variants=("税票号码", "凭证号码", "票证号码"),
            parse=text_parser(40),
            required=False,
            format="可不填",
            example="337016260900012345",
            purpose="区分同一天的多笔缴款",
            width=22,
        ),
    ),
    ignored=("序号", "备注", "未通过原因", "原行号"),
)


class CollectedRowChecker(CellChecker):
    """Every cell of a row; the credit code, year, amount and date are needed."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, COLLECTED_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("uscc", "请填写统一社会信用代码"),
            ("levy_year", "请填写费款所属期"),
            ("amount", "请填写实缴金额"),
            ("paid_on", "请填写缴款日期"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)


class CollectedPlanner:
    """Finds each row's employer (one query per chunk) inside the importer's area and the
    payment already recorded under the same employer, year, date and receipt number."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[tuple[int, int, date, str], int] = {}

    def label(self, key: str) -> str:
        return self.header.label_of(key) if key in self.header.positions else key

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        codes = {row.values["uscc"] for row in valid}
        employers = {
            uscc: (pk, county, name)
            for uscc, pk, county, name in Employer.objects.filter(uscc__in=codes).values_list(
                "uscc", "pk", "county_code", "name"
            )
        }
        ids = [found[0] for found in employers.values()]
        existing = {
            (employer, year, paid_on, voucher): (pk, amount)
            for pk, employer, year, paid_on, voucher, amount in CollectedPayment.objects.filter(
                employer_id__in=ids
            ).values_list("pk", "employer_id", "levy_year", "paid_on", "voucher", "amount")
        }
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, employers, existing))
        return plan

    def _plan(
        self,
        row: CheckedRow,
        employers: dict[str, tuple[int, str, str]],
        existing: dict[tuple[int, int, date, str], tuple[int, Decimal]],
    ) -> PlannedPayment | None:
        values = row.values
        found = employers.get(values["uscc"])
        if found is None or not self.ctx.scope.covers_code(found[1]):
            row.problem(
                self.label("uscc"),
                "系统中没有这个统一社会信用代码的用人单位，或它不在您的管辖范围内",
            )
            return None
        employer_id, county, name = found
        voucher = values.get("voucher") or ""
        key = (employer_id, values["levy_year"], values["paid_on"], voucher)
        if key in self.seen:
            row.problem(
                self.label("paid_on"),
                f"与第{self.seen[key]}行是同一单位、同一所属期、同一缴款日期和税票号码的缴款",
            )
            return None
        self.seen[key] = row.number
        before = existing.get(key)
        if before is not None and before[1] == values["amount"]:
            return None
        return PlannedPayment(
            employer_id=employer_id,
            county_code=county,
            levy_year=values["levy_year"],
            amount=values["amount"],
            paid_on=values["paid_on"],
            voucher=voucher,
            label=name,
            existing=before[0] if before else None,
            was=before[1] if before else None,
            created=before is None,
        )


def write_collected(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Write the chunk's payments through the levy service, audited with the batch."""
    write_payments(
        actor=ctx.actor, payments=plan.planned, batch_id=ctx.batch.pk, detail=ctx.audit_detail
    )


COLLECTED = register_kind(
    ImportKind(
        code="levy_collected",
        position=60,
        label=_("残保金实缴金额"),
        upload_title=_("导入税务部门反馈的残保金实缴金额"),
        link_label=_("导入残保金实缴金额（Excel或CSV）"),
        guide="levy/collected_import_guide.html",
        catalog=COLLECTED_CATALOG,
        required=("uscc", "levy_year", "amount", "paid_on"),
        checker=CollectedRowChecker,
        planner=CollectedPlanner,
        writer=write_collected,
        permission=Permission.LEVY_ASSESS,
        template=Template(
            file_name="残保金实缴金额导入模板.xlsx",
            sheet="实缴金额",
            notes=(
                "一行填写一笔缴款：税务部门反馈的文件可以直接上传，列名相同即可。",
                "同一单位、同一所属期、同一缴款日期和税票号码的缴款再次导入不会重复记录；金额不同时按新金额更正。",
                "只能导入您管辖范围内的用人单位的缴款。",
            ),
            label=_("下载实缴金额导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增缴款记录"),
            updated=_("更正缴款金额"),
            will_create=_("将新增缴款记录"),
            will_update=_("将更正缴款金额"),
            unit="笔",
        ),
        committed_note=_("每笔缴款都有审计记录，注明本批次和文件名。"),
        browse=("levy:fund", _("查看残保金征收情况")),
    )
)
