"""The `employers` import kind: employers from a file of name, unified social credit code
(GB 32100 checked), kind and county, with the register's other fields as optional columns.
Registered with the import engine at start-up, so the file gets the preview, problems per
cell, commit choice, rejected rows and progress every kind has. A credit code already
registered updates that employer (a blank cell keeps what is stored), so the same file
imports twice without change; an employer outside the importer's area is a problem on its row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.core.errors import DomainError
from ablework.core.rule_messages import rule_messages
from ablework.employers.models import (
    PUBLIC_KINDS,
    AdministrativeLevel,
    Employer,
    EmployerKind,
    Industry,
    SchoolType,
)
from ablework.employers.services import (
    EmployerDetails,
    ImportedEmployer,
    check_public_fields,
    details_of,
    write_imported_employers,
)
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    cell_text,
    folded,
    parse_phone,
    parse_whole_number,
    text_parser,
)
from ablework.exchange.choices import FILE_LANGUAGE, chinese, choice_of, labels_of
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
from ablework.rules.jurisdictions.cn.identifiers import check_unified_social_credit_code


def _labels(choices: list[tuple[str, Any]], **extra: str) -> dict[str, str]:
    """Each choice by its Chinese label and its code, plus common variants."""
    table = {chinese(label): value for value, label in choices}
    table.update({value: value for value, _ in choices})
    table.update(extra)
    return table


def _industry(value: CellValue) -> str | None:
    """A GB/T 4754-2017 section: its letter, its name, or both (`C 制造业`)."""
    text = folded(cell_text(value))
    if not text:
        return None
    names = {folded(chinese(label)): code for code, label in Industry.choices}
    letter = text[0].upper()
    if letter in Industry.values and (len(text) == 1 or folded(text[1:]) in names):
        return letter
    if text in names:
        return names[text]
    raise CellProblem(
        f"所属行业“{cell_text(value)}”不是国民经济行业分类（GB/T 4754-2017）的门类："
        "应为 A–T 的字母或门类名称，如“C”或“制造业”"
    )


def _credit_code(value: CellValue) -> str | None:
    text = folded(cell_text(value)).replace(" ", "").upper()
    return text or None


def _school(value: CellValue) -> str | None:
    text = folded(cell_text(value))
    if text in ("否", "无", "不是"):
        return ""
    return _school_type(value)


_school_type = choice_of(_labels(SchoolType.choices), "学校类型", SchoolType.choices)

EMPLOYER_CATALOG = ColumnCatalog(
    (
        Column(
            key="name",
            header="单位名称",
            variants=("用人单位名称", "名称"),
            parse=text_parser(200),
            required=True,
            format="最多200个字，与营业执照或登记证书一致",
            example="济宁市任城区某某物流有限公司",
            purpose="页面、报表和年审中显示的名称",
            width=30,
        ),
        Column(
            key="uscc",
            header="统一社会信用代码",
            variants=("信用代码", "社会信用代码"),
            parse=_credit_code,
            required=True,
            format="18位，按GB 32100校验（含其中的组织机构代码校验码）；请设为“文本”格式",
            example="91370811MA3C5E1X2K",
            purpose="唯一识别单位；再次导入同一代码时更新该单位",
            width=22,
        ),
        Column(
            key="kind",
            header="单位类型",
            parse=choice_of(_labels(EmployerKind.choices), "单位类型", EmployerKind.choices),
            required=True,
            format="、".join(labels_of(EmployerKind.choices)),
            example="企业",
            purpose="机关、事业单位另有行政级别、编制数",
            choices=labels_of(EmployerKind.choices),
        ),
        Column(
            key="county",
            header="所属县级区划",
            variants=("所属县（市、区）", "县级区划", "县级区划代码", "所属县级区划代码"),
            parse=text_parser(40),
            required=True,
            format="县级区划的6位代码或名称（GB/T 2260）",
            example="370811",
            purpose="单位由该县（市、区）残联管理",
            width=16,
        ),
        Column(
            key="township",
            header="乡镇（街道）",
            variants=("所属乡镇（街道）", "乡镇", "街道", "乡镇代码"),
            parse=text_parser(40),
            format="本县已登记的乡镇（街道）的名称或9位代码；可留空",
            example="古槐街道",
            purpose="由该乡镇（街道）的就业服务专员联系",
            width=16,
        ),
        Column(
            key="industry",
            header="所属行业",
            variants=("行业", "行业门类"),
            parse=_industry,
            format="国民经济行业分类（GB/T 4754-2017）门类：字母A–T或门类名称",
            example="C",
            purpose="按行业统计",
        ),
        Column(
            key="staff_count",
            header="在职职工人数",
            variants=("职工人数",),
            parse=parse_whole_number,
            format="整数",
            example="120",
            purpose="计算安排残疾人就业的比例",
        ),
        Column(
            key="administrative_level",
            header="行政级别",
            parse=choice_of(
                _labels(AdministrativeLevel.choices, 地市级="prefecture", 乡级="township"),
                "行政级别",
                AdministrativeLevel.choices,
            ),
            format="仅机关、事业单位填写：" + "、".join(labels_of(AdministrativeLevel.choices)),
            example="县级",
            purpose="省级、市级机关和事业单位须至少安排1名残疾人",
            choices=labels_of(AdministrativeLevel.choices),
        ),
        Column(
            key="authorised_posts",
            header="编制数",
            variants=("核定编制数",),
            parse=parse_whole_number,
            format="仅机关、事业单位填写：整数（核定编制，不是在职人数）",
            example="58",
            purpose="机关编制50个以上、事业单位67个以上须至少安排1名残疾人",
        ),
        Column(
            key="school_type",
            header="学校类型",
            parse=_school,
            format="仅事业单位填写：" + "、".join(labels_of(SchoolType.choices)) + "，或留空",
            example="",
            purpose="中小学和幼儿园不在事业单位至少安排1名残疾人的要求之内",
            choices=labels_of(SchoolType.choices),
        ),
        Column(
            key="parent_uscc",
            header="上级单位统一社会信用代码",
            variants=("上级单位信用代码",),
            parse=_credit_code,
            format="本单位是分支机构时填写；上级单位须已登记，或在本文件前面的行中",
            example="",
            purpose="分支机构由上级单位统一申报",
            width=22,
        ),
        Column(
            key="address",
            header="单位地址",
            variants=("地址",),
            parse=text_parser(200),
            format="最多200个字",
            example="任城区建设路1号",
            purpose="联系单位",
            width=24,
        ),
        Column(
            key="contact_name",
            header="联系人",
            parse=text_parser(64),
            format="最多64个字",
            example="张经办",
            purpose="联系单位",
        ),
        Column(
            key="contact_phone",
            header="联系电话",
            parse=parse_phone,
            format="手机11位，或带区号的固定电话；请设为“文本”格式",
            example="13700001111",
            purpose="联系单位（页面上脱敏显示）",
        ),
    ),
    ignored=("序号", "备注", "未通过原因", "原行号"),
)


class EmployerRowChecker(CellChecker):
    """Every cell, then the credit code's GB 32100 check and the county and township named."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, EMPLOYER_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("name", "请填写单位名称"),
            ("uscc", "请填写统一社会信用代码"),
            ("kind", "请填写单位类型"),
            ("county", "请填写所属县级区划"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)
        for key in ("uscc", "parent_uscc"):
            code = checked.values.get(key)
            if code:
                result = check_unified_social_credit_code(code)
                if not result.valid:
                    with translation.override(FILE_LANGUAGE):
                        message = rule_messages(result.errors)
                    checked.problem(self.label(key), f"统一社会信用代码不符合GB 32100：{message}")
                else:
                    checked.values[key] = result.code
        self._place(checked)

    def _place(self, checked: CheckedRow) -> None:
        ctx = self.ctx
        text = checked.values.pop("county", None)
        if text is None:
            return
        county = _county_code(text, ctx.counties)
        if county is None:
            checked.problem(
                self.label("county"), f"“{text}”不是已知的县级区划（6位代码或名称，GB/T 2260）"
            )
            return
        checked.values["county_code"] = county
        township = checked.values.pop("township", None)
        if township is not None:
            code = ctx.township_code(county, folded(township))
            if code is None:
                checked.problem(
                    self.label("township"),
                    f"“{township}”不是{ctx.county_name(county)}已登记的乡镇（街道）",
                )
                return
            checked.values["township_code"] = code
        elif ctx.default_township and ctx.default_township[:6] == county:
            checked.values["township_code"] = ctx.default_township


