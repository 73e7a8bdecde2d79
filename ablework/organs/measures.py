"""The organs' and institutions' indicators (issue 14): defined once here, computed by
selectors/measures.py, collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.organs.selectors import measures
from ablework.registry.measures import JIANGJIN, JINING, LIAONING, NATIONAL

UNITS = _("用人单位信息（单位类型、行政级别、编制数、学校类型、所属县和乡镇）")
DECLARATIONS = _(
    "按比例就业申报（最近一次已审核确认的申报：计入的残疾职工人数、在职职工年平均人数）"
)
RULE = _("规则引擎“机关、事业单位带头安排”规则及其参数（编制数门槛、最少人数、期限、安排比例）")
POOLED_WORDS = SeedSource(
    JINING,
    _("二、重点任务（一）1."),
    "002_8fca1e4a7ca2a1bf.txt",
    _("县、乡两级根据机关和事业单位编制总数，统筹按比例安排残疾人就业"),
)

MEASURES = [
    Measure(
        code="organ_mandate_compliance",
        name=_("机关、事业单位带头安排残疾人就业达标率"),
        unit="%",
        kind=MeasureKind.RATE,
        about_units=True,
        definition=_(
            "期末当天须单独带头安排的机关、事业单位中，已达到要求的单位所占比例："
            "达标单位数 ÷ 须带头安排的单位数。"
            "与“带头安置”页面的判断相同。"
        ),
        counts=_(
            "分母：省级、地市级编制达到门槛（机关50人、事业单位67人，"
            "按当时有效的参数）、不是中小学和幼儿园的机关、"
            "事业单位，以及残联机关干部比例要求适用的单位。分子："
            "其中已达到规定比例，或已至少安排规定最少人数的单位。"
            "残疾职工人数取最近一次已审核确认的申报（向下取整）；没有的按0人。"
            "按单位登记的县和乡镇计入（单位为“家”）。"
        ),
        excludes=_(
            "编制数不足门槛的、中小学和幼儿园、县乡两级单位（另计县级统筹）；"
            "未登记行政级别或编制数、无法判断的单位；"
            "企业等其他单位。申报按现在的记录，不按期末当天重算。"
        ),
        tables=(UNITS, DECLARATIONS, RULE),
        sources=(
            SeedSource(
                NATIONAL,
                _("二、主要措施（一）"),
                "001_9a2f18ecedec1561.txt",
                _(
                    "确保“十四五”期间编制50人(含)以上的省级、地市级机关和编制67人(含)以上的事业单位"
                    "(中小学、幼儿园除外),安排残疾人就业未达到规定比例的,至少安排1名残疾人就业"
                ),
            ),
            SeedSource(
                JINING,
                _("二、重点任务（一）1."),
                "002_8fca1e4a7ca2a1bf.txt",
                _(
                    "市级编制50人（含）以上的机关单位和编制67"
                    "人（含）以上的事业单位（中小学、幼儿园除外），"
                    "安排残疾人就业未达到在职职工总数1.5％比例的，"
                    "2025年（含）前至少安排1名残疾人就业"
                ),
            ),
            SeedSource(
                JIANGJIN,
                _("一、主要措施（一）1."),
                "003_46cb1b18e9d691a5.txt",
                _(
                    "实现“十四五”期间编制50人（含）以上的党政机关和编"
                    "制67人（含）以上的事业单位（中小学、幼儿园除外），"
                    "安排残疾人就业未达到规定比例的，应至少安排1名残疾人就业"
                ),
            ),
            SeedSource(
                LIAONING,
                _("二、主要任务（一）"),
                "004_2a4d6ed644893453.txt",
                _(
                    "确保“十四五”期间编制50人（含）以上的省级、"
                    "地市级机关和编制67人（含）以上的事业单位"
                    "（中小学、幼儿园除外），安排残疾人就业未达到规定比例的，至少安排1名残疾人就业"
                ),
            ),
        ),
        compute=measures.mandate_compliance,
        counted_in=_("家"),
        units=measures.mandate_compliance_units,
        order=80,
    ),
    Measure(
        code="organ_pooled_compliance",
        name=_("县乡两级机关、事业单位统筹按比例安排达标的县"),
        unit="%",
        kind=MeasureKind.RATE,
        about_units=True,
        definition=_(
            "期末当天，县、"
            "乡两级机关和事业单位合计安排的残疾人达到其编制总数 × 安排比例的县所占比例："
            "达标的县 ÷ 有县乡两级单位的县。与“带头安置”页面的县级统筹一行相同。"
        ),
        counts=_(
            "每个县的县级、乡级机关和事业单位（含中小学）合计："
            "计入的残疾职工人数（最近一次已审核确认的申报，不取整）"
            "不少于编制数合计 × 该县当时适用的安排比例即为达标。按县计入（单位为“个县”）。"
        ),
        excludes=_("省级、地市级单位（单独计算）；查不到适用安排比例的县；没有县乡两级单位的县。"),
        tables=(UNITS, DECLARATIONS, RULE),
        sources=(
            POOLED_WORDS,
            SeedSource(
                NATIONAL,
                _("二、主要措施（一）"),
                "001_9a2f18ecedec1561.txt",
                _("县、乡两级根据机关和事业单位编制总数,统筹按比例安排残疾人就业"),
            ),
        ),
        compute=measures.pooled_compliance,
        counted_in=_("个县"),
        order=81,
        township_lines=False,
    ),
]
