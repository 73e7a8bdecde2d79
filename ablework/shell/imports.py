"""The `regions` import kind: townships (乡镇、街道) and communities (村、社区) from a file of
code, name and parent code, added under the counties and townships in the importer's area.
Registered with the import engine at start-up, so the file gets the preview, problems per
cell, commit choice, rejected rows and progress every kind has."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.core.errors import Invalid
from ablework.core.models import Region
from ablework.core.regions import check_subregion_code
from ablework.core.services import (
    NAME_NEEDED,
    PARENT_NOT_FOUND,
    NewSubregion,
    add_subregions,
    code_taken,
)
from ablework.exchange.cells import CellProblem, CellValue, Parser, cell_text, text_parser
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


def _digits(*lengths: int) -> Parser:
    """A code of one of `lengths` digits (full-width digits are folded)."""

    def parse(value: CellValue) -> str | None:
        text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
        if not text:
            return None
        if not text.isdigit() or len(text) not in lengths:
            raise CellProblem(f"“{text}”应为{'或'.join(map(str, lengths))}位数字")
        return text

    return parse


REGION_CATALOG = ColumnCatalog(
    (
        Column(
            key="code",
            header="代码",
            variants=("区划代码", "统计用区划代码", "乡镇代码", "村代码", "社区代码"),
            parse=_digits(9, 12),
            required=True,
            format="乡镇（街道）9位，村（社区）12位，以上级代码开头（统计用区划代码）",
            example="370811002",
            purpose="唯一识别区划；人员和单位按它归属乡镇、社区",
            width=16,
        ),
        Column(
            key="name",
            header="名称",
            variants=("区划名称", "乡镇名称", "村（社区）名称", "社区名称"),
            parse=text_parser(64),
            required=True,
            format="最多64个字",
            example="仙营街道",
            purpose="页面和报表中显示的名称",
            width=20,
        ),
        Column(
            key="parent_code",
            header="上级代码",
            variants=("上级区划代码", "所属区划代码", "所属乡镇代码"),
            parse=_digits(6, 9),
            required=True,
            format="县级6位（添加乡镇时），或乡镇9位（添加村、社区时）；上级可以是本文件前面的行",
            example="370811",
            purpose="确定区划的层级和所属县",
            width=16,
        ),
    ),
    ignored=("序号", "备注", "未通过原因", "原行号"),
)


class RegionRowChecker(CellChecker):
    """Every cell of a row; a row needs all three (they are all required)."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, REGION_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        """Code, name and parent must be there (a cell's own problem says enough)."""
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("code", "请填写代码"),
            ("name", NAME_NEEDED),
            ("parent_code", "请填写上级代码"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)


@dataclass
class PlannedRegion:
    """A township or community to add."""

    region: NewSubregion
    created: bool = True


class RegionPlanner:
    """Places each row under its parent — a region already known or one added higher up the
    file — inside the importer's area; a row naming a region that exists with the same name
    and parent changes nothing, so the same file imports twice without change."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.added: dict[str, tuple[Region, int]] = {}  # code → (region, row) from this file

    def label(self, key: str) -> str:
        """The column's header as the file writes it."""
        return self.header.label_of(key)

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        """The plan for a chunk, in row order (one query for the regions it names)."""
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        codes = {row.values[key] for row in valid for key in ("code", "parent_code")}
        known = {region.code: region for region in Region.objects.filter(code__in=codes)}
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, known))
        return plan

    def _plan(self, row: CheckedRow, known: dict[str, Region]) -> PlannedRegion | None:
        code, name, parent_code = (row.values[key] for key in ("code", "name", "parent_code"))
        if code in self.added:
            row.problem(self.label("code"), f"与第{self.added[code][1]}行的代码重复")
            return None
        existing = known.get(code)
        if existing is not None:
            if (existing.name, existing.parent_id) != (name, parent_code):
                row.problem(self.label("code"), code_taken(code))
            return None
        parent = known.get(parent_code) or self.added.get(parent_code, (None, 0))[0]
        if parent is None or not self.ctx.scope.covers_code(parent.code):
            row.problem(self.label("parent_code"), PARENT_NOT_FOUND)
            return None
        try:
            level = check_subregion_code(parent=parent, code=code)
        except Invalid as error:
            column = "parent_code" if error.field == "parent" else "code"
            row.problem(self.label(column), error.message)
            return None
        county = parent.county_code or parent.code[:6]
        self.added[code] = (
            Region(code=code, name=name, level=level, county_code=county),
            row.number,
        )
        return PlannedRegion(NewSubregion(code, name, parent_code, level, county, row.number))


def write_regions(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Add the chunk's regions through the core services, each audited with the batch."""
    add_subregions(
        actor=ctx.actor,
        regions=[planned.region for planned in plan.planned],
        detail=ctx.audit_detail,
    )


REGIONS = register_kind(
    ImportKind(
        code="regions",
        position=90,
        label=_("乡镇（街道）和村（社区）"),
        upload_title=_("导入乡镇（街道）和村（社区）"),
        link_label=_("导入乡镇（街道）和村（社区）（Excel或CSV）"),
        guide="shell/region_import_guide.html",
        catalog=REGION_CATALOG,
        required=("code", "name", "parent_code"),
        checker=RegionRowChecker,
        planner=RegionPlanner,
        writer=write_regions,
        permission=Permission.REGIONS_MANAGE,
        template=Template(
            file_name="乡镇和村社区导入模板.xlsx",
            sheet="区划",
            notes=(
                "一行填写一个乡镇（街道）或村（社区）。第一行是列名，请不要修改。",
                "先写乡镇，再写它下面的村（社区）：村（社区）的上级代码可以是本文件前面的乡镇。",
                "只能添加到您管辖范围内的县和乡镇之下。已存在且名称、上级相同的区划视为无变化。",
            ),
            label=_("下载区划导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增区划"),
            updated=_("更新区划"),
            will_create=_("将新增区划"),
            will_update=_("将更新区划"),
            unit="个区划",
        ),
        committed_note=_("每个新增的区划都有审计记录，注明本批次和文件名。"),
        browse=("shell:regions", _("查看行政区划")),
    )
)
