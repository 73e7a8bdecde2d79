"""The `graduates` import kind: the year's list of university graduates with a disability
(应届残疾人大学生名单) as a university or the education department sends it. Each row is checked
(file, row, column, in Chinese), each graduate matched to the registry by the resident ID's
lookup hash, and the graduates written to their county's cohort of that year in the pass's one
transaction. Importing the same file again changes nothing.

A township's worker imports for their township: the graduates not in the registry are theirs to
follow up, and a row naming another county, a graduate registered in another township or one
already followed up by another place is refused on its row and column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.core.crypto import lookup_hash
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    cell_text,
    parse_date_or_month,
    parse_identifier,
    parse_phone,
    text_parser,
)
from ablework.exchange.choices import choice_of, labels_of
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
from ablework.registry.identity import read_resident_id
from ablework.registry.models import Person
from ablework.support.models import CohortSource, Graduate, MatchProblem
from ablework.support.services.graduates import PlannedGraduate, write_graduates

SOURCE_LABELS = {
    "高校": CohortSource.UNIVERSITY,
    "学校": CohortSource.UNIVERSITY,
    "院校": CohortSource.UNIVERSITY,
    "教育部门": CohortSource.EDUCATION,
    "教育局": CohortSource.EDUCATION,
    "教育厅": CohortSource.EDUCATION,
    "教委": CohortSource.EDUCATION,
}


def _county(value: CellValue) -> str | None:
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    code = text[:6]
    if not (code.isdigit() and len(code) == 6):
        raise CellProblem(f"“{text}”不是6位县级区划代码，例如 370811")
    return code


GRADUATE_CATALOG = ColumnCatalog(
    (
        Column(
            key="name",
            header="姓名",
            variants=("学生姓名", "毕业生姓名"),
            parse=text_parser(64),
            required=True,
            format="与身份证一致，最多64个字",
            example="张三",
            purpose="识别本人",
            width=10,
        ),
        Column(
            key="resident_id",
            header="公民身份号码",
            variants=("身份证号", "身份证号码", "证件号码", "公民身份证号码", "身份证"),
            parse=parse_identifier,
            required=True,
            format="18位，最后一位可为X；单元格须为“文本”格式",
            example="370811200301010018",
            purpose="与实名制信息库比对，找到本人（加密保存）",
            width=22,
        ),
        Column(
            key="school",
            header="毕业院校",
            variants=("学校", "院校", "就读院校", "毕业学校", "学校名称", "所在高校"),
            parse=text_parser(100),
            required=True,
            format="院校全称，最多100个字",
            example="山东理工职业学院",
            purpose="与学校联系，掌握在校情况",
            width=22,
        ),
        Column(
            key="major",
            header="专业",
            variants=("所学专业", "专业名称"),
            parse=text_parser(100),
            format="最多100个字",
            example="计算机应用技术",
            purpose="推荐对口的岗位和培训",
            width=18,
        ),
        Column(
            key="graduation_date",
            header="毕业时间",
            variants=("毕业日期", "预计毕业时间", "毕业年月"),
            parse=parse_date_or_month,
            required=True,
            format="日期或月份，例如 2026-06-30 或 2026-06",
            example="2026-06",
            purpose="确定届别；离校后按月跟踪（离校不断线）",
            width=14,
        ),
        Column(
            key="phone",
            header="联系电话",
            variants=("联系方式", "手机号码", "手机号", "电话", "本人电话"),
            parse=parse_phone,
            format="手机11位，或带区号的固定电话",
            example="13800000000",
            purpose="联系本人提供服务（加密保存）",
            width=16,
        ),
        Column(
            key="wishes",
            header="就业意向",
            variants=("就业意愿", "求职意向", "意向岗位", "就业需求"),
            parse=text_parser(200),
            format="最多200个字",
            example="软件测试、数据录入",
            purpose="推荐岗位",
            width=24,
        ),
        Column(
            key="source",
            header="名单来源",
            variants=("信息来源", "报送单位类型"),
            parse=choice_of(SOURCE_LABELS, "名单来源", CohortSource.choices),
            format="高校 或 教育部门；可不填（记为高校）",
            example="高校",
            purpose="记录名单由谁提供（部门间信息交换）",
            choices=labels_of(CohortSource.choices),
            width=12,
        ),
        Column(
            key="county",
            header="所属县级区划",
            variants=("所属县级区划代码", "县级区划代码", "生源地区划"),
            parse=_county,
            format="6位代码；可不填：已在实名制信息库的取其登记的县，否则取导入人所在的县",
            example="370811",
            purpose="决定由哪个县级残联提供服务",
            width=14,
        ),
    ),
    ignored=("序号", "备注", "性别", "学历", "残疾类别", "未通过原因", "原行号"),
)


@dataclass
class GraduateRow(CheckedRow):
    resident_id_hash: str = ""


class GraduateChecker(CellChecker):
    """Each cell, then the row: a valid resident ID, a school and a graduation date."""

    row_type = GraduateRow

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, GRADUATE_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        assert isinstance(checked, GraduateRow)
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("name", "请填写姓名"),
            ("school", "请填写毕业院校"),
            ("graduation_date", "请填写毕业时间"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)
        graduated = checked.values.get("graduation_date")
        if graduated is not None and not 2000 <= graduated.year <= self.ctx.today.year + 5:
            checked.problem(
                self.label("graduation_date"),
                f"毕业时间“{graduated:%Y-%m}”不在2000年至{self.ctx.today.year + 5}年之间",
            )
        resident_id = checked.values.get("resident_id")
        column = self.label("resident_id")
        if resident_id is None:
            if column not in written:
                checked.problem(column, "公民身份号码不能为空")
            return
        reading = read_resident_id(resident_id, on=self.ctx.today)
        if reading.problem is not None:
            checked.problem(column, str(reading.problem))
            return
        checked.resident_id_hash = lookup_hash(resident_id)


class GraduatePlanner:
    """Matches each row to the registry (one query per chunk) and to the graduate already
    imported in the same county and year; decides the county the graduate belongs to."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[str, int] = {}

    def label(self, key: str) -> str:
        if key in self.header.positions:
            return self.header.label_of(key)
        return GRADUATE_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if isinstance(row, GraduateRow) and not row.rejected]
        hashes = [row.resident_id_hash for row in valid]
        persons = {
            found[0]: found[1:]
            for found in Person.objects.filter(
                resident_id_hash__in=hashes, merged_into__isnull=True
            ).values_list("resident_id_hash", "pk", "name", "county_code", "township_code")
        }
        existing: dict[tuple[str, str, int], Graduate] = {
            (g.resident_id_hash, g.cohort.county_code, g.cohort.year): g
            for g in Graduate.objects.filter(resident_id_hash__in=hashes).select_related("cohort")
        }
        for row in rows:
            planned = None
            if isinstance(row, GraduateRow) and not row.rejected:
                planned = self._plan(row, persons, existing)
            plan.add(row, planned)
        return plan

    def _plan(
        self,
        row: GraduateRow,
        persons: dict[str, tuple[Any, ...]],
        existing: dict[tuple[str, str, int], Graduate],
    ) -> PlannedGraduate | None:
        values = row.values
        if row.resident_id_hash in self.seen:
            row.problem(
                self.label("resident_id"),
                f"与第{self.seen[row.resident_id_hash]}行是同一个公民身份号码",
            )
            return None
        self.seen[row.resident_id_hash] = row.number
        found = persons.get(row.resident_id_hash)
        if found is not None and self.ctx.default_township and not self._covers(*found[2:]):
            # a township's worker imports for their township only: a graduate registered
            # elsewhere is the business of the place they are registered in
            row.problem(
                self.label("resident_id"),
                "此人在实名制信息库中登记在您所在的乡镇（街道）以外，请由其登记地的工作人员导入",
            )
            return None
        person_id, problem, county, township = self._match(row, found)
        if not county:
            row.problem(
                self.label("county"),
                "请填写所属县级区划：此人不在您管辖范围内的实名制信息库中，您又管辖多个县",
            )
            return None
        if county not in self.ctx.counties:
            row.problem(self.label("county"), f"“{county}”不是已知的县级区划（GB/T 2260）")
            return None
        if not self.ctx.scope.covers_code(township or county):
            row.problem(self.label("county"), f"{self.ctx.county_name(county)}不在您的管辖范围内")
            return None
        graduated: date = values["graduation_date"]
        planned = PlannedGraduate(
            county_code=county,
            township_code=township,
            year=graduated.year,
            source=values.get("source") or CohortSource.UNIVERSITY,
            name=values["name"],
            resident_id=values["resident_id"],
            resident_id_hash=row.resident_id_hash,
            school=values["school"],
            major=values.get("major") or "",
            graduation_date=graduated,
            phone=values.get("phone") or "",
            wishes=values.get("wishes") or "",
            person_id=person_id,
            match_problem=problem,
            row=row.number,
        )
        before = existing.get((row.resident_id_hash, county, graduated.year))
        if before is not None:
            if not self._covers(before.county_code, before.township_code):
                row.problem(
                    self.label("resident_id"),
                    f"这名毕业生已在{graduated.year}届名单中，由您所在的乡镇（街道）以外的"
                    "工作人员跟进",
                )
                return None
            if planned.same_as(before):
                return None
            planned.existing = before.pk
            planned.created = False
        return planned

    def _covers(self, county: str, township: str | None) -> bool:
        return self.ctx.scope.covers_code(township or county)

    def _match(
        self, row: GraduateRow, found: tuple[Any, ...] | None
    ) -> tuple[int | None, str, str, str]:
        """The person matched (or None and why), and the graduate's county and township: a
        graduate not matched goes to the importer's county, and for a township's worker to
        their township (whose worker follows them up)."""
        own = row.values.get("county") or self.ctx.default_county
        own_township = self.ctx.default_township
        if own_township[:6] != own:
            own_township = ""
        if found is None:
            return None, MatchProblem.NOT_REGISTERED, own, own_township
        pk, name, county, township = found
        if not self._covers(county, township):
            return None, MatchProblem.OUTSIDE, own, own_township
        if name != row.values["name"]:
            return None, MatchProblem.NAME_DIFFERS, own or county, own_township
        return pk, "", county, township or ""


