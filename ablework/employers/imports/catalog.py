"""The employers file's columns: headers, variants, parsers and the template's notes per column."""

from __future__ import annotations

from typing import Any

from ablework.employers.models import AdministrativeLevel, EmployerKind, Industry, SchoolType
from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    cell_text,
    folded,
    parse_phone,
    parse_whole_number,
    parse_yes_no,
    text_parser,
)
from ablework.exchange.choices import chinese, choice_of, labels_of
from ablework.exchange.columns import Column, ColumnCatalog


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
            key="declares_separately",
            header="分支机构独立核算",
            variants=("独立核算", "独立申报"),
            parse=parse_yes_no,
            format="“是”或“否”；只对填写了上级单位的分支机构起作用，留空即“否”",
            example="否",
            purpose="“是”：该分支机构自行申报按比例就业；“否”：由上级单位统一申报",
            choices=("是", "否"),
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
            purpose="填入单位的主要联系人",
        ),
        Column(
            key="contact_phone",
            header="联系电话",
            parse=parse_phone,
            format="手机11位，或带区号的固定电话；请设为“文本”格式",
            example="13700001111",
            purpose="主要联系人的电话（加密保存，页面上脱敏显示）",
        ),
    ),
    ignored=("序号", "备注", "未通过原因", "原行号"),
)
