"""The over-quota rewards' indicator (issue 14): defined once here, computed by selectors.py,
collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.registry.measures import HUNAN, JIANGJIN, NATIONAL
from ablework.rewards.selectors import rewards_paid, rewards_paid_units

MEASURES = [
    Measure(
        code="rewards_paid",
        name=_("超比例安排残疾人就业奖励发放金额"),
        unit=_("元"),
        kind=MeasureKind.AMOUNT,
        about_units=True,
        definition=_("期内发放给超比例安排残疾人就业用人单位的奖励合计（元），按发放日期计。"),
        counts=_(
            "状态为“已发放”、发放日期在期内的奖励申请的发放金额；按单位现在登记的县和乡镇计入。"
        ),
        excludes=_("已申请待审核、已审核待发放、未通过审核的申请；按规则算出但单位未申请的奖励。"),
        tables=(
            _("超比例奖励申请（状态、发放日期、发放金额）"),
            _("用人单位信息（所属县和乡镇）"),
        ),
        sources=(
            SeedSource(
                NATIONAL,
                _("三、保障条件（三）"),
                "001_9a2f18ecedec1561.txt",
                _("加大对超比例安排残疾人就业用人单位的奖励力度"),
            ),
            SeedSource(
                HUNAN,
                _("三、保障条件（三）"),
                "001_9a2f18ecedec1561.txt",
                _(
                    "对安排残疾人就业比例高于1.5%的用人单位,每年按照超比例人数(可以不是整数)"
                    "乘以当年当地月最低工资标准的6倍给予奖励"
                ),
            ),
            SeedSource(
                JIANGJIN,
                _("二、保障措施（二）"),
                "003_46cb1b18e9d691a5.txt",
                _("研究制定超比例安排残疾人就业用人单位奖励办法"),
            ),
        ),
        compute=rewards_paid,
        units=rewards_paid_units,
        order=93,
    ),
]