def write_graduates_plan(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Write the chunk's graduates through the support service, audited with the batch."""
    write_graduates(
        actor=ctx.actor, graduates=plan.planned, batch=ctx.batch, detail=ctx.audit_detail
    )


GRADUATES = register_kind(
    ImportKind(
        code="graduates",
        position=70,
        label=_("应届残疾人大学生名单"),
        upload_title=_("导入应届残疾人大学生名单"),
        link_label=_("导入应届残疾人大学生名单（Excel或CSV）"),
        guide="support/graduates/import_guide.html",
        catalog=GRADUATE_CATALOG,
        required=("name", "resident_id", "school", "graduation_date"),
        checker=GraduateChecker,
        planner=GraduatePlanner,
        writer=write_graduates_plan,
        permission=Permission.SUPPORT_RECORD,
        template=Template(
            file_name="应届残疾人大学生名单导入模板.xlsx",
            sheet="应届残疾人大学生",
            notes=(
                "一行填写一名毕业生：高校或教育部门报送的名单可以直接上传，列名相同即可。",
                "每名毕业生按公民身份号码与实名制信息库比对；没有找到的也会导入，并注明原因。",
                "毕业生按毕业时间的年份归入所属县的当年名单；同一文件再次导入不会重复记录。",
            ),
            label=_("下载应届残疾人大学生名单导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增毕业生"),
            updated=_("更新毕业生信息"),
            will_create=_("将新增毕业生"),
            will_update=_("将更新毕业生信息"),
            unit="人",
        ),
        committed_note=_(
            "每名毕业生都有审计记录，注明本批次和文件名；未匹配的毕业生在台账中注明原因。"
        ),
        browse=("support:graduates", _("查看一人一策台账")),
        rejected_permission=Permission.PERSONS_REVEAL,
    )
)
