"""The columns of other departments' lists. Every list names people by resident ID (matched
through the lookup hash); the rest is the evidence the proposal shows."""

from __future__ import annotations

from ablework.exchange.cells import parse_date_or_month, parse_identifier, text_parser
from ablework.exchange.columns import Column, ColumnCatalog
from ablework.exchange.models import BatchKind

NAME = Column(
    key="name",
    header="姓名",
    parse=text_parser(64),
    required=True,
    format="与身份证一致",
    example="张三",
    purpose="与登记的姓名核对",
)
RESIDENT_ID = Column(
    key="resident_id",
    header="公民身份号码",
    variants=("身份证号", "身份证号码", "证件号码", "公民身份证号码", "社会保障号码", "社保卡号"),
    parse=parse_identifier,
    required=True,
    format="18位",
    example="37081119900101001X",
    purpose="与登记库比对（按加密的查找值，不保存未匹配的人）",
)
ORGANISATION = Column(
    key="organisation",
    header="参保单位",
    variants=("单位名称", "缴费单位", "参保单位名称", "工作单位"),
    parse=text_parser(200),
    format="单位全称",
    example="济宁市某某有限公司",
    purpose="按比例就业的依据",
)
INSURED_AS = Column(
    key="insured_as",
    header="参保身份",
    variants=("人员类别", "参保类型", "缴费类型", "参保人员类别"),
    parse=text_parser(64),
    format="如“企业职工”“灵活就业人员”",
    example="灵活就业人员",
    purpose="区分单位就业和灵活就业",
)
BUSINESS_NAME = Column(
    key="organisation",
    header="字号名称",
    variants=("个体工商户名称", "商户名称", "名称", "经营者字号"),
    parse=text_parser(200),
    format="个体工商户的字号",
    example="任城区张三便利店",
    purpose="个体就业的依据",
)


def _event(header: str, variants: tuple[str, ...], purpose: str) -> Column:
    return Column(
        key="event_date",
        header=header,
        variants=variants,
        parse=parse_date_or_month,
        format="日期或月份；不填时取比对当天",
        example="2026-03-01",
        purpose=purpose,
    )


DEPARTMENT_CATALOGS: dict[str, ColumnCatalog] = {
    BatchKind.DEATHS: ColumnCatalog(
        [
            NAME,
            RESIDENT_ID,
            _event("死亡日期", ("死亡时间", "注销日期", "户口注销日期"), "证件注销"),
        ],
        ignored=("序号", "性别", "备注"),
    ),
    BatchKind.MINIMUM_LIVING_ALLOWANCE: ColumnCatalog(
        [
            NAME,
            RESIDENT_ID,
            _event(
                "低保起始日期",
                ("享受低保起始日期", "纳入低保日期", "开始享受时间", "审批日期", "享受时间"),
                "低保家庭标记的起始日期",
            ),
        ],
        ignored=("序号", "低保证号", "户主姓名", "与户主关系", "保障人数", "备注"),
    ),
    BatchKind.SOCIAL_INSURANCE: ColumnCatalog(
        [
            NAME,
            RESIDENT_ID,
            ORGANISATION,
            INSURED_AS,
            _event(
                "参保日期",
                ("参保时间", "缴费起始月份", "开始缴费日期", "参保缴费起始时间", "缴费年月"),
                "就业起始日期",
            ),
        ],
        ignored=("序号", "险种", "缴费基数", "备注"),
    ),
    BatchKind.BUSINESS_REGISTRATION: ColumnCatalog(
        [
            NAME,
            RESIDENT_ID,
            BUSINESS_NAME,
            _event("登记日期", ("成立日期", "注册日期", "开业日期"), "个体就业起始日期"),
        ],
        ignored=("序号", "统一社会信用代码", "经营范围", "经营场所", "备注"),
    ),
}
