"""The counsellor's home card 就业服务记录: the persons last served in their area, the overdue
next steps first, none of another township, in two queries (the overdue next steps, the
latest services) of the cycle rows, which keep each person's latest service: the same queries
however many services there are, and no service table read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ablework.support.models import ServiceRecord
from ablework.support.record_cards import RECORD_CARDS
from ablework.support.services.cases import refresh_cases
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CARD = RECORD_CARDS[0]


def serve(person, days_ago: int, **fields):
    return ServiceRecord.objects.create(
        person=person,
        on=TODAY - timedelta(days=days_ago),
        kind="guidance",
        channel="phone",
        **fields,
    )


def the_card(user) -> tuple[list[str], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        texts = [str(link.label) for link in CARD.links(user)]
    return texts, [q["sql"][:160] for q in queries.captured_queries]


def test_the_card_lists_the_overdue_first_then_the_latest_in_fixed_queries(demo_data):
    worker = demo_data["rencheng_township"]
    persons = [PersonFactory(name=f"古槐{i}", township_code="370811001") for i in range(8)]
    elsewhere = PersonFactory(name="越河某", township_code="370811002")
    late = serve(persons[0], 40, next_step="陪同面试", next_due=TODAY - timedelta(days=5))
    for days, person in enumerate(persons[1:], start=1):
        serve(person, days)
    serve(elsewhere, 0, next_step="回访", next_due=TODAY - timedelta(days=30))
    refresh_cases(person_ids=[p.pk for p in [*persons, elsewhere]], on=TODAY)
    the_card(worker)  # the worker's region, read once and kept on the user, as the home page does
    texts, queries = the_card(worker)
    assert texts[0] == f"古槐0：下一步“陪同面试”已逾期（期限 {late.next_due:%Y-%m-%d}）"
    assert [text.split("：")[0] for text in texts] == ["古槐0", "古槐1", "古槐2", "古槐3", "古槐4"]
    assert len(queries) == 2, queries
    assert not any(ServiceRecord._meta.db_table in sql for sql in queries)
    # twenty times the services (older ones than the latest), the same queries and card
    for person in persons:
        for days in range(50, 70):
            serve(person, days)
    refresh_cases(person_ids=[p.pk for p in persons], on=TODAY)
    again, queries_again = the_card(worker)
    assert queries_again == queries
    assert again == texts


def test_a_newer_service_takes_over_the_card_and_its_next_step(demo_data):
    """The card follows the latest service: one recorded today replaces the overdue next step
    of an earlier one (it was followed up) and brings its person to the top."""
    worker = demo_data["rencheng_township"]
    first, second = (PersonFactory(name=n, township_code="370811001") for n in ("古槐甲", "古槐乙"))
    serve(first, 30, next_step="陪同面试", next_due=TODAY - timedelta(days=3))
    serve(second, 2)
    refresh_cases(person_ids=[first.pk, second.pk], on=TODAY)
    texts, _ = the_card(worker)
    assert texts[0].startswith("古槐甲：下一步“陪同面试”已逾期")
    serve(first, 0)
    refresh_cases(person_ids=[first.pk], on=TODAY)
    texts, _ = the_card(worker)
    assert texts == [
        f"古槐甲：最近服务 {TODAY:%Y-%m-%d}",
        f"古槐乙：最近服务 {TODAY - timedelta(days=2):%Y-%m-%d}",
    ]
