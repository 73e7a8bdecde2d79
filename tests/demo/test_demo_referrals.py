"""The demo's referrals (ablework/demo/referrals.py): one in every state, in 任城区 and 岳麓区,
each seen by the accounts the README names; the hire shows in the registry. One test: the
fixture seeds a market and runs its batch."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.accounts.models import User
from ablework.demo.escalation import seed_escalation_demo
from ablework.demo.local_values import seed_local_values
from ablework.demo.market import seed_market_demo
from ablework.demo.postings import seed_postings_demo
from ablework.demo.referrals import HIRED, seed_referrals_demo
from ablework.demo.rewards import seed_rewards
from ablework.matching.models import PostingStatus, ReferralState
from ablework.matching.selectors.referral_pages import listed_referrals
from ablework.registry.models import EmploymentPeriod, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def referrals(demo_data: dict[str, User]) -> Any:
    """What `ablework demo` seeds before the referrals for 任城区 and 岳麓区 (without the quota
    demo's other declarations): the local values and the Hunan accounts with `yuelu_employer`,
    the escalation persons, 济宁's postings, then 岳麓区's market and batch."""
    seed_local_values(demo_data)
    seed_rewards(demo_data)
    seed_escalation_demo(demo_data)
    seed_postings_demo(demo_data)
    seed_market_demo(demo_data)
    return seed_referrals_demo(demo_data)


def _titles_by_state(user: User) -> dict[str, list[str]]:
    rows = listed_referrals(user)
    return {
        state: sorted(r.posting.title for r in rows.filter(state=state)) for state in ReferralState
    }


def test_every_state_is_there_each_seen_by_its_accounts_and_the_hire_is_in_the_registry(
    referrals, demo_data
):
    rencheng = _titles_by_state(demo_data["rencheng_counsellor"])
    yuelu = _titles_by_state(demo_data["yuelu_counsellor"])
    assert rencheng == {
        "requested": ["电话客服专员"],
        "referred": [],
        "interview": [],
        "hired": [],
        "not_hired": [],
        "withdrawn": ["社区公益保洁员"],
    }
    assert yuelu == {
        "requested": [],
        "referred": ["物业客服（电话）"],
        "interview": ["电商客服（居家）"],
        "hired": ["仓库记账员"],
        "not_hired": ["仓库记账员"],
        "withdrawn": ["软件测试员"],
    }
    assert referrals.requested.person_id == demo_data["person_user"].person_id
    assert referrals.requested.consent_how == "online"
    assert referrals.not_hired.steps.last().reason == "skills"
    # employer_user's 电话客服专员 was only asked for: the request waits for the counsellor
    assert not listed_referrals(demo_data["employer_user"]).exists()
    own = listed_referrals(demo_data["yuelu_employer"])
    assert sorted(own.values_list("state", flat=True)) == ["hired", "not_hired"]
    # the hire: the registry says 已就业 with the employer from the start day
    person = Person.objects.get(pk=referrals.hired.person_id)
    assert person.name == HIRED
    employer = referrals.hired.posting.employer
    assert person.employment_status == "employed"
    period = EmploymentPeriod.objects.get(person=person, ended_on__isnull=True)
    assert period.employer_name == employer.name == "长沙麓谷精密电子有限公司"
    assert period.started_on == referrals.hired.steps.last().started_on
    referrals.hired.posting.refresh_from_db()
    assert referrals.hired.posting.status == PostingStatus.FILLED
