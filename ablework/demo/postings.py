"""The demo's job postings (招聘岗位) for 济宁's demo employers, posted through the services as
the people who would post them: the demo employer's own account, 任城区's and 微山县's
counsellors and the city's administrator. Each kind and each status is there: open postings of
the four kinds, a draft, one filled, one closed by hand and one closed by the daily job after
its last day. Dates follow today, so the open ones stay open. Wages are realistic for the city;
from 2023-10-01 no 济宁 minimum wage is known (docs/rules.md), so none is refused here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.employers.models import Employer
from ablework.matching.models import JobPosting
from ablework.matching.services.expiry import close_expired
from ablework.matching.services.postings import PostingDetails, close_posting, create_posting

RENCHENG, GUHUAI, WEISHAN, QUFU = "370811", "370811001", "370826", "370881"


@dataclass(frozen=True)
class DemoPosting:
    poster: str  # username
    county: str
    township: str
    title: str
    occupation: str
    tasks: str
    kind: str
    wage: tuple[str, str]
    hours: int
    schedule: str
    contract: str
    openings: int
    offers: tuple[str, ...]
    demands: dict[str, str] = field(default_factory=dict)
    address: str = ""
    filled: int = 0
    started_days_ago: int = 30
    lasts_days: int = 120
    draft: bool = False
    close: bool = False
    # which of the county's demo employers (by id order) posts it; the employer account's own
    # employer when the poster is `employer_user`
    employer_index: int = 0


DEMO_POSTINGS = (
    DemoPosting(
        poster="employer_user",
        county=RENCHENG,
        township=GUHUAI,
        title="电话客服专员",
        occupation="客户服务",
        tasks="接听客户来电，解答订单和配送问题，在电脑上记录工单；不需要外出。",
        kind="targeted",
        wage=("2600.00", "3400.00"),
        hours=40,
        schedule="周一至周五 8:30—17:30，午休1小时",
        contract="fixed_term",
        openings=3,
        filled=1,
        offers=("step_free", "accessible_toilet", "screen_reader", "flexible_hours"),
        demands={"read_screen": "essential", "phone": "essential", "read_print": "adjustable"},
        address="任城区古槐路88号二楼",
    ),
    DemoPosting(
        poster="employer_user",
        county=RENCHENG,
        township=GUHUAI,
        title="仓库分拣员",
        occupation="仓储分拣",
        tasks="按单据分拣小件商品、贴标签、装箱；货品都在10公斤以下。",
        kind="targeted",
        wage=("2400.00", "3000.00"),
        hours=44,
        schedule="两班倒，每班8小时，每周休一天",
        contract="fixed_term",
        openings=4,
        offers=("seat", "visual_alarm", "job_coach"),
        demands={"two_hands": "essential", "fine_hand": "adjustable", "stand_long": "adjustable"},
        draft=True,
        started_days_ago=-7,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township=GUHUAI,
        title="社区公益保洁员",
        occupation="保洁",
        tasks="负责社区公共区域的日常保洁和垃圾分类引导。",
        kind="public_welfare",
        wage=("2100.00", "2100.00"),
        hours=30,
        schedule="每天上午 7:00—12:00，周末轮休",
        contract="service_agreement",
        openings=2,
        offers=("flexible_hours", "job_coach"),
        demands={"walk_long": "adjustable", "stand_long": "adjustable"},
        employer_index=1,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township="",
        title="公交站报刊亭经营",
        occupation="零售",
        tasks="经营公交站旁的报刊亭，销售报刊、饮料和公交卡充值。",
        kind="reserved_outlet",
        wage=("2500.00", "4000.00"),
        hours=48,
        schedule="每天 7:00—19:00，可自行安排",
        contract="operating_agreement",
        openings=1,
        offers=("step_free", "seat", "flexible_hours"),
        demands={
            "numeracy": "essential",
            "customer_contact": "essential",
            "stand_long": "adjustable",
        },
        address="任城区太白楼中路公交站",
        employer_index=2,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township="",
        title="福利彩票销售员",
        occupation="彩票销售",
        tasks="在彩票销售点为顾客出票、兑奖，每天核对账目。",
        kind="reserved_outlet",
        wage=("2300.00", "3200.00"),
        hours=42,
        schedule="每天 9:00—16:00",
        contract="operating_agreement",
        openings=1,
        filled=1,
        offers=("step_free", "accessible_toilet", "seat"),
        demands={
            "numeracy": "essential",
            "read_screen": "essential",
            "customer_contact": "essential",
        },
        employer_index=2,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township=GUHUAI,
        title="手工编织（辅助性就业）",
        occupation="手工制作",
        tasks="在辅助性就业机构里编织草编工艺品，有就业辅导员一起工作。",
        kind="auxiliary",
        wage=("2100.00", "2400.00"),
        hours=24,
        schedule="周一至周五 9:00—14:00",
        contract="service_agreement",
        openings=6,
        filled=2,
        offers=("step_free", "accessible_toilet", "quiet_space", "job_coach", "assistive_tools"),
        demands={"fine_hand": "adjustable", "two_hands": "adjustable"},
        employer_index=3,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township="",
        title="数据录入员",
        occupation="数据录入",
        tasks="把纸质单据录入电脑系统，核对后提交。",
        kind="targeted",
        wage=("2500.00", "2900.00"),
        hours=40,
        schedule="周一至周五 9:00—17:00",
        contract="fixed_term",
        openings=2,
        offers=("magnifier", "adjustable_desk", "remote_work"),
        demands={"read_print": "essential", "read_screen": "essential"},
        close=True,
        employer_index=4,
    ),
    DemoPosting(
        poster="rencheng_counsellor",
        county=RENCHENG,
        township="",
        title="超市理货员（春节临时）",
        occupation="理货",
        tasks="春节期间整理货架、补货，检查商品保质期。",
        kind="targeted",
        wage=("2300.00", "2600.00"),
        hours=40,
        schedule="每天 8:00—16:00",
        contract="part_time",
        openings=3,
        offers=("seat",),
        demands={"stand_long": "essential", "lift_10kg": "adjustable"},
        started_days_ago=150,
        lasts_days=60,
        employer_index=5,
    ),
    DemoPosting(
        poster="weishan_counsellor",
        county=WEISHAN,
        township="",
        title="盲人按摩师",
        occupation="保健按摩",
        tasks="为顾客提供保健按摩服务，按预约时间工作。",
        kind="targeted",
        wage=("2500.00", "5000.00"),
        hours=40,
        schedule="每天 10:00—20:00 轮班",
        contract="fixed_term",
        openings=2,
        offers=("braille", "screen_reader", "step_free"),
        demands={
            "customer_contact": "essential",
            "two_hands": "essential",
            "read_print": "adjustable",
        },
    ),
    DemoPosting(
        poster="weishan_counsellor",
        county=WEISHAN,
        township="",
        title="公益性岗位：村级残疾人专职委员",
        occupation="社区服务",
        tasks="走访本村残疾人，了解需求，协助办理证件和补贴申请。",
        kind="public_welfare",
        wage=("2000.00", "2000.00"),
        hours=20,
        schedule="每周约20小时，时间灵活",
        contract="service_agreement",
        openings=5,
        filled=3,
        offers=("flexible_hours", "text_chat"),
        demands={"speak": "essential", "walk_long": "adjustable"},
    ),
    DemoPosting(
        poster="jining_admin",
        county=QUFU,
        township="",
        title="景区电商客服（居家）",
        occupation="电商客服",
        tasks="在网店后台用文字回复顾客咨询，处理退换货申请，可在家工作。",
        kind="targeted",
        wage=("2300.00", "3000.00"),
        hours=36,
        schedule="每天6小时，排班",
        contract="part_time",
        openings=5,
        offers=("remote_work", "text_chat", "screen_reader", "flexible_hours"),
        demands={"read_screen": "essential", "phone": "adjustable", "fast_pace": "adjustable"},
    ),
)


def _employer(item: DemoPosting, accounts: dict[str, User]) -> Employer:
    if item.poster == "employer_user":
        employer = accounts["employer_user"].employer
        assert employer is not None
        return employer
    own = accounts["employer_user"].employer_id
    employers = (
        Employer.objects.filter(county_code=item.county).exclude(pk__in=[own]).order_by("pk")
    )
    return employers[item.employer_index % employers.count()]


def _details(item: DemoPosting, today: date) -> PostingDetails:
    starts = today - timedelta(days=item.started_days_ago)
    return PostingDetails(
        title=item.title,
        occupation=item.occupation,
        tasks=item.tasks,
        kind=item.kind,
        county_code=item.county,
        township_code=item.township,
        address=item.address,
        wage_min=Decimal(item.wage[0]),
        wage_max=Decimal(item.wage[1]),
        hours_per_week=item.hours,
        schedule=item.schedule,
        contract_type=item.contract,
        openings=item.openings,
        openings_filled=item.filled,
        valid_from=starts,
        valid_until=starts + timedelta(days=item.lasts_days),
        offers=item.offers,
        demands=item.demands,
        draft=item.draft,
    )


def seed_postings_demo(accounts: dict[str, User]) -> list[JobPosting]:
    """Post DEMO_POSTINGS through the services, close the one closed by hand, then run the
    daily close of expired postings (audited as the system); returns the postings."""
    today = timezone.localdate()
    postings = []
    with transaction.atomic():
        for item in DEMO_POSTINGS:
            actor = accounts[item.poster]
            posting = create_posting(
                actor=actor,
                employer_id=_employer(item, accounts).pk,
                details=_details(item, today),
            )
            if item.close:
                posting = close_posting(actor=actor, posting=posting, on=today)
            postings.append(posting)
        close_expired(on=today)
    return list(JobPosting.objects.filter(pk__in=[p.pk for p in postings]).order_by("pk"))
