"""The `targets` import kind: targets from a spreadsheet, one target a row — the region (code
or name), the indicator (name or code), the years, the figure, its source, document, section
and note. Each row becomes a target 待审核 through `propose_target`, as if entered on the page,
so a second administrator approves it; the engine gives the preview, a problem per row and
column in Chinese, the commit in one transaction (nothing half-saved), the rejected rows and
the background job with progress. The same file again changes nothing.

A part for a child region needs the parent's target of the same indicator and years: stored,
or on an earlier accepted row of the same file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ablework.core.errors import DomainError
from ablework.core.models import Region
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    cell_text,
    folded,
    parse_whole_number,
    text_parser,
)
from ablework.exchange.choices import chinese, choice_of, labels_of
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
from ablework.indicators.access import MANAGE, SHOWN_LEVELS
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import Target, TargetSource, TargetStatus
from ablework.indicators.services.targets import (
    EARLIEST,
    LATEST,
    TargetFigures,
    check_figures,
    propose_target,
)

SOURCE_LABELS: dict[str, str] = {chinese(label): value for value, label in TargetSource.choices} | {
    "规划文件规定": TargetSource.PLAN,
    "规划": TargetSource.PLAN,
    "文件规定": TargetSource.PLAN,
    "工作人员录入": TargetSource.STAFF,
    "工作人员分解": TargetSource.STAFF,
    "分解": TargetSource.STAFF,
}


def _indicator(value: CellValue) -> str | None:
    """An indicator by its name (城乡新增残疾人就业) or code (new_employment)."""
    text = cell_text(value)
    if not text:
        return None
    wanted = folded(text)
    for measure in catalogue():
        if wanted in (folded(chinese(measure.name)), measure.code):
            return measure.code
    names = "、".join(chinese(measure.name) for measure in catalogue())
    raise CellProblem(f"没有名为“{text}”的指标：应为 {names} 之一")


def _value(value: CellValue) -> str | None:
    text = cell_text(value).replace(",", "").replace("，", "")
    return text or None


TARGET_CATALOG = ColumnCatalog(
    (
        Column(
            key="region_code",
            header="地区代码",
            variants=("区划代码", "行政区划代码"),
            parse=text_parser(12),
            format="6位（省、市、县）或9位（乡镇）代码；与地区名称至少填一项",
            example="370800",
            purpose="目标属于哪个地区",
            width=10,
        ),
        Column(
            key="region_name",
            header="地区名称",
            variants=("地区", "区划名称"),
            parse=text_parser(64),
            format="地区的名称；只填名称时，在您的辖区内须只有一个同名地区",
            example="济宁市",
            purpose="目标属于哪个地区；与代码同填时用于核对",
            width=14,
        ),
        Column(
            key="indicator",
            header="指标",
            variants=("指标名称", "指标代码"),
            parse=_indicator,
            required=True,
            format="指标名称或代码",
            example="城乡新增残疾人就业",
            purpose="目标针对的指标",
            choices=tuple(chinese(measure.name) for measure in catalogue()),
            width=24,
        ),
        Column(
            key="first_year",
            header="起始年度",
            variants=("开始年度", "起始年份"),
            parse=parse_whole_number,
            required=True,
            format=f"四位年份，{EARLIEST} 到 {LATEST}",
            example="2023",
            purpose="计划期的第一年",
        ),
        Column(
            key="last_year",
            header="截止年度",
            variants=("结束年度", "截止年份"),
            parse=parse_whole_number,
            required=True,
            format="四位年份，不早于起始年度；只有一年写同一年",
            example="2025",
            purpose="计划期的最后一年",
        ),
        Column(
            key="value",
            header="目标值",
            variants=("目标", "目标数"),
            parse=_value,
            required=True,
            format="人数、人次写正整数；比率写百分数，最多一位小数",
            example="8000",
            purpose="要达到的数",
        ),
        Column(
            key="source",
            header="来源",
            variants=("目标来源",),
            parse=choice_of(SOURCE_LABELS, "来源", TargetSource.choices),
            required=True,
            format="规划文件规定，或 工作人员录入（文件未规定此数）",
            example="规划文件规定",
            purpose="数是文件写明的，还是工作人员分解的",
            choices=labels_of(TargetSource.choices),
            width=20,
        ),
        Column(
            key="document",
            header="依据文件",
            variants=("文件", "依据"),
            parse=text_parser(200),
            required=True,
            format="规划或分解方案的名称、文号，最多200个字",
            example="济宁市促进残疾人就业三年行动实施方案（2023—2025年）",
            purpose="查证目标的出处",
            width=40,
        ),
        Column(
            key="section",
            header="条款",
            variants=("章节",),
            parse=text_parser(100),
            format="最多100个字，可不填",
            example="一、工作目标",
            purpose="文件中写这个数的地方",
            width=16,
        ),
        Column(
            key="note",
            header="说明",
            variants=("备注",),
            parse=text_parser(300),
            format="最多300个字，可不填",
            example="原文：“2023—2025年全市实现城乡新增残疾人就业8000人以上”",
            purpose="摘录原话，或说明期间、口径",
            width=40,
        ),
    ),
    ignored=("序号", "状态"),
)
REQUIRED = ("indicator", "first_year", "last_year", "value", "source", "document")
Key = tuple[str, str, int, int]


class TargetChecker(CellChecker):
    """Each cell, then the row: a region named, the years in order."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, TARGET_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        values = checked.values
        written = {column for column, _message in checked.problems}
        for key in REQUIRED:
            if key not in values and self.label(key) not in written:
                checked.problem(self.label(key), "此列为必填项，不能为空")
        if "region_code" not in values and "region_name" not in values:
            checked.problem(self.label("region_code"), "请填写地区代码或地区名称")
        first, last = values.get("first_year"), values.get("last_year")
        if first is not None and not EARLIEST <= first <= LATEST:
            checked.problem(self.label("first_year"), f"年度应在 {EARLIEST} 到 {LATEST} 之间")
        if first is not None and last is not None and last < first:
            checked.problem(self.label("last_year"), "截止年度不能早于起始年度")


