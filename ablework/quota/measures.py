"""The quota declarations' indicator (issue 14): defined once here, computed by
selectors/measures.py, collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.quota.selectors import measures
from ablework.registry.measures import JIANGJIN, JILIN, NATIONAL

MEASURES = [
    Measure(
        code="declarations_certified",
        name=_("按比例就业申报审核确认"),
        unit=_("家"),
        kind=MeasureKind.COUNT,
        about_units=True,
        definition=_(
            "期内经残联审核确认的用人单位按比例就业申报份数（每家单位每个费款所属期一份）。"
        ),
        counts=_("申报记录中“审核确认”这一步的日期在期内的申报；按单位现在登记的县和乡镇计入。"),
        excludes=_(
            "已提交尚未审核、已退回、未通过审核的申报；对已审核确认申报的更正（不是再次确认）；"
            "通过上级单位申报的分支机构不单独计。"
        ),
        tables=(
            _("按比例就业申报（用人单位、费款所属期、状态）"),
            _("申报办理记录（操作、时间）"),
            _("用人单位信息（所属县和乡镇）"),
        ),
        sources=(
            SeedSource(
                NATIONAL,
                _("三、保障条件（四）"),
                "001_9a2f18ecedec1561.txt",
                _("做好全国残疾人按比例就业情况联网认证“跨省通办”有关工作"),
            ),
            SeedSource(
                JIANGJIN,
                _("二、保障措施（三）"),
                "003_46cb1b18e9d691a5.txt",
                _("做好全国残疾人按比例就业情况联网认证“跨省通办”工作"),
            ),
            SeedSource(
                JILIN,
                _("三、主要措施（一）1."),
                "000_fec1d8e277e677ca.txt",
                _("依法推进按比例安排残疾人就业。建立用人单位按比例安排残疾人就业公示"),
            ),
        ),
        compute=measures.declarations_certified,
        units=measures.declarations_certified_units,
        order=90,
    ),
]
