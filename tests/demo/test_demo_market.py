"""The demo's matching market in 长沙市岳麓区 (ablework/demo/market.py): a finished batch with
suggestions for most of its job seekers, none breaking a hard constraint, and the persons left
with none explained; 济宁's postings stay out of every market, with the reason in words."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.accounts.models import User
from ablework.demo.escalation import seed_escalation_demo
from ablework.demo.local_values import seed_local_values
from ablework.demo.market import seed_market_demo
from ablework.demo.market_jobs import MARKET_POSTINGS
from ablework.demo.market_people import GRADUATES, SEEKERS, YUELU
from ablework.demo.rewards import HUNAN_ACCOUNTS
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.matching.engine import read_market
from ablework.matching.engine.constraints import broken_constraints
from ablework.matching.models import (
    JobPosting,
    RecommendationEntry,
    RecommendationSuggestion,
    RunStatus,
)
from ablework.matching.selectors.market import build_market
from ablework.matching.selectors.wages import minimum_wage
from ablework.parameters.services import approve_local_value
from ablework.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(demo_data: dict[str, User]) -> Any:
    """The demo's market on top of demo_data, after what `ablework demo` does before it for
    岳麓区 (quicker than the whole quota demo): the Hunan accounts, the local values with
    岳麓区's minimum wage approved by `hunan_admin` (as demo/rewards.py does), and the two
    escalation persons of 岳麓区."""
    for account in HUNAN_ACCOUNTS[:2]:
        demo_data[account[0]] = create_account(account, password=DEMO_PASSWORD)
    pending = seed_local_values(demo_data)[1]
    approve_local_value(demo_data["hunan_admin"], pending.pk)
    seed_escalation_demo(demo_data)
    return seed_market_demo(demo_data)


def test_the_yuelu_batch_suggests_jobs_to_most_persons_none_breaking_a_hard_constraint(
    market: Any,
) -> None:
    assert market.status == RunStatus.SUCCEEDED
    assert market.region_code == YUELU
    assert market.started_by.username == "yuelu_counsellor"
    postings = JobPosting.objects.filter(county_code=YUELU)
    assert postings.count() == len(MARKET_POSTINGS)
    assert all(p.wage_min >= minimum_wage(YUELU, market.as_of).value for p in postings)
    assert market.postings_considered == len(MARKET_POSTINGS)
    assert market.postings_skipped == 0
    # the demo's seekers and graduates, and the two escalation persons (no assessment: skipped)
    assert market.persons_considered == len(SEEKERS) + len(GRADUATES)
    assert market.persons_skipped == 2
    share = market.persons_with_suggestions / market.persons_considered
    assert 0.7 <= share < 1, share
    without = RecommendationEntry.objects.filter(run=market, suggestions_count=0)
    assert without.exists()
    assert all(entry.main_constraint for entry in without)
    # none of the stored suggestions breaks a hard constraint, read again from the database
    persons = Person.objects.filter(county_code=YUELU).order_by("pk")
    built = build_market(persons, JobPosting.objects.filter(county_code=YUELU), on=market.as_of)
    parsed = read_market(built.input)
    people = {person.id: person for person in parsed.persons}
    postings = {posting.id: posting for posting in parsed.postings}
    rows = list(RecommendationSuggestion.objects.filter(entry__run=market).select_related("entry"))
    assert len(rows) > len(SEEKERS)
    for row in rows:
        person, posting = people[str(row.entry.person_id)], postings[str(row.posting_id)]
        assert broken_constraints(person, posting, market.as_of) == [], (person.id, posting.id)
