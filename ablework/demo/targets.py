"""The demo's targets: the seed plans' own figures (../shared/seeds), each with its document and
section quoted as the seed text writes them and the words it says in the note, entered and
approved by two people through the indicators services (audited); and 济宁市's 8000 split by
staff to four of its counties — three approved, 邹城市's waiting for a second person — so the
split check says 尚未分解完.

Only figures that are in the seed texts. Not loaded: the national plan's 100万人 (001, 一、任务
目标), since the region tree has no country above the provinces; 济宁's 公益岗位10％ (a share of
posts developed outside the system, not an indicator offered); 江津's 100% graduates'
registration and service (not an indicator offered yet)."""

from __future__ import annotations

from dataclasses import dataclass

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.indicators.models import Target, TargetSource
from ablework.indicators.services.targets import TargetFigures, approve_target, propose_target

# The second person who approves the plans' figures `admin` enters for regions no demo
# administrator works in (吉林, 辽宁, 重庆市江津区, 湖州, 金华, 湖南).
TARGETS_CHECKER_ACCOUNT: tuple[str, str, str, str] = (
    "plans_checker",
    Role.SYSTEM_ADMIN,
    "",
    "系统管理员（复核规划目标）",
)

JINING = "济宁市促进残疾人就业三年行动实施方案（2023—2025年）"
JILIN = "吉林省残疾人就业促进“十三五”实施方案"
LIAONING = "辽宁省促进残疾人就业三年行动方案（2022—2024年）"
JIANGJIN = "江津区促进残疾人就业三年行动（2022－2024年）重点任务实施方案（江津府办发〔2023〕15号）"
# 001 gathers five plans under one title and heads each only with its number; the place is the
# plan's own words (its basis, 湖州市…规划, 湘政发…, 金华市…规划).
COLLECTION = "2023年残疾人就业援助活动实施方案(精选5篇)"
HUZHOU = f"{COLLECTION}·残疾人就业援助活动实施方案2（湖州市）"
HUNAN = f"{COLLECTION}·残疾人就业援助活动实施方案4（湖南省）"
JINHUA = f"{COLLECTION}·残疾人就业援助活动实施方案5（金华市）"
ZHEJIANG_YEARS = (
    "原文写“到2025年”；起始年度按其所依据的浙江省促进残疾人就业行动方案（2022—2025年）。"
)


@dataclass(frozen=True)
class PlanTarget:
    region: str
    indicator: str
    first_year: int
    last_year: int
    value: str
    document: str
    section: str
    words: str  # the plan's own words, quoted in the note
    maker: str  # username
    checker: str
    more: str = ""  # how the years were read, when the text does not write them