def _county_code(text: str, counties: dict[str, str]) -> str | None:
    """The county's code from its code, its name or both (`370811 任城区`)."""
    text = folded(text).replace(" ", "")
    if text[:6].isdigit():
        code = text[:6]
        return code if code in counties and text[6:] in ("", folded(counties[code])) else None
    named = [code for code, name in counties.items() if folded(name) == text]
    return named[0] if len(named) == 1 else None


@dataclass
class PlannedEmployer:
    """An employer to add (`created`) or to change (its stored version with it)."""

    employer: ImportedEmployer
    created: bool


class EmployerPlanner:
    """Finds each row's employer by its credit code: a new one is added, a registered one in
    the importer's area updated (blank cells keep what is stored), an unchanged one skipped.
    The place must lie inside the importer's area; a parent must be registered inside it or
    come earlier in the file, and a branch chain never loops."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[str, int] = {}  # credit code → row, in this file
        self.accepted: set[str] = set()  # the file's credit codes that passed, so far
        # credit code → parent's credit code, for the loop check (the file's rows win)
        self.parents: dict[str, str] = {}

    def label(self, key: str) -> str:
        if key in self.header.positions:
            return self.header.label_of(key)
        return EMPLOYER_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        codes = {
            row.values[key] for row in valid for key in ("uscc", "parent_uscc") if key in row.values
        }
        known = {
            employer.uscc: employer
            for employer in Employer.objects.filter(uscc__in=codes).select_related("parent")
        }
        for employer in known.values():
            self.parents.setdefault(employer.uscc, employer.parent.uscc if employer.parent else "")
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, known))
        return plan

    def _plan(self, row: CheckedRow, known: dict[str, Employer]) -> PlannedEmployer | None:
        values, scope = row.values, self.ctx.scope
        uscc = values["uscc"]
        if uscc in self.seen:
            row.problem(self.label("uscc"), f"与第{self.seen[uscc]}行的统一社会信用代码重复")
            return None
        self.seen[uscc] = row.number
        existing = known.get(uscc)
        if existing is not None and not scope.covers(existing):
            row.problem(
                self.label("uscc"),
                "该统一社会信用代码已登记为您管辖范围以外的用人单位，请联系其所在地残联",
            )
            return None
        place = values.get("township_code") or values["county_code"]
        if not scope.covers_code(place):
            column = "township" if values.get("township_code") else "county"
            row.problem(self.label(column), "该单位所在区划不在您的管辖范围内")
            return None
        details = self._details(values, existing)
        try:
            check_public_fields(details)
        except DomainError as error:
            row.problem(self.label(error.field or "kind"), error.message)
            return None
        if not self._parent_ok(row, uscc, details.parent_uscc, known):
            return None
        self.parents[uscc] = details.parent_uscc
        self.accepted.add(uscc)
        if existing is not None and details == details_of(existing):
            return None
        imported = ImportedEmployer(
            details=details,
            row=row.number,
            pk=existing.pk if existing else None,
            version=existing.version if existing else 0,
        )
        return PlannedEmployer(imported, created=existing is None)

    def _details(self, values: dict[str, Any], existing: Employer | None) -> EmployerDetails:
        """The row's record: what the file gives, the stored values where its cells are blank."""
        base = (
            details_of(existing)
            if existing is not None
            else EmployerDetails(name="", uscc="", kind="", county_code="")
        )
        given = {key: values[key] for key in values if key not in ("county", "township")}
        # a county move clears a township that is not the new county's
        moved = "county_code" in given and not base.township_code.startswith(given["county_code"])
        if moved and "township_code" not in given:
            given["township_code"] = ""
        details = replace(base, **given)
        if details.kind not in PUBLIC_KINDS:  # a kind changed to one without them
            if "administrative_level" not in given:
                details = replace(details, administrative_level="")
            if "authorised_posts" not in given:
                details = replace(details, authorised_posts=None)
        if details.kind != EmployerKind.INSTITUTION and "school_type" not in given:
            details = replace(details, school_type="")
        return details

    def _parent_ok(
        self, row: CheckedRow, uscc: str, parent: str, known: dict[str, Employer]
    ) -> bool:
        if not parent:
            return True
        column = self.label("parent_uscc")
        stored = known.get(parent)
        in_file = parent in self.accepted
        if not in_file and (stored is None or not self.ctx.scope.covers(stored)):
            row.problem(column, "没有找到该上级单位，或它不在您的管辖范围内")
            return False
        step, visited = parent, set()
        while step and step not in visited:
            if step == uscc:
                row.problem(column, "上级单位不能是本单位，也不能是本单位的分支机构")
                return False
            visited.add(step)
            step = self.parents.get(step, "")
        return True


