"""A small market in 长沙市岳麓区 for the referral tests: the county's minimum wage (2,200 元 from
2025-09-01) recorded as an approved local value, so its postings enter a market; Hunan's
escalation rule (three referrals without a job) applies there. A counsellor of the county, the
demo employer's account posting a job in it, and a job seeker who reads the screen with a
screen reader and cannot read print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.matching.models import JobPosting
from ablework.matching.services.postings import create_posting
from ablework.matching.services.referrals import ConsentInput, refer_person
from ablework.parameters.services import propose_local_value
from ablework.registry.models import Person
from tests.matching.factories import details
from tests.matching.seekers import record_seeker
from tests.registry.factories import PersonFactory

YUELU = "430104"
TODAY = date(2026, 6, 15)
ABILITIES = {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}}


@dataclass
class Market:
    counsellor: User
    employer: User
    person: Person
    posting: JobPosting

    def post(self, **changes: Any) -> JobPosting:
        return post_job(self.employer, **changes)


def post_job(employer: User, **changes: Any) -> JobPosting:
    fields = {
        "county_code": YUELU,
        "township_code": "",
        "address": "岳麓区麓山南路1号",
        "valid_from": TODAY - timedelta(days=30),
        "valid_until": TODAY + timedelta(days=90),
        **changes,
    }
    return create_posting(
        actor=employer, employer_id=employer.employer_id, details=details(**fields)
    )


def refer(market: Market, posting: JobPosting | None = None, **changes: Any):
    return refer_person(
        actor=changes.pop("actor", market.counsellor),
        person_id=changes.pop("person", market.person).pk,
        posting_id=(posting or market.posting).pk,
        source=changes.pop("source", "search"),
        consent=ConsentInput(how="written", on=TODAY),
    )


@pytest.fixture
def on_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The services' and pages' "today" is TODAY."""
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def market(demo_data: dict[str, User], on_today: date) -> Market:
    propose_local_value(
        None,
        name="wages.minimum_wage_monthly",
        region=YUELU,
        effective_from=date(2025, 9, 1),
        value="2200",
        reference="长沙市人社局2025年第1号文件：第一档月最低工资标准 2,200 元（测试）",
    )
    counsellor = create_account(
        ("yuelu_counsellor", Role.COUNSELLOR, YUELU, "岳麓区就业服务专员"), password=DEMO_PASSWORD
    )
    person = PersonFactory(name="湖南甲", county_code=YUELU, address="岳麓区麓山南路2号")
    record_seeker(counsellor, person, on=TODAY - timedelta(days=10), abilities=ABILITIES)
    employer = demo_data["employer_user"]
    return Market(
        counsellor=counsellor, employer=employer, person=person, posting=post_job(employer)
    )
