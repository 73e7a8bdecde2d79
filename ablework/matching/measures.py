"""The matching indicators (issue 14): defined once here, computed by selectors/measures.py,
collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.matching.selectors import measures
from ablework.registry.measures import HUNAN, HUZHOU, JINING

REFERRALS = _("岗位推荐（本人、招聘岗位、推荐日期、状态）")
STEPS = _("岗位推荐的各步骤（录用及入职日期）")
PERSONS = _("残疾人信息（所属县级区划、乡镇（街道））")
HUZHOU_SERVICES = SeedSource(
    HUZHOU,
    _("二、重点任务（十）"),
    "001_9a2f18ecedec1561.txt",
    _("提供摸查服务、职业指导、职业介绍、匹配推荐、联网认证、跟踪回访等精细化就业服务"),
)
JINING_GRADUATES = SeedSource(
    JINING,
    _("二、重点任务（八）21."),
    "002_8fca1e4a7ca2a1bf.txt",
    _("点对点推荐就业岗位，提高就业安置率"),
)

MEASURES = [
    Measure(
        code="referrals_made",
        name=_("岗位推荐人次"),
        unit=_("人次"),
        kind=MeasureKind.COUNT,
        definition=_("期内残联工作人员把残疾人推荐给招聘岗位的次数：每人每推荐一个岗位计一次。"),
        counts=_(
            "推荐日期在期内的岗位推荐，无论后来是否录用（批量推荐、工作人员查找、本人申请后推荐、"
            "招聘活动现场应聘）；按本人现在登记的县和乡镇计入。"
        ),
        excludes=_("本人申请但尚未推荐出去的；已合并的重复记录。"),
        tables=(REFERRALS, PERSONS),
        sources=(
            HUZHOU_SERVICES,
            JINING_GRADUATES,
            SeedSource(
                HUNAN,
                _("二、主要措施（二）5."),
                "001_9a2f18ecedec1561.txt",
                _("对通过市场渠道连续3次岗位推荐仍无法实现就业的残疾人"),
            ),
        ),
        compute=measures.referrals_made,
        order=95,
    ),
    Measure(
        code="referral_hires",
        name=_("经岗位推荐实现就业人次"),
        unit=_("人次"),
        kind=MeasureKind.COUNT,
        definition=_("期内经岗位推荐被录用并入职的次数，按入职日期计。"),
        counts=_(
            "状态为“已录用”、"
            "入职日期在期内的岗位推荐（包括招聘活动现场录用的）；按本人现在登记的县和乡镇计入。"
        ),
        excludes=_(
            "未录用、已撤回、仍在面试中的推荐；"
            "不经推荐自行找到的工作（见城乡新增残疾人就业）；已合并的重复记录。"
        ),
        tables=(REFERRALS, STEPS, PERSONS),
        sources=(
            JINING_GRADUATES,
            SeedSource(
                HUZHOU,
                _("二、重点任务（五）"),
                "001_9a2f18ecedec1561.txt",
                _("对推荐残疾人稳定就业1年以上的服务机构,按人数给予奖励"),
            ),
        ),
        compute=measures.referral_hires,
        order=96,
    ),
]