def write_employers(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Add and change the chunk's employers through the service, each audited with the batch."""
    write_imported_employers(
        actor=ctx.actor,
        employers=[planned.employer for planned in plan.planned],
        detail=ctx.audit_detail,
    )


EMPLOYERS = register_kind(
    ImportKind(
        code="employers",
        position=20,
        label=_("用人单位"),
        upload_title=_("导入用人单位"),
        link_label=_("导入用人单位（Excel或CSV）"),
        guide="employers/import_guide.html",
        catalog=EMPLOYER_CATALOG,
        required=("name", "uscc", "kind", "county"),
        checker=EmployerRowChecker,
        planner=EmployerPlanner,
        writer=write_employers,
        permission=Permission.EMPLOYERS_EDIT,
        template=Template(
            file_name="用人单位导入模板.xlsx",
            sheet="用人单位",
            notes=(
                "一行填写一个用人单位。第一行是列名，请不要修改；用不到的选填列可以删除。",
                "“统一社会信用代码”“联系电话”所在的列须为“文本”格式（本模板已设置）。",
                "已登记的统一社会信用代码会更新该单位：空白的选填单元格保持原值不变，同一个文件重复导入不会产生重复记录。",
                "行政级别、编制数只由机关、事业单位填写，学校类型只由事业单位填写；其他单位请留空。",
                "只能导入您管辖范围内的单位；分支机构的上级单位须已登记，或写在本文件前面的行中。",
            ),
            label=_("下载用人单位导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增单位"),
            updated=_("更新单位"),
            will_create=_("将新增单位"),
            will_update=_("将更新单位"),
            unit="个单位",
        ),
        committed_note=_("每个新增或更新的单位都有审计记录，注明本批次和文件名。"),
        browse=("employers:employer_list", _("查看用人单位")),
    )
)