PLAN_TARGETS = (
    PlanTarget(
        "370800",
        "new_employment",
        2023,
        2025,
        "8000",
        JINING,
        "一、工作目标",
        "2023—2025年全市实现城乡新增残疾人就业8000人以上",
        "jining_admin",
        "shandong_checker",
    ),
    PlanTarget(
        "370800",
        "employment_rate",
        2023,
        2025,
        "60",
        JINING,
        "一、工作目标",
        "就业年龄段持证残疾人就业率达到60％以上",
        "jining_admin",
        "shandong_checker",
    ),
    *(
        PlanTarget(
            "220000",
            indicator,
            2016,
            2020,
            value,
            JILIN,
            "二、任务目标",
            words,
            "admin",
            "plans_checker",
            "原文写“十三五”期间，即2016—2020年。",
        )
        for indicator, value, words in (
            ("new_urban_employment", "35000", "城镇新增残疾人就业3.5万人"),
            ("training_attendances", "100000", "培训残疾人10万人（次）以上"),
        )
    ),
    PlanTarget(
        "210000",
        "new_employment",
        2022,
        2024,
        "30000",
        LIAONING,
        "一、总体要求",
        "2022—2024年实现全省城乡新增残疾人就业3万人",
        "admin",
        "plans_checker",
    ),
    PlanTarget(
        "210000",
        "training_attendances",
        2022,
        2024,
        "45000",
        LIAONING,
        "一、总体要求",
        "实现城乡残疾人培训4.5万人",
        "admin",
        "plans_checker",
        "原文按人计；本指标按培训人次统计。",
    ),
    PlanTarget(
        "500116",
        "new_employment",
        2022,
        2024,
        "1500",
        JIANGJIN,
        "三、监督落实",
        "确保实现2022-2024年城乡新增残疾人就业不少于1500人的目标",
        "admin",
        "plans_checker",
    ),
    PlanTarget(
        "430000",
        "new_employment",
        2022,
        2024,
        "49000",
        HUNAN,
        "一、任务目标",
        "2022—2024年全省共实现城乡新增残疾人就业4.9万人",
        "admin",
        "plans_checker",
    ),
    *(
        PlanTarget(
            region,
            indicator,
            2022,
            2025,
            value,
            document,
            section,
            words,
            "admin",
            "plans_checker",
            ZHEJIANG_YEARS,
        )
        for region, document, section, indicator, value, words in (
            (
                "330500",
                HUZHOU,
                "一、主要目标",
                "new_employment",
                "3000",
                "到2025年,全市累计新增残疾人就业3000人以上",
            ),
            (
                "330500",
                HUZHOU,
                "一、主要目标",
                "new_public_welfare_posts",
                "600",
                "新增残疾人公益性岗位600个以上",
            ),
            (
                "330500",
                HUZHOU,
                "一、主要目标",
                "employment_rate",
                "65",
                "劳动年龄段持证残疾人就业率达到65%以上",
            ),
            (
                "330700",
                JINHUA,
                "一、任务目标",
                "new_employment",
                "5000",
                "到2025年,全市新增残疾人就业5000人以上",
            ),
            (
                "330700",
                JINHUA,
                "一、任务目标",
                "new_public_welfare_posts",
                "500",
                "新增残疾人公益性岗位500个以上",
            ),
            (
                "330700",
                JINHUA,
                "一、任务目标",
                "employment_rate",
                "60",
                "劳动年龄段持证残疾人就业率达到60%以上",
            ),
        )
    ),
)

SPLIT_DOCUMENT = "济宁市残联2023—2025年城乡新增残疾人就业目标分解（演示数据）"
SPLIT_NOTE = "规划未把8000人分到各县（市、区），此数由市残联工作人员分解录入。"
# 济宁市's 8000 given to four counties: 6,500 in all, so 1,500 are not distributed yet.
SPLIT = (("370811", "3000"), ("370812", "1500"), ("370826", "1000"))
SPLIT_PENDING = ("370883", "1000")  # 邹城市: waiting for a second administrator


def seed_targets_demo(accounts: dict[str, User]) -> list[Target]:
    """The plans' targets (approved) and 济宁市's split; returns the targets in that order."""
    accounts = dict(accounts)
    if TARGETS_CHECKER_ACCOUNT[0] not in accounts:
        accounts[TARGETS_CHECKER_ACCOUNT[0]] = create_account(
            TARGETS_CHECKER_ACCOUNT, password=DEMO_PASSWORD
        )
    rows = []
    for item in PLAN_TARGETS:
        note = f"原文：“{item.words}”。{item.more}"
        target = propose_target(
            actor=accounts[item.maker],
            region_code=item.region,
            indicator=item.indicator,
            first_year=item.first_year,
            last_year=item.last_year,
            figures=TargetFigures(
                value=item.value,
                source=TargetSource.PLAN,
                document=item.document,
                section=item.section,
                note=note,
            ),
        )
        rows.append(
            approve_target(
                actor=accounts[item.checker], target_id=target.pk, version=target.version
            )
        )
    city_admin = accounts["jining_admin"]
    for county, value in (*SPLIT, SPLIT_PENDING):
        part = propose_target(
            actor=city_admin,
            region_code=county,
            indicator="new_employment",
            first_year=2023,
            last_year=2025,
            figures=TargetFigures(
                value=value, source=TargetSource.STAFF, document=SPLIT_DOCUMENT, note=SPLIT_NOTE
            ),
        )
        if (county, value) != SPLIT_PENDING:
            part = approve_target(
                actor=accounts["shandong_checker"], target_id=part.pk, version=part.version
            )
        rows.append(part)
    return rows
