"""The caseload the demo's records of the "四个一" describe (`support_records.py` records it
through the services): each case one person's state — which records, how long ago, with what
content — in the matching contract's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field

from ablework.support.vocabulary import AbilityValue

COUNSELLOR, TOWNSHIP, WEISHAN = "rencheng_counsellor", "rencheng_township", "weishan_counsellor"
WORKER_NAMES = {COUNSELLOR: "李娜", TOWNSHIP: "王强", WEISHAN: "赵敏"}

SCREEN_READER: dict[str, AbilityValue] = {
    "read_print": "cannot",
    "read_screen": {"with": ["screen_reader", "magnifier"]},
    "drive": "cannot",
    "walk_long": {"with": ["job_coach"]},
}
WHEELCHAIR: dict[str, AbilityValue] = {
    "stand_long": "cannot",
    "walk_long": "cannot",
    "stairs": "cannot",
    "lift_10kg": "cannot",
    "customer_contact": {"with": ["adjustable_desk"]},
}
DEAF: dict[str, AbilityValue] = {
    "hear_speech": {"with": ["sign_language", "captioning"]},
    "phone": {"with": ["text_chat"]},
    "speak": {"with": ["text_chat"]},
}
STEADY_PACE: dict[str, AbilityValue] = {
    "fast_pace": "cannot",
    "numeracy": {"with": ["assistive_tools"]},
    "night_shift": "cannot",
    "customer_contact": {"with": ["job_coach"]},
}


@dataclass(frozen=True)
class Case:
    """One person's state: which records, how long ago (days), and their content."""

    worker: str
    check_days: int
    wants_work: bool = True
    assessment: tuple[dict[str, AbilityValue], tuple[str, ...], str, str] | None = None
    needs: tuple[tuple[str, ...], str, int, int, str, bool, tuple[str, ...]] | None = None
    services: tuple[tuple[int, str, str, str, str, str, int | None], ...] = field(default=())
    new_phone: str = ""


