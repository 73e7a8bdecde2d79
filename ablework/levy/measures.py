"""The levy's indicators (issue 14): defined once here, computed by selectors/measures.py,
collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.levy.selectors import measures
from ablework.registry.measures import JILIN, JINING

JINING_LEVY = SeedSource(
    JINING,
    _("二、重点任务（二）5."),
    "002_8fca1e4a7ca2a1bf.txt",
    _("安排残疾人就业达不到规定比例的用人单位，应当依法缴纳残疾人就业保障金"),
)
JILIN_LEVY = SeedSource(
    JILIN,
    _("三、主要措施（一）1."),
    "000_fec1d8e277e677ca.txt",
    _("建立用人单位按比例安排残疾人就业公示、残疾人就业保障金征收使用情况公示"),
)
WHERE = _(
    "计入核定（或缴款导入）时所在的县；单位仍登记在该县的，"
    "计入其现在登记的乡镇，否则计入“未登记乡镇”。"
)

MEASURES = [
    Measure(
        code="levy_assessed",
        name=_("残疾人就业保障金核定金额"),
        unit=_("元"),
        kind=MeasureKind.AMOUNT,
        about_units=True,
        definition=_("期内征收核定的用人单位应缴残疾人就业保障金合计（元）。"),
        counts=format_lazy(
            "{}{}",
            _(
                "核定日期在期内的征收核定中，"
                "每家单位每个费款所属期按最近一次核定的应缴金额（减免之后）；"
            ),
            WHERE,
        ),
        excludes=_(
            "无法计算的单位（缺少申报数据或参数）；小微企业免征的计0元；"
            "重新核定后，之前的核定不再计入；"
            "超比例奖励不在此数中。"
        ),
        tables=(
            _("征收核定（核定日期、地区、费款所属期）"),
            _("残保金核定结果（每家单位每年一行：应缴金额、所属县）"),
            _("用人单位信息（所属县和乡镇）"),
        ),
        sources=(JINING_LEVY, JILIN_LEVY),
        compute=measures.levy_assessed,
        units=measures.levy_assessed_units,
        order=91,
    ),
    Measure(
        code="levy_collected",
        name=_("残疾人就业保障金实缴金额"),
        unit=_("元"),
        kind=MeasureKind.AMOUNT,
        about_units=True,
        definition=_("期内税务部门报来的用人单位实缴残疾人就业保障金合计（元），按缴款日期计。"),
        counts=format_lazy("{}{}", _("残保金实缴记录中缴款日期在期内的金额；"), WHERE),
        excludes=_("尚未从税务部门导入的缴款；应缴未缴的金额（见核定金额）。"),
        tables=(
            _("残保金实缴记录（缴款日期、金额、所属县）"),
            _("用人单位信息（所属县和乡镇）"),
        ),
        sources=(JINING_LEVY, JILIN_LEVY),
        compute=measures.levy_collected,
        units=measures.levy_collected_units,
        order=92,
    ),
]