@dataclass
class PlannedTarget:
    """A target to enter (always new: an import does not change a stored target)."""

    row: int
    region_code: str
    indicator: str
    first_year: int
    last_year: int
    figures: TargetFigures
    parent_region: str  # the region above (whose target this one is a part of), or ""
    created: bool = True


class TargetPlanner:
    """Finds each row's region in the importer's area, checks the figure as the service does,
    and decides: a new target, nothing (the same target is stored), or a problem."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        rows = Region.objects.filter(level__in=SHOWN_LEVELS).only("code", "name", "parent_id")
        if not ctx.scope.everywhere:
            rows = ctx.scope.apply(rows)
        self.regions = {region.code: region for region in rows}
        self.by_name: dict[str, list[str]] = {}
        for region in self.regions.values():
            self.by_name.setdefault(folded(region.name), []).append(region.code)
        self.seen: dict[Key, int] = {}
        self.planned: set[Key] = set()

    def label(self, key: str) -> str:
        if key in self.header.positions:
            return self.header.label_of(key)
        return TARGET_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        regions = {self._region(row, quiet=True) for row in valid} - {None}
        parents = {self.regions[code].parent_id for code in regions if code in self.regions}
        stored = {
            (t.region_code, t.indicator, t.first_year, t.last_year): t
            for t in Target.objects.filter(region_code__in=regions | (parents - {None})).exclude(
                status=TargetStatus.REJECTED
            )
        }
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, stored))
        return plan

    def _region(self, row: CheckedRow, *, quiet: bool = False) -> str | None:
        code, name = row.values.get("region_code"), row.values.get("region_name")
        if code:
            region = self.regions.get(code)
            if region is None:
                if not quiet:
                    row.problem(
                        self.label("region_code"),
                        f"您的管辖范围内没有代码为 {code} 的省、市、县或乡镇（街道）",
                    )
                return None
            if name and folded(name) != folded(region.name):
                if not quiet:
                    row.problem(
                        self.label("region_name"),
                        f"地区代码 {code} 是{region.name}，与地区名称“{name}”不符",
                    )
                return None
            return code
        found = self.by_name.get(folded(name or ""), [])
        if len(found) != 1 and not quiet:
            row.problem(
                self.label("region_name"),
                f"您的管辖范围内没有名为“{name}”的地区"
                if not found
                else f"您的管辖范围内有{len(found)}个名为“{name}”的地区，请填写地区代码",
            )
        return found[0] if len(found) == 1 else None

    def _plan(self, row: CheckedRow, stored: dict[Key, Target]) -> PlannedTarget | None:
        code = self._region(row)
        if code is None:
            return None
        values = row.values
        key: Key = (code, values["indicator"], values["first_year"], values["last_year"])
        if key in self.seen:
            row.problem(
                self.label("indicator"), f"与第{self.seen[key]}行是同一地区、同一指标、同一期间"
            )
            return None
        self.seen[key] = row.number
        figures = TargetFigures(
            value=values["value"],
            source=values["source"],
            document=values["document"],
            section=values.get("section", ""),
            note=values.get("note", ""),
        )
        try:
            checked = check_figures(values["indicator"], figures)
        except DomainError as error:
            row.problem(self.label("value"), error.message)
            return None
        existing = stored.get(key)
        if existing is not None:
            if _same(existing, checked):
                return None
            row.problem(
                self.label("value"),
                f"{self.regions[code].name}已有这一指标、这一期间的目标"
                f"（{existing.get_status_display()}），导入只录入新目标，请在目标页面修改",
            )
            return None
        parent = self.regions[code].parent_id or ""
        parent_key: Key = (parent, *key[1:])
        has_parent = parent_key in stored or parent_key in self.planned
        own = self.ctx.actor is not None and self.ctx.actor.region_id == code
        if not has_parent and not own and checked["source"] != TargetSource.PLAN:
            row.problem(
                self.label("region_code" if "region_code" in values else "region_name"),
                f"{self.regions[code].name}的上级地区还没有同一指标、同一期间的目标："
                "请先录入上级目标（或写在本文件靠前的行），再分解到下级",
            )
            return None
        self.planned.add(key)
        return PlannedTarget(row.number, *key, figures=figures, parent_region=parent)


def _same(target: Target, checked: dict[str, Any]) -> bool:
    return all(getattr(target, name) == value for name, value in checked.items())


def write_targets(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Enter the chunk's targets through the service (待审核, each audited with the batch),
    in the file's order, so a parent's row comes before its parts'."""
    if ctx.actor is None:
        raise DomainError("导入目标须指明导入人（命令行请用 --as 用户名）。")
    for item in sorted(plan.planned, key=lambda planned: planned.row):
        propose_target(
            actor=ctx.actor,
            region_code=item.region_code,
            indicator=item.indicator,
            first_year=item.first_year,
            last_year=item.last_year,
            figures=item.figures,
            detail=ctx.audit_detail,
        )


