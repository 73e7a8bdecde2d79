"""The database path's market: the contract's input built from the registry, the assessments
and needs and the postings, in the same number of queries for one record or many, with those
that cannot enter named and the reason said."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.core.models import Region
from ablework.matching.engine import read_market
from ablework.matching.models import JobPosting
from ablework.matching.selectors.market import build_market, open_postings_for
from ablework.matching.services.postings import close_posting, create_posting
from ablework.registry.models import Person
from tests.matching.factories import details
from tests.matching.seekers import record_seeker

pytestmark = pytest.mark.django_db
# 任城区's minimum wage (1,900 元) is known until 2023-09-30; none after (docs/rules.md)
ON = date(2022, 6, 1)
RECORDED = date(2022, 5, 1)
VALID = {"valid_from": date(2022, 1, 1), "valid_until": date(2022, 12, 31)}


def _rencheng(count: int) -> list[Person]:
    return list(
        Person.objects.filter(county_code="370811", merged_into__isnull=True).order_by("pk")[:count]
    )


def _postings(user, count: int, **changes) -> list[JobPosting]:
    return [
        create_posting(
            actor=user,
            employer_id=user.employer_id,
            details=details(title=f"电话客服{i}", **{**VALID, **changes}),
        )
        for i in range(count)
    ]


def _queries(persons, postings) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_market(persons, postings, on=ON)
    return len(captured.captured_queries)


def test_the_market_takes_the_same_queries_for_one_record_or_many(demo_data):
    counsellor, employer = demo_data["rencheng_counsellor"], demo_data["employer_user"]
    persons = _rencheng(12)
    for person in persons:
        record_seeker(counsellor, person, on=RECORDED)
    postings = _postings(employer, 12)
    ids = [p.pk for p in persons]
    build_market(Person.objects.filter(pk__in=ids), JobPosting.objects.all(), on=ON)  # warm caches

    one = _queries(Person.objects.filter(pk=ids[0]), JobPosting.objects.filter(pk=postings[0].pk))
    many = _queries(
        Person.objects.filter(pk__in=ids),
        JobPosting.objects.filter(pk__in=[p.pk for p in postings]),
    )
    as_lists = _queries(persons, postings)

    assert one == many
    assert as_lists <= many
    built = build_market(Person.objects.filter(pk__in=ids), JobPosting.objects.all(), on=ON)
    assert len(built.input["persons"]) == 12
    assert len(built.input["postings"]) == 12
    read_market(built.input)  # the engine accepts it as the contract's input


def test_records_that_cannot_enter_are_named_with_the_reason(demo_data):
    counsellor, employer = demo_data["rencheng_counsellor"], demo_data["employer_user"]
    ready, unassessed, unregistered, bare = _rencheng(4)
    record_seeker(counsellor, ready, on=RECORDED)
    record_seeker(counsellor, unassessed, on=RECORDED, assess=False)
    record_seeker(counsellor, unregistered, on=RECORDED, register=False)
    placed = _postings(employer, 1)[0]

    built = build_market(
        Person.objects.filter(pk__in=[ready.pk, unassessed.pk, unregistered.pk, bare.pk]),
        JobPosting.objects.filter(pk=placed.pk),
        on=ON,
    )
    assert [p["id"] for p in built.input["persons"]] == [str(ready.pk)]
    reasons = dict(built.skipped_persons)
    assert "还没有职业能力评估" in reasons[unassessed.pk]
    assert "还没有就业需求登记" in reasons[unregistered.pk]
    assert "职业能力评估和就业需求登记" in reasons[bare.pk]
    # a record dated after the day does not count yet
    early = build_market([ready], [placed], on=date(2022, 4, 30))
    assert early.input["persons"] == []
    assert early.skipped_persons[0][0] == ready.pk


def test_a_posting_without_a_known_minimum_wage_is_left_out_saying_so(demo_data):
    employer = demo_data["employer_user"]
    posting = create_posting(actor=employer, employer_id=employer.employer_id, details=details())

    built = build_market([], JobPosting.objects.filter(pk=posting.pk), on=date(2026, 6, 1))

    assert built.input["postings"] == []
    [(posting_id, reason)] = built.skipped_postings
    assert posting_id == posting.pk
    assert "济宁市任城区 2026-06-01 的最低工资未知" in reason
    assert "本地参数" in reason
    assert "wages.minimum_wage_monthly" in reason


def test_homes_and_places_fall_back_to_the_township_then_the_county_centre(demo_data):
    counsellor, employer = demo_data["rencheng_counsellor"], demo_data["employer_user"]
    person = _rencheng(1)[0]
    record_seeker(counsellor, person, on=RECORDED)
    posting = _postings(employer, 1)[0]
    county = Region.objects.get(code=person.county_code)

    built = build_market([person], [posting], on=ON)
    assert built.input["persons"][0]["home"] == {
        "lat": float(county.latitude),
        "lon": float(county.longitude),
    }

    Region.objects.filter(code=person.township_code).update(
        latitude=Decimal("35.420000"), longitude=Decimal("116.580000")
    )
    built = build_market([person], [posting], on=ON)
    assert built.input["persons"][0]["home"] == {"lat": 35.42, "lon": 116.58}
    assert built.input["postings"][0]["place"] == {"lat": 35.42, "lon": 116.58}

    Region.objects.filter(code__in=[person.county_code, person.township_code]).update(
        latitude=None, longitude=None
    )
    built = build_market([person], [posting], on=ON)
    assert built.input["persons"] == []
    assert built.input["postings"] == []
    assert "没有中心坐标" in built.skipped_persons[0][1]
    assert "经纬度" in built.skipped_postings[0][1]


def test_open_postings_are_those_open_that_day_in_the_province(demo_data):
    employer = demo_data["employer_user"]
    kept, closed = _postings(employer, 2)
    close_posting(actor=employer, posting=closed, on=ON)
    later = _postings(employer, 1, valid_from=date(2022, 7, 1))[0]

    assert list(open_postings_for("370811", ON)) == [kept]
    assert list(open_postings_for(["370826001"], date(2022, 7, 2))) == [kept, later]
    assert list(open_postings_for("430104", ON)) == []
