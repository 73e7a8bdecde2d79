"""The posting side is prepared once per process and reused while the postings are unchanged;
an edited, new or closed posting prepares it again, so a page never shows a stale posting."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ablework.matching.selectors.person_market import person_jobs
from ablework.matching.selectors.prepared import clear_prepared, prepared_postings
from ablework.matching.services.postings import close_posting, create_posting, update_posting
from tests.matching.batches import ON, VALID, seed_batch_market
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(demo_data: dict[str, Any]) -> dict[str, Any]:
    clear_prepared()
    yield seed_batch_market(demo_data)
    clear_prepared()


def _titles(market: dict[str, Any]) -> list[int]:
    return [s.posting_id for s in person_jobs(market["ready"], ON).suggestions]


def test_the_same_postings_on_the_same_day_are_prepared_once(market):
    first = prepared_postings("370811", ON)

    assert prepared_postings("370811", ON) is first
    assert prepared_postings("370826", ON) is first  # the same province's postings
    assert prepared_postings("370811", date(2022, 6, 2)) is not first


def test_an_edited_posting_is_prepared_again_and_the_page_follows(market, demo_data):
    first = prepared_postings("370811", ON)
    phone_job = market["postings"][0]
    assert phone_job.pk in _titles(market)

    update_posting(
        actor=demo_data["employer_user"],
        posting=phone_job,
        details=details(title="电话客服", hours_per_week=50, **VALID),
        seen_version=phone_job.version,
    )

    assert prepared_postings("370811", ON) is not first
    assert phone_job.pk not in _titles(market)  # 50 hours a week: more than the person's 40


def test_a_new_or_closed_posting_is_prepared_again(market, demo_data):
    employer = demo_data["employer_user"]
    first = prepared_postings("370811", ON)
    added = create_posting(
        actor=employer,
        employer_id=employer.employer_id,
        details=details(title="客服助理", **VALID),
    )
    second = prepared_postings("370811", ON)
    assert second is not first
    assert second.posting(added.pk) is not None

    close_posting(actor=employer, posting=added, on=date(2022, 5, 1))
    third = prepared_postings("370811", ON)
    assert third is not second
    assert third.posting(added.pk) is None
