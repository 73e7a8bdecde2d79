"""The employment services' indicators (issue 14): the "四个一" completion rates and the
graduates' rates, defined once here, computed by selectors/measures.py, collected by the
indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource, Text
from ablework.registry.measures import (
    HUZHOU,
    JIANGJIN,
    JILIN,
    JINHUA,
    LIAONING,
    MAIN_GOAL,
    NATIONAL,
    TASK_GOAL,
)
from ablework.support.selectors import measures

FOUR_WORDS = _(
    "开展残疾人就业服务“四个一”活动,对就业年龄段未就业残疾人至少进行一次基础信息核对,"
    "对其中有就业需求的残疾人至少组织一次职业能力评估、进行一次就业需求登记、开展一次就业服务"
)
FOUR_SOURCES = (
    SeedSource(NATIONAL, _("二、主要措施（九）"), "001_9a2f18ecedec1561.txt", FOUR_WORDS),
    SeedSource(
        JIANGJIN,
        _("一、主要措施（九）1."),
        "003_46cb1b18e9d691a5.txt",
        _(
            "对全区范围内就业年龄段未就业残疾人进行1次基础信息核对，对其中有就业需求的残疾人"
            "组织1次职业能力评估、进行1次就业需求登记、开展1次就业服务"
        ),
    ),
    SeedSource(
        LIAONING,
        _("二、主要任务（十）"),
        "004_2a4d6ed644893453.txt",
        _(
            "加强和改进残疾人就业服务“四个一”行动，"
            "对就业年龄段未就业残疾人至少进行一次基础信息核对，"
            "对其中有就业需求的残疾人至少组织一次职业能力评估、"
            "进行一次就业需求登记、开展一次就业服务"
        ),
    ),
    SeedSource(
        JINHUA,
        _("二、主要措施（十）"),
        "001_9a2f18ecedec1561.txt",
        _("开展残疾人就业服务“四个一”活动,每年对就业年龄段未就业残疾人至少进行一次基础信息核对"),
    ),
)
CASES = _("“四个一”服务对象（每人每年一行：是否为服务对象、有无就业需求、各项服务的日期）")
TOTALS = _("“四个一”完成情况汇总（按年度、乡镇、服务人员）")
IN_SCOPE = _(
    "服务对象：就业年龄段、残疾人证有效、在世、未合并、就业状况为未就业或无就业意愿的人"
    "（与“四个一”完成情况页面相同）；有就业需求：就业状况为未就业，"
    "或本年最近一次核对记下有就业需求。"
    "按最近一次计算时本人登记的县和乡镇计入。按期末所在的工作周期（公历年度）计算，"
    "与“四个一”完成情况页面的数字相同；季度或月份显示的是该年度到目前为止的完成情况。"
)
OUT_OF_SCOPE = _(
    "已就业、无劳动能力、已退休（含到达退休年龄）的人；已死亡或证件失效的人；已合并的重复记录；"
    "上一年度的服务记录。数字为最近一次计算（每次记录服务后和每天一次）时的情况，不按期末当天重算。"
)


def _pillar(code: str, name: Text, definition: Text, order: int) -> Measure:
    return Measure(
        code=code,
        name=name,
        unit="%",
        kind=MeasureKind.RATE,
        definition=definition,
        counts=IN_SCOPE,
        excludes=OUT_OF_SCOPE,
        tables=(CASES, TOTALS),
        sources=FOUR_SOURCES,
        compute=getattr(measures, code.removeprefix("four_") + "_rate"),
        order=order,
    )


GRADUATES = _("应届残疾人大学生名单（所属县、乡镇，匹配的实名制信息）")
OFFERS = _("就业机会记录（提供日期）")
MONTHS = _("每月就业状态（月份、状态）")
SERVICES = _("就业服务记录（日期）")
COHORTS = _(
    "期内各年份（毕业年份）的应届残疾人大学生，按截至期末的记录计算，"
    "与一人一策就业服务台账的比率相同；"
    "按台账上的所属县和乡镇（匹配的本人登记的县和乡镇）计入。"
)
JIANGJIN_GRADUATES = SeedSource(
    JIANGJIN,
    _("一、主要措施（七）1."),
    "003_46cb1b18e9d691a5.txt",
    _("确保实现我区残疾人高校毕业生建档率100%、就业服务率100%"),
)

MEASURES = [
    _pillar(
        "four_check",
        _("“四个一”基础信息核对完成率"),
        _("本年已核对基础信息的服务对象 ÷ 服务对象。"),
        60,
    ),
    _pillar(
        "four_assessment",
        _("“四个一”职业能力评估完成率"),
        _("本年已做职业能力评估的有就业需求的服务对象 ÷ 有就业需求的服务对象。"),
        61,
    ),
    _pillar(
        "four_needs",
        _("“四个一”就业需求登记完成率"),
        _("本年已登记就业需求的有就业需求的服务对象 ÷ 有就业需求的服务对象。"),
        62,
    ),
    _pillar(
        "four_service",
        _("“四个一”就业服务完成率"),
        _("本年至少得到一次就业服务的有就业需求的服务对象 ÷ 有就业需求的服务对象。"),
        63,
    ),
    Measure(
        code="graduate_registration_rate",
        name=_("残疾人高校毕业生建档率"),
        unit="%",
        kind=MeasureKind.RATE,
        definition=_("已与实名制信息库匹配的应届残疾人大学生 ÷ 应届残疾人大学生。"),
        counts=COHORTS,
        excludes=_(
            "未匹配的（不在信息库中、姓名不一致、登记在本区域以外的）只计入分母；其他年份的毕业生。"
        ),
        tables=(GRADUATES,),
        sources=(JIANGJIN_GRADUATES,),
        compute=measures.graduate_registration_rate,
        order=70,
    ),
    Measure(
        code="graduate_service_rate",
        name=_("残疾人高校毕业生就业服务率"),
        unit="%",
        kind=MeasureKind.RATE,
        definition=_(
            "截至期末得到过就业服务（本人有就业服务记录，"
            "或台账记有提供的就业机会）的应届残疾人大学生 ÷ "
            "应届残疾人大学生。"
        ),
        counts=COHORTS,
        excludes=_(
            "期末之后才有的服务或就业机会；未匹配的毕业生没有服务记录，只计台账上的就业机会。"
        ),
        tables=(GRADUATES, SERVICES, OFFERS),
        sources=(JIANGJIN_GRADUATES,),
        compute=measures.graduate_service_rate,
        order=71,
    ),
    Measure(
        code="graduate_employment_rate",
        name=_("有就业意愿的残疾人高校毕业生就业率"),
        unit="%",
        kind=MeasureKind.RATE,
        definition=_(
            "截至期末有一个月记为“已就业”的有就业意愿的应届"
            "残疾人大学生 ÷ 有就业意愿的应届残疾人大学生。"
        ),
        counts=_(
            "有就业意愿：截至期末最近一个月的状态不是“升学”或“暂无就业意愿”（尚无记录的也算）。"
            "期内各年份（毕业年份）的应届残疾人大学生，按截至期末的记录计算，"
            "与一人一策就业服务台账的比率相同；"
            "按台账上的所属县和乡镇（匹配的本人登记的县和乡镇）计入。"
        ),
        excludes=_("升学的、暂无就业意愿的毕业生（分子分母都不计）；期末之后才就业的。"),
        tables=(GRADUATES, MONTHS),
        sources=(
            SeedSource(
                HUZHOU,
                MAIN_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("其中有就业意愿的应届高校残疾人毕业生就业率达到100%"),
            ),
            SeedSource(
                JINHUA,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("其中有就业意愿应届残疾人大学生就业率达到100%"),
            ),
            SeedSource(
                JIANGJIN,
                _("一、主要措施（七）1."),
                "003_46cb1b18e9d691a5.txt",
                _("年度有就业意愿的残疾人高校毕业生初次就业率不低于上一年度全国平均水平"),
            ),
            SeedSource(
                JILIN,
                _("三、主要措施（三）3."),
                "000_fec1d8e277e677ca.txt",
                _("确保有就业愿望的高校残疾人毕业生就业率达到100%"),
            ),
        ),
        compute=measures.graduate_employment_rate,
        order=72,
    ),
]
