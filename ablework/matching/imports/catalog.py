"""The columns of a postings file: the same as the .xlsx export writes (matching/exports.py),
so an export can be corrected and imported again. Kinds, contracts, accommodations and demands
are written by their Chinese labels."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ablework.exchange.cells import (
    CellProblem,
    CellValue,
    Parser,
    amount_parser,
    cell_text,
    folded,
    parse_date,
    parse_region_code,
    parse_whole_number,
    text_parser,
)
from ablework.exchange.choices import chinese, choice_of, labels_of
from ablework.exchange.columns import Column, ColumnCatalog
from ablework.matching.models import ContractType, PostingKind
from ablework.support.vocabulary import Accommodation, Demand

KIND_LABELS: dict[str, str] = {
    **{chinese(label): value for value, label in PostingKind.choices},
    "定向招聘": PostingKind.TARGETED,
    "残疾人专岗": PostingKind.TARGETED,
    "公益岗": PostingKind.PUBLIC_WELFARE,
    "预留经营场所": PostingKind.RESERVED_OUTLET,
    "岗亭": PostingKind.RESERVED_OUTLET,
    "摊位": PostingKind.RESERVED_OUTLET,
    "彩票销售点": PostingKind.RESERVED_OUTLET,
    "烟草零售点": PostingKind.RESERVED_OUTLET,
    "辅助性就业": PostingKind.AUXILIARY,
}
CONTRACT_LABELS: dict[str, str] = {
    **{chinese(label): value for value, label in ContractType.choices},
    "劳动合同": ContractType.FIXED_TERM,
    "劳务协议": ContractType.SERVICE_AGREEMENT,
    "经营协议": ContractType.OPERATING_AGREEMENT,
    "非全日制": ContractType.PART_TIME,
}
_SEPARATORS = re.compile(r"[、，,；;/\s]+")


def _codes_parser(choices: type[Accommodation] | type[Demand], what: str) -> Parser:
    """A list of vocabulary labels (or codes) separated by 、 or commas → their codes."""
    table = {folded(chinese(item.label)): item.value for item in choices}
    table.update({item.value: item.value for item in choices})
    allowed = "、".join(chinese(item.label) for item in choices)

    def parse(value: CellValue) -> tuple[str, ...] | None:
        text = cell_text(value)
        if not text:
            return None
        codes: list[str] = []
        for part in _SEPARATORS.split(text):
            if not part:
                continue
            code = table.get(folded(part))
            if code is None:
                raise CellProblem(f"{what}“{part}”不在可选范围内：应为 {allowed}，用“、”分隔")
            if code not in codes:
                codes.append(code)
        return tuple(codes)

    return parse


def parse_coordinate(value: CellValue) -> Decimal | None:
    """Degrees as a decimal number (35.414982), at most six decimals."""
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "").removesuffix("°")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellProblem(f"“{text}”不是经纬度数值，请写成 35.414982 这样的小数（度）") from None
    if number != number.quantize(Decimal("0.000001")):
        raise CellProblem(f"“{text}”最多保留6位小数")
    return number


WAGE = amount_parser(Decimal("1000000"))

POSTING_CATALOG = ColumnCatalog(
    (
        Column(
            key="employer_uscc",
            header="统一社会信用代码",
            variants=("招聘单位统一社会信用代码", "单位统一社会信用代码", "信用代码"),
            parse=text_parser(24),
            required=True,
            format="招聘单位的18位代码，单位须已登记在您的辖区",
            example="91370811MA3C000019",
            purpose="确定招聘单位",
            width=22,
        ),
        Column(
            key="title",
            header="岗位名称",
            variants=("招聘岗位", "岗位"),
            parse=text_parser(100),
            required=True,
            format="最多100个字",
            example="电话客服专员",
            purpose="岗位名称；同一单位、同一名称、同一起始日期的岗位视为同一个",
            width=20,
        ),
        Column(
            key="occupation",
            header="职业（工种）",
            variants=("职业", "工种"),
            parse=text_parser(100),
            format="最多100个字",
            example="客户服务",
            purpose="匹配求职者的职业意向",
        ),
        Column(
            key="kind",
            header="岗位类型",
            parse=choice_of(KIND_LABELS, "岗位类型", PostingKind.choices),
            required=True,
            format="四类之一",
            example="残疾人定向招聘岗位",
            purpose="统计各类岗位",
            choices=labels_of(PostingKind.choices),
            width=24,
        ),
        Column(
            key="tasks",
            header="工作内容",
            variants=("岗位职责", "工作职责", "岗位描述"),
            parse=text_parser(2000),
            required=True,
            format="用平实的话写每天要做的事，最多2000个字",
            example="接听客户来电，在电脑上记录工单",
            purpose="求职者了解工作；匹配技能",
            width=40,
        ),
        Column(
            key="county_code",
            header="县级区划代码",
            variants=("工作地点县级区划代码", "所属县级区划代码"),
            parse=parse_region_code,
            required=True,
            format="工作地点所在县的6位代码",
            example="370811",
            purpose="工作地点；最低工资标准按该县的执行",
            width=10,
        ),
        Column(
            key="township",
            header="乡镇（街道）",
            variants=("工作地点乡镇（街道）", "乡镇街道"),
            parse=text_parser(64),
            format="名称或9位代码，可不填",
            example="古槐街道",
            purpose="工作地点；没有坐标时按其中心计算距离",
        ),
        Column(
            key="address",
            header="工作地址",
            variants=("地址", "工作地点"),
            parse=text_parser(200),
            format="最多200个字",
            example="任城区古槐路88号",
            purpose="求职者前往面试和上班",
            width=30,
        ),
        Column(
            key="latitude",
            header="纬度",
            parse=parse_coordinate,
            format="小数（度），与经度一起填写，可不填",
            example="35.414982",
            purpose="计算通勤距离",
        ),
        Column(
            key="longitude",
            header="经度",
            parse=parse_coordinate,
            format="小数（度），与纬度一起填写，可不填",
            example="116.587282",
            purpose="计算通勤距离",
        ),
        Column(
            key="wage_min",
            header="月工资下限（元）",
            variants=("月工资下限", "最低月工资", "工资下限"),
            parse=WAGE,
            required=True,
            format="金额，到分；不能低于当地月最低工资标准",
            example="2600.00",
            purpose="工资待遇",
        ),
        Column(
            key="wage_max",
            header="月工资上限（元）",
            variants=("月工资上限", "最高月工资", "工资上限"),
            parse=WAGE,
            required=True,
            format="金额，到分；不低于下限",
            example="3400.00",
            purpose="工资待遇",
        ),
        Column(
            key="hours_per_week",
            header="每周工作小时数",
            variants=("每周工时", "周工时"),
            parse=parse_whole_number,
            required=True,
            format="整数，1 到 84",
            example="40",
            purpose="与求职者能接受的工时比对",
        ),
        Column(
            key="schedule",
            header="工作时间安排",
            variants=("工作时间", "班次"),
            parse=text_parser(100),
            format="最多100个字",
            example="周一至周五 8:30—17:30",
            purpose="求职者了解工作时间",
            width=24,
        ),
        Column(
            key="contract_type",
            header="用工形式",
            variants=("合同类型", "用工方式"),
            parse=choice_of(CONTRACT_LABELS, "用工形式", ContractType.choices),
            required=True,
            format="六种之一",
            example="固定期限劳动合同",
            purpose="求职者了解用工形式",
            choices=labels_of(ContractType.choices),
            width=20,
        ),
        Column(
            key="openings",
            header="招聘人数",
            parse=parse_whole_number,
            required=True,
            format="整数，1 到 999",
            example="3",
            purpose="还可录用的人数",
        ),
        Column(
            key="openings_filled",
            header="已录用人数",
            parse=parse_whole_number,
            format="整数，可不填（记为0）",
            example="0",
            purpose="统计招聘完成情况",
        ),
        Column(
            key="valid_from",
            header="有效期起",
            variants=("开始日期", "发布日期"),
            parse=parse_date,
            required=True,
            format="日期，例如 2026-06-01",
            example="2026-06-01",
            purpose="最低工资标准按这一天的执行",
        ),
        Column(
            key="valid_until",
            header="有效期至",
            variants=("截止日期", "结束日期"),
            parse=parse_date,
            required=True,
            format="日期，不早于起始日期",
            example="2026-09-30",
            purpose="过了这一天岗位自动结束",
        ),
        Column(
            key="offers",
            header="无障碍设施和便利条件",
            variants=("便利条件", "无障碍设施"),
            parse=_codes_parser(Accommodation, "便利条件"),
            format="用“、”分隔，可不填",
            example="无障碍通道、读屏软件、弹性工时",
            purpose="匹配求职者需要的便利条件",
            choices=tuple(chinese(item.label) for item in Accommodation),
            width=30,
        ),
        Column(
            key="essential",
            header="必须具备的工作要求",
            variants=("必备要求",),
            parse=_codes_parser(Demand, "工作要求"),
            format="用“、”分隔，可不填",
            example="阅读屏幕文字、电话沟通",
            purpose="求职者能做到（或借助便利条件能做到）才会被推荐",
            choices=tuple(chinese(item.label) for item in Demand),
            width=30,
        ),
        Column(
            key="adjustable",
            header="可以调整的工作要求",
            variants=("可调整要求",),
            parse=_codes_parser(Demand, "工作要求"),
            format="用“、”分隔，可不填",
            example="阅读纸质文字",
            purpose="做不到也可以，单位会调整",
            choices=tuple(chinese(item.label) for item in Demand),
            width=30,
        ),
    ),
    ignored=("序号", "招聘单位", "县（市、区）", "状态", "备注"),
)

# The columns the header must name.
REQUIRED = tuple(column.key for column in POSTING_CATALOG.columns if column.required)