# assessment: (abilities, needs, pathway, summary);
# needs: (occupations, skills, hours a week, commute km, wage floor, remote, accommodations);
# services: (days ago, kind, channel, result, outcome, next step, due in days from the service)
CASES: tuple[Case, ...] = (
    Case(
        TOWNSHIP,
        60,
        assessment=(
            SCREEN_READER,
            ("screen_reader",),
            "competitive",
            "您会用读屏软件熟练操作电脑，普通话好，适合电话客服、文字录入一类的工作。"
            "纸质材料需要提供电子版。",
        ),
        needs=(("客户服务", "文字录入"), "电脑打字 普通话 读屏软件", 40, 10, "2200.00", True, ()),
        services=(
            (
                45,
                "referral",
                "phone",
                "not_hired",
                "推荐到济宁某电话客服中心，面试后未录用",
                "",
                None,
            ),
            (
                20,
                "referral",
                "on_site",
                "not_hired",
                "推荐到任城区某电商公司客服岗，单位暂缓招聘",
                "联系下一家有读屏软件的单位",
                10,
            ),
        ),
    ),
    Case(
        TOWNSHIP,
        50,
        assessment=(
            WHEELCHAIR,
            ("step_free", "accessible_toilet"),
            "competitive",
            "您坐轮椅，手部灵活，会计算和电脑操作，适合坐着完成的办公室工作。"
            "工作场所需要无障碍通道和无障碍卫生间。",
        ),
        needs=(
            ("会计", "行政文员"),
            "会计从业经验 办公软件",
            40,
            8,
            "2500.00",
            False,
            ("step_free", "accessible_toilet"),
        ),
        services=(
            (
                30,
                "referral",
                "on_site",
                "hired",
                "推荐到古槐街道某物业公司做出纳，已录用",
                "一个月后回访",
                30,
            ),
        ),
    ),
    Case(
        COUNSELLOR,
        40,
        assessment=(
            DEAF,
            ("visual_alarm",),
            "competitive",
            "您用手语和文字交流，手工精细，适合服装、手工制作一类的工作。工作场所需要有视觉报警。",
        ),
        needs=(
            ("服装制作", "手工艺品制作"),
            "缝纫 手工编织",
            40,
            15,
            "2100.00",
            False,
            ("visual_alarm",),
        ),
        services=(
            (
                25,
                "training",
                "online",
                "given",
                "推荐参加市残联手工编织培训班",
                "培训结束后推荐岗位",
                40,
            ),
        ),
    ),
    Case(
        COUNSELLOR,
        35,
        assessment=(
            STEADY_PACE,
            (),
            "supported",
            "您做事认真，适合节奏稳定的工作，刚开始需要就业辅导员陪同。建议先参加支持性就业。",
        ),
        needs=(("保洁", "超市理货"), "整理物品", 30, 5, "2010.00", False, ("job_coach",)),
        services=(
            (
                28,
                "guidance",
                "home_visit",
                "given",
                "入户讲解支持性就业，本人和家属同意参加",
                "",
                None,
            ),
            (
                14,
                "referral",
                "on_site",
                "not_hired",
                "推荐到某超市理货岗，试做后双方未达成一致",
                "联系辅助性就业机构",
                7,
            ),
        ),
    ),
    Case(
        COUNSELLOR,
        30,
        assessment=(
            {"lift_10kg": "cannot", "stand_long": {"with": ["seat"]}},
            (),
            "competitive",
            "您腰部不能负重，坐姿工作没有问题，适合仓库记账、质检一类的工作。",
        ),
        needs=(("质检员", "仓库管理员"), "叉车证（已过期） 电脑", 40, 12, "2400.00", False, ()),
    ),
    Case(COUNSELLOR, 20, new_phone="13905370011"),
    Case(COUNSELLOR, 18, wants_work=False),
    Case(
        COUNSELLOR,
        15,
        assessment=(
            {"night_shift": "cannot", "fast_pace": {"with": ["flexible_hours"]}},
            (),
            "self_employment",
            "您有做小生意的经验，身体条件适合灵活安排时间的工作，建议自主创业或灵活就业。",
        ),
        needs=(("网店经营",), "网上销售 摄影", 30, 0, "1800.00", True, ("flexible_hours",)),
        services=(
            (
                10,
                "entrepreneurship",
                "on_site",
                "given",
                "讲解创业补贴和贷款贴息政策",
                "协助准备创业补贴申请材料",
                14,
            ),
        ),
    ),
    Case(TOWNSHIP, 12, new_phone="13805370022"),
    Case(
        TOWNSHIP,
        9,
        services=((5, "policy", "phone", "given", "电话讲解灵活就业社会保险补贴", "", None),),
    ),
    Case(
        COUNSELLOR,
        7,
        assessment=(
            {"phone": {"with": ["text_chat"]}, "speak": {"with": ["text_chat"]}},
            (),
            "training_first",
            "您说话不方便，但读写很好，建议先参加电脑培训，再找文字类工作。",
        ),
    ),
    Case(COUNSELLOR, 3),
    Case(
        WEISHAN,
        25,
        assessment=(
            WHEELCHAIR,
            ("step_free", "accessible_toilet"),
            "auxiliary",
            "您坐轮椅，体力有限，建议先到辅助性就业机构做手工，每天工作半天。",
        ),
        needs=(
            ("手工艺品制作",),
            "编织",
            20,
            5,
            "1500.00",
            False,
            ("step_free", "accessible_toilet"),
        ),
        services=(
            (
                15,
                "assistance",
                "home_visit",
                "given",
                "入户了解情况，联系微山县辅助性就业机构",
                "陪同参观机构",
                10,
            ),
        ),
    ),
    Case(WEISHAN, 10),
)
# Which category of person each case looks for, so the demo's people are plausible (matching
# itself never reads the category): 1 视力, 4 肢体, 2 听力, 5 智力.
CATEGORY_OF = {0: 1, 1: 4, 2: 2, 3: 5, 4: 4, 12: 4}
