"""The job seekers of the demo's matching market in 长沙市岳麓区 (demo/market.py): its streets and
towns with a centre each, and some thirty persons — their certificate, what their vocational
capacity assessment found and what they asked for when registering their needs, in the matching
contract's vocabulary (never their category: the engine has no field for it; the category is
there for the registry and the fairness report).

The streets' codes follow the 统计用区划代码 structure (county + three digits, towns from 100);
their centres are approximate points of each street for the demo's distances, not surveyed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ablework.demo.support_caseload import DEAF, SCREEN_READER, STEADY_PACE, WHEELCHAIR
from ablework.support.vocabulary import AbilityValue

YUELU = "430104"
WANGYUEHU, YUELU_STREET, GUANSHALING = "430104001", "430104002", "430104005"
MEIXIHU, LUGU, HANPU, LIANHUA = "430104010", "430104011", "430104013", "430104100"
# code → (name, latitude, longitude): approximate centres, for the demo's commutes.
TOWNSHIPS: dict[str, tuple[str, str, str]] = {
    WANGYUEHU: ("望月湖街道", "28.196000", "112.944000"),
    YUELU_STREET: ("岳麓街道", "28.180000", "112.937000"),
    GUANSHALING: ("观沙岭街道", "28.223000", "112.952000"),
    MEIXIHU: ("梅溪湖街道", "28.195000", "112.890000"),
    LUGU: ("麓谷街道", "28.221000", "112.878000"),
    HANPU: ("含浦街道", "28.105000", "112.910000"),
    LIANHUA: ("莲花镇", "28.095000", "112.730000"),
}


@dataclass(frozen=True)
class Profile:
    """What an assessment found: abilities per demand, access needs at any workplace, hours a
    day, the pathway and the summary read to the person."""

    abilities: dict[str, AbilityValue]
    needs: tuple[str, ...]
    hours_per_day: str
    pathway: str
    summary: str


PROFILES: dict[str, Profile] = {
    "screen": Profile(
        SCREEN_READER,
        (),
        "8.0",
        "competitive",
        "您用读屏软件熟练操作电脑，适合电话客服、文字录入一类的工作；纸质材料需要电子版。",
    ),
    "low_vision": Profile(
        {
            "read_print": {"with": ["magnifier"]},
            "read_screen": {"with": ["magnifier", "screen_reader"]},
            "drive": "cannot",
        },
        (),
        "8.0",
        "competitive",
        "您视力较弱，借助放大设备可以阅读纸质和屏幕文字，适合办公室工作。",
    ),
    "wheelchair": Profile(
        WHEELCHAIR,
        ("step_free", "accessible_toilet"),
        "6.0",
        "competitive",
        "您坐轮椅，手部灵活，适合坐着完成的工作；工作场所需要无障碍通道和无障碍卫生间。",
    ),
    "crutches": Profile(
        {
            "stairs": {"with": ["step_free"]},
            "walk_long": "cannot",
            "stand_long": {"with": ["seat"]},
            "lift_10kg": "cannot",
        },
        (),
        "8.0",
        "competitive",
        "您拄拐行走，不能长距离行走和搬运重物，坐姿工作没有问题。",
    ),
    "back": Profile(
        {"lift_10kg": "cannot", "stand_long": {"with": ["seat"]}},
        (),
        "8.0",
        "competitive",
        "您腰部不能负重，坐姿工作没有问题，适合记账、质检一类的工作。",
    ),
    "one_hand": Profile(
        {"two_hands": {"with": ["assistive_tools"]}, "fine_hand": "cannot", "lift_10kg": "cannot"},
        (),
        "8.0",
        "competitive",
        "您一只手活动受限，借助辅助工具可以完成双手操作，不适合精细手工。",
    ),
    "deaf": Profile(
        DEAF,
        ("visual_alarm",),
        "8.0",
        "competitive",
        "您用手语和文字交流，手工精细；工作场所需要有视觉报警。",
    ),
    "hard_hearing": Profile(
        {"hear_speech": {"with": ["captioning", "text_chat"]}, "phone": {"with": ["text_chat"]}},
        (),
        "8.0",
        "competitive",
        "您听力较弱，借助文字沟通或字幕可以正常工作，电话沟通需要改用文字。",
    ),
    "speech": Profile(
        {"speak": {"with": ["text_chat"]}, "phone": {"with": ["text_chat"]}},
        (),
        "8.0",
        "competitive",
        "您说话不方便，读写很好，借助文字沟通可以完成工作。",
    ),
    "steady": Profile(
        STEADY_PACE,
        (),
        "6.0",
        "supported",
        "您做事认真，适合节奏稳定的工作，刚开始需要就业辅导员陪同，每天工作不超过6小时。",
    ),
    "calm": Profile(
        {
            "fast_pace": {"with": ["quiet_space", "flexible_hours"]},
            "night_shift": "cannot",
            "customer_contact": {"with": ["quiet_space"]},
        },
        ("quiet_space",),
        "6.0",
        "supported",
        "您情绪稳定时工作效率高，需要安静的工作环境和弹性的时间安排。",
    ),
    "multiple": Profile(
        {**WHEELCHAIR, "read_print": {"with": ["magnifier"]}, "fine_hand": "cannot"},
        ("step_free", "accessible_toilet"),
        "4.0",
        "auxiliary",
        "您坐轮椅，视力也较弱，体力有限，建议先到辅助性就业机构每天工作半天。",
    ),
}


@dataclass(frozen=True)
class Seeker:
    """One demo person: the registry's facts, the assessment's profile and the needs
    registration (occupations, skills, hours a week, commute km, wage floor, remote work,
    accommodations asked for)."""

    name: str
    sex: str
    born: date
    category: int  # 1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重
    grade: int
    township: str
    profile: str
    occupations: tuple[str, ...]
    skills: str
    hours: int
    commute: int
    floor: Decimal
    remote: bool
    wants: tuple[str, ...]


# name | sex | born | category | grade | street (its last 3 digits) | profile | occupations |
# skills | hours a week | commute km | wage floor | remote ("远程": accepts) | asked for
ROWS = """
欧阳明|男|1990-03-14|1|1|001|screen|客户服务 电话客服|读屏软件 电脑打字 普通话|40|10|2400|远程|
蒋丽华|女|1988-07-02|1|2|002|screen|保健按摩 按摩师|盲人按摩 推拿|40|8|2600||
龙建军|男|1979-11-23|1|2|005|screen|按摩师 保健按摩|推拿 中医保健|40|6|3000||
彭晓燕|女|1995-01-09|1|3|011|low_vision|数据录入 行政文员|办公软件 电脑打字|40|10|2500||
贺志强|男|1986-05-30|1|4|010|low_vision|质检员 电子元件检验|电子元件 质量检验|44|12|2600||
曾雅琴|女|1992-09-17|4|1|011|wheelchair|软件测试 数据录入|软件测试 办公软件|30|8|2800|远程|
谢国平|男|1984-02-11|4|2|001|wheelchair|前台接待 行政文员|接待 办公软件|30|6|2300||
黎秀英|女|1981-12-05|4|2|010|wheelchair|会计 出纳|会计从业经验 办公软件|30|8|2500||
罗海波|男|1989-06-28|4|1|005|wheelchair|仓库管理员 记账员|仓库管理 电脑|30|5|2400||
唐春梅|女|1993-04-19|4|3|002|crutches|图书管理 文员|图书分类 电脑|30|6|2200||
周建华|男|1975-08-08|4|3|013|crutches|彩票销售 零售|收银 计算|42|12|2300||
胡美玲|女|1987-10-03|4|4|001|back|数据录入 记账员|会计 电脑打字|40|10|2400||
易志勇|男|1982-03-25|4|3|011|back|仓库管理员 质检员|电脑 仓库记账|40|8|2500||
邓丽萍|女|1991-07-14|4|4|010|back|客户服务 电话客服|普通话 电脑打字|40|8|2500||
黄德胜|男|1980-01-31|4|3|005|one_hand|快递分拣 理货员|分拣 装箱|48|6|2400||
刘桂兰|女|1985-05-06|4|4|002|one_hand|保洁员 后勤|保洁 整理物品|40|5|2200||
陈思远|男|1997-08-21|2|1|010|deaf|咖啡师 店员|咖啡制作 手语|36|8|2300||
杨晓琳|女|1994-02-27|2|2|011|deaf|平面设计 美工|平面设计 Photoshop 手语|40|10|3000|远程|
田文斌|男|1983-11-12|2|2|013|deaf|手工艺品制作 编织|手工编织 缝纫|40|10|2200||
吴淑芬|女|1978-06-16|2|3|001|hard_hearing|数据录入 文员|电脑打字 文字校对|40|8|2400||
孙浩然|男|1999-09-04|2|4|011|hard_hearing|电商客服 网店运营|网店运营 文字客服|40|6|2600|远程|
廖红霞|女|1990-12-22|3|3|010|speech|数据录入 电商客服|电脑打字 文字客服|36|10|2400|远程|
石磊|男|1986-04-13|3|4|005|speech|快递分拣 仓库|分拣 装箱|48|8|2500||
向小军|男|1996-10-10|5|3|002|steady|保洁员 图书整理|整理物品|30|5|2200||job_coach
邹丽娟|女|1998-03-03|5|3|013|steady|手工艺品制作 编织|手工编织|24|8|2200||job_coach
夏伟|男|1994-12-01|5|4|001|steady|超市理货 保洁员|整理物品 补货|30|6|2200||job_coach
熊佳怡|女|1993-06-09|6|3|011|calm|平面设计 数据录入|平面设计 办公软件|30|10|2800|远程|
万俊杰|男|1988-08-18|6|4|002|calm|图书整理 档案管理|档案整理 电脑|30|6|2200||
谭秋菊|女|1982-09-29|7|2|013|multiple|手工艺品制作|编织|20|5|2200||job_coach
段家豪|男|1977-07-07|7|1|011|multiple|手工艺品制作 文员|编织 电脑|20|8|2200||
莫春生|男|1976-02-02|4|3|100|back|农产品包装 电商打包|打包 农产品电商|40|10|2200||
葛翠英|女|1984-11-30|4|2|100|wheelchair|手工艺品制作|编织|30|5|2200||
钟晓峰|男|1991-05-15|1|3|100|low_vision|数据录入 电商客服|电脑打字|40|8|2400||
骆婷|女|1997-01-26|4|4|010|crutches|行政文员 前台接待|办公软件 接待|40|10|3600||
"""
# Graduates of 2026 (the ledger's cohort), born 2003–2004: their rows as above, then school,
# major and the work they want, as the university's list gives them.
GRADUATE_ROWS = """
黄子涵|女|2003-10-08|1|3|002|low_vision|软件测试 数据录入|软件测试 Python 办公软件|40|12|3000|远程|
李一鸣|男|2004-04-20|4|2|011|wheelchair|平面设计 美工|平面设计 插画|30|6|3000||
袁梦瑶|女|2003-12-16|2|3|001|hard_hearing|电商客服 数据录入|文字客服 电脑打字|40|8|2600|远程|
"""
SCHOOLS = (
    ("湖南大学", "软件工程", "软件测试、数据录入"),
    ("湖南师范大学", "视觉传达设计", "平面设计"),
    ("中南大学", "电子商务", "电商客服、运营"),
)


def _seeker(line: str) -> Seeker:
    name, sex, born, category, grade, street, profile, jobs, skills, *rest = line.split("|")
    hours, commute, floor, remote, wants = rest
    return Seeker(
        name=name,
        sex="male" if sex == "男" else "female",
        born=date.fromisoformat(born),
        category=int(category),
        grade=int(grade),
        township=f"{YUELU}{street}",
        profile=profile,
        occupations=tuple(jobs.split()),
        skills=skills,
        hours=int(hours),
        commute=int(commute),
        floor=Decimal(floor).quantize(Decimal("0.01")),
        remote=remote == "远程",
        wants=tuple(wants.split()),
    )


SEEKERS: tuple[Seeker, ...] = tuple(_seeker(line) for line in ROWS.split("\n") if line)
GRADUATES: tuple[Seeker, ...] = tuple(_seeker(line) for line in GRADUATE_ROWS.split("\n") if line)
