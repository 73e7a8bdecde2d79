"""The registry's indicators (issue 14): defined once here, computed by selectors/measures.py,
collected by the indicators app (core/measure_parts.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Measure, MeasureKind, SeedSource
from ablework.registry.selectors import measures

JINING = _("济宁市促进残疾人就业三年行动实施方案（2023—2025年）")
# 001 gathers five plans under one title and heads each only with its number (方案1 is the
# national plan as republished); the place in brackets is the plan's own words (its basis).
NATIONAL = _("2023年残疾人就业援助活动实施方案(精选5篇)·残疾人就业援助活动实施方案1（全国）")
LIAONING = _("辽宁省促进残疾人就业三年行动方案（2022—2024年）")
JIANGJIN = _("江津区促进残疾人就业三年（2022—2024年）重点任务实施方案")
JILIN = _("吉林省残疾人就业促进“十三五”实施方案")
HUZHOU = _("2023年残疾人就业援助活动实施方案(精选5篇)·残疾人就业援助活动实施方案2（湖州市）")
HUNAN = _("2023年残疾人就业援助活动实施方案(精选5篇)·残疾人就业援助活动实施方案4（湖南省）")
JINHUA = _("2023年残疾人就业援助活动实施方案(精选5篇)·残疾人就业援助活动实施方案5（金华市）")
WORK_GOAL = _("一、工作目标")
TASK_GOAL = _("一、任务目标")
MAIN_GOAL = _("一、主要目标")
GENERAL = _("一、总体要求")

REGISTRY_RULES = _("三、主要措施（二）4.")
PERIODS = _("就业状况记录（每人每段就业状况的开始、结束日期）")
PERSONS = _("残疾人信息（所属县级区划、乡镇（街道）、城乡）")

MEASURES = [
    Measure(
        code="new_employment",
        name=_("城乡新增残疾人就业"),
        unit=_("人"),
        kind=MeasureKind.COUNT,
        definition=_(
            "期内由未就业（未就业、无就业意愿、无劳动能力、已退休）转为已就业的残疾人人数，"
            "每人在一期内只计一次。"
        ),
        counts=_(
            "就业状况记录中开始日期在期内、状况为“已就业”、且上一段状况不是“已就业”的人；"
            "期内先失业后再就业的也计入。按本人现在登记的县和乡镇计入。"
        ),
        excludes=_(
            "首次登记时即为已就业的（登记前的就业不是本期新增）；在已就业中换单位或换就业形式的；"
            "已合并的重复记录。"
        ),
        tables=(PERIODS, PERSONS),
        sources=(
            SeedSource(
                JINING,
                WORK_GOAL,
                "002_8fca1e4a7ca2a1bf.txt",
                _("2023—2025年全市实现城乡新增残疾人就业8000人以上"),
            ),
            SeedSource(
                NATIONAL,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("2022—2024年共实现全国城乡新增残疾人就业100万人"),
            ),
            SeedSource(
                LIAONING,
                GENERAL,
                "004_2a4d6ed644893453.txt",
                _("2022—2024年实现全省城乡新增残疾人就业3万人"),
            ),
            SeedSource(
                JIANGJIN,
                _("三、监督落实"),
                "003_46cb1b18e9d691a5.txt",
                _("确保实现2022-2024年城乡新增残疾人就业不少于1500人的目标"),
            ),
            SeedSource(
                HUNAN,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("2022—2024年全省共实现城乡新增残疾人就业4.9万人"),
            ),
            SeedSource(
                HUZHOU,
                MAIN_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("到2025年,全市累计新增残疾人就业3000人以上"),
            ),
            SeedSource(
                JINHUA,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("到2025年,全市新增残疾人就业5000人以上"),
            ),
        ),
        compute=measures.new_employment,
        persons=measures.new_employment_persons,
        order=10,
    ),
    Measure(
        code="new_urban_employment",
        name=_("城镇新增残疾人就业"),
        unit=_("人"),
        kind=MeasureKind.COUNT,
        definition=_("同“城乡新增残疾人就业”，只计登记为城镇居住的残疾人。"),
        counts=_("城乡一栏为“城镇”的人，计法同城乡新增残疾人就业。"),
        excludes=_("城乡一栏为“农村”或未填写的人；其余同城乡新增残疾人就业。"),
        tables=(PERIODS, PERSONS),
        sources=(
            SeedSource(
                JILIN,
                _("二、任务目标"),
                "000_fec1d8e277e677ca.txt",
                _("培训残疾人10万人（次）以上，城镇新增残疾人就业3.5万人"),
            ),
        ),
        compute=measures.new_urban_employment,
        persons=measures.new_urban_employment_persons,
        order=15,
    ),
    Measure(
        code="employment_rate",
        name=_("就业年龄段持证残疾人就业率"),
        unit="%",
        kind=MeasureKind.RATE,
        definition=_(
            "期末当天，就业年龄段持证残疾人中已就业的人数所占比例："
            "已就业人数 ÷ 就业年龄段持证人数。"
        ),
        counts=_(
            "分母：期末当天已满最低就业年龄、未到法定退休年龄（按2025年起渐进式延迟退休的规则）、"
            "残疾人证有效（已发证，未注销，持证人未死亡）的人。分子：其中当天就业状况记录为“已就业”的人。"
        ),
        excludes=_(
            "期末前已死亡或证件已注销的人；已到退休年龄的人；期末之后才发证的人；已合并的重复记录。"
        ),
        tables=(PERIODS, PERSONS, _("证件历史（发证、注销、持证人死亡的日期）")),
        sources=(
            SeedSource(
                JINING,
                WORK_GOAL,
                "002_8fca1e4a7ca2a1bf.txt",
                _("就业年龄段持证残疾人就业率达到60％以上"),
            ),
            SeedSource(
                HUZHOU,
                MAIN_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("劳动年龄段持证残疾人就业率达到65%以上"),
            ),
            SeedSource(
                JINHUA,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("劳动年龄段持证残疾人就业率达到60%以上"),
            ),
        ),
        compute=measures.employment_rate,
        rate_persons=measures.employment_rate_persons,
        order=20,
    ),
    Measure(
        code="new_public_welfare_posts",
        name=_("新增残疾人公益性岗位安置"),
        unit=_("人"),
        kind=MeasureKind.COUNT,
        definition=_("期内开始在公益性岗位就业的残疾人人数，每人在一期内只计一次。"),
        counts=_(
            "就业状况记录中开始日期在期内、就业形式为“公益性岗位就业”、且上一段不是公益性岗位就业的人。"
        ),
        excludes=_(
            "首次登记时即在公益性岗位的；岗位总数（残联以外开发的公益性岗位不在本系统中，"
            "所以济宁“按照公益岗位10％的比例”这一比例无法计算，不提供）。"
        ),
        tables=(PERIODS, PERSONS),
        sources=(
            SeedSource(
                HUZHOU,
                MAIN_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("新增残疾人公益性岗位600个以上"),
            ),
            SeedSource(
                JINHUA,
                TASK_GOAL,
                "001_9a2f18ecedec1561.txt",
                _("新增残疾人公益性岗位500个以上"),
            ),
            SeedSource(
                HUZHOU,
                _("二、重点任务（六）"),
                "001_9a2f18ecedec1561.txt",
                _("全市每年新增残疾人公益性岗位就业150人以上"),
            ),
        ),
        compute=measures.new_public_welfare_posts,
        persons=measures.new_public_welfare_posts_persons,
        order=30,
    ),
    Measure(
        code="training_attendances",
        name=_("残疾人职业培训人次"),
        unit=_("人次"),
        kind=MeasureKind.COUNT,
        definition=_("期内结业的残疾人培训人次：每人每结业一个培训项目计一次。"),
        counts=_("培训记录中结业日期在期内的记录。"),
        excludes=_("没有结业日期的培训记录（尚未结业）；已合并的重复记录。"),
        tables=(_("培训记录（培训项目、结业日期）"), PERSONS),
        sources=(
            SeedSource(
                JILIN,
                _("二、任务目标"),
                "000_fec1d8e277e677ca.txt",
                _("培训残疾人10万人（次）以上"),
            ),
            SeedSource(
                LIAONING,
                GENERAL,
                "004_2a4d6ed644893453.txt",
                _("实现城乡残疾人培训4.5万人"),
            ),
        ),
        compute=measures.training_attendances,
        persons=measures.training_persons,
        order=40,
    ),
    Measure(
        code="update_rate",
        name=_("残疾人就业和培训实名制信息更新率"),
        unit="%",
        kind=MeasureKind.RATE,
        definition=_(
            "期内核实（更新）过信息的人占应更新人数的比例：期内已更新人数 ÷ 期末当天应更新人数。"
            "与“季度更新”页面的更新率是同一个计算。"
        ),
        counts=_(
            "应更新人数：期末当天（期间未结束时为今天）处于就业年龄段（已满最低就业年龄、未到法定退休年龄）、"
            "证件状态为有效或已过期、未合并到其他记录的人，按本人现在登记的县和乡镇计入。"
            "已更新：其中最近核实日期在期内，或有一条核实记录（季度更新、自查、互查、抽查）的日期在期内的人。"
        ),
        excludes=_(
            "已到退休年龄的人；证件已注销或持证人已死亡的人（按现在登记的证件状态）；已合并的重复记录；"
            "核实日期在期外的核实。录入率不提供：系统只保存已录入的人，"
            "应录入的持证残疾人总数（残疾人人口基础数据库）不在本系统中，没有可靠的分母。"
        ),
        tables=(PERSONS, _("核实记录（核实日期、方式）")),
        sources=(
            SeedSource(
                JILIN,
                REGISTRY_RULES,
                "000_fec1d8e277e677ca.txt",
                _(
                    "确保就业年龄段残疾人就业状况和培训意向信息数据应录尽录。"
                    "完善年度工作部署制度、季度和年度通报制度、目标责任制度、季度更新制度"
                ),
            ),
        ),
        compute=measures.update_rate,
        order=50,
    ),
]