TARGETS = register_kind(
    ImportKind(
        code="targets",
        position=90,
        label=_("目标"),
        upload_title=_("导入目标"),
        link_label=_("导入目标（Excel或CSV）"),
        guide="indicators/targets/import_guide.html",
        catalog=TARGET_CATALOG,
        required=REQUIRED,
        checker=TargetChecker,
        planner=TargetPlanner,
        writer=write_targets,
        permission=MANAGE,
        template=Template(
            file_name="目标导入模板.xlsx",
            sheet="目标",
            notes=(
                "一行填写一个目标：一个地区、一项指标、一个计划期（整年）。第一行是列名，请不要修改。",
                "地区填代码或名称，须在您的管辖范围内；指标填名称或代码。",
                "把本级目标分解给下级时，来源填“工作人员录入”，本级的同一目标须已录入或写在本文件靠前的行。",
                "导入的目标都是待审核，须由本辖区另一位管理员在目标页面审核；已有的目标不会被修改。",
            ),
            label=_("下载目标导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增目标"),
            updated=_("更新目标"),
            will_create=_("将新增目标"),
            will_update=_("将更新目标"),
            unit="个目标",
        ),
        committed_note=_("每个导入的目标都是待审核，有审计记录，注明本批次和文件名。"),
        browse=("indicators:target_list", _("查看目标")),
    )
)
