"""The demo's over-quota reward (超比例奖励) in Hunan, whose rule pays the excess over the quota
× the current local monthly minimum wage × 6 (湘政办发〔2025〕52号; docs/rules.md §4): an
employer of 长沙市岳麓区 with 60 staff and four counted persons (one severe, counted twice)
in 2025, its declaration certified by the county, the reward applied for by the employer and
approved by the county, waiting to be paid.

The reward needs 岳麓区's minimum wage on the assessment day: the demo's pending value (2,200 元
from 2025-09-01, entered by `admin`, demo/local_values.py) is approved by `hunan_admin`, and
长沙县's (2,000 元 from the same date, the same source) is entered by `hunan_admin` and left
waiting, so the 本地参数 page still shows a value awaiting a second person.

Its roster's persons are demo registry persons of 济宁 no other demo roster names (people work
far from home). Accounts: `hunan_admin` (湖南省), `yuelu_admin` (岳麓区) and `yuelu_employer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.concentrated import on_a_roster
from ablework.demo.local_values import YUELU_MINIMUM_WAGE, DemoLocalValue
from ablework.demo.rosters import ASSESSED_ON, Employee, roster_of
from ablework.demo.seeding import DEMO_PASSWORD, create_account, working_age_holders
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.employers.services.register import EmployerDetails, create_employer
from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.parameters.services import approve_local_value, propose_local_value
from ablework.quota.inputs import DeclarationInput, Headcount
from ablework.quota.models import Declaration
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration
from ablework.registry.models import Person
from ablework.rewards.models import RewardApplication
from ablework.rewards.services import apply_for_reward, approve_reward

YEAR = 2025
YUELU = "430104"
HUNAN_ACCOUNTS: tuple[tuple[str, str, str, str], ...] = (
    ("hunan_admin", Role.PROVINCE_ADMIN, "430000", "湖南省残联管理员"),
    ("yuelu_admin", Role.COUNTY_ADMIN, YUELU, "长沙市岳麓区残联管理员"),
    ("yuelu_employer", Role.EMPLOYER, "", "用人单位经办人（长沙市岳麓区）"),
)
CHANGSHA_COUNTY_MINIMUM_WAGE = DemoLocalValue(
    name="wages.minimum_wage_monthly",
    region="430121",
    effective_from=date(2025, 9, 1),
    value="2000",
    reference=(
        "长沙市人社局2025年第1号文件（据 talent-spot.com 转述）：长沙县、浏阳等第二档"
        "月最低工资标准 2,000 元，2025-09-01 起；未见原文 [S]"
    ),
    maker="hunan_admin",
    checker=None,
)


@dataclass(frozen=True)
class DemoReward:
    employer: Employer
    declaration: Declaration
    application: RewardApplication


def _roster_persons() -> list[Person]:
    """One severe (grade 1–2) and three other holders no demo roster names."""
    free = working_age_holders().filter(~on_a_roster()).order_by("-pk")
    severe = list(free.filter(disability_grade__in=(1, 2))[:1])
    others = list(free.filter(disability_grade__in=(3, 4))[:3])
    if len(severe) < 1 or len(others) < 3:
        raise ValueError("The demo data has too few persons for the Hunan reward.")
    return severe + others


def seed_rewards(accounts: dict[str, User], *, password: str = DEMO_PASSWORD) -> DemoReward:
    """The Hunan accounts, local values, employer, declaration and reward (see above)."""
    with transaction.atomic():
        for account in HUNAN_ACCOUNTS[:2]:
            accounts[account[0]] = create_account(account, password=password)
        hunan, yuelu = accounts["hunan_admin"], accounts["yuelu_admin"]
        pending = LocalParameterValue.objects.get(
            name=YUELU_MINIMUM_WAGE.name,
            region_code=YUELU_MINIMUM_WAGE.region,
            status=LocalValueStatus.PENDING,
        )
        approve_local_value(hunan, pending.pk)
        item = CHANGSHA_COUNTY_MINIMUM_WAGE
        propose_local_value(
            hunan,
            name=item.name,
            region=item.region,
            effective_from=item.effective_from,
            value=item.value,
            reference=item.reference,
        )
        employer = create_employer(
            actor=yuelu,
            details=EmployerDetails(
                name="长沙麓谷精密电子有限公司",
                uscc=uscc_with_check("914301040000A7X5"),
                kind="enterprise",
                county_code=YUELU,
                staff_count=60,
                address="长沙市岳麓区麓谷大道",
                industry="C",
            ),
        )
        user = create_account(HUNAN_ACCOUNTS[2], password=password, employer=employer)
        accounts[user.username] = user
        employees = [Employee(person=p, wage=Decimal("4600.00")) for p in _roster_persons()]
        declaration, _ = submit_declaration(
            actor=user,
            declaration=DeclarationInput(
                employer=employer.uscc,
                levy_year=YEAR,
                headcount=Headcount(monthly=(60,) * 12),
                wage_total=Decimal("4680000.00"),
                roster=roster_of(employees),
            ),
            today=ASSESSED_ON,
        )
        declaration = certify_declaration(
            actor=yuelu, declaration_id=declaration.pk, version=declaration.version
        )
        application = apply_for_reward(actor=user, declaration_id=declaration.pk)
        application = approve_reward(
            actor=yuelu, application_id=application.pk, version=application.version
        )
    return DemoReward(employer=employer, declaration=declaration, application=application)
