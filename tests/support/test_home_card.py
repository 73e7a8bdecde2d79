"""The counsellor's home card 就业服务记录: the persons last served in their area, the overdue
next steps first, none of another township, in two queries (the overdue next steps, the
latest services) however many services there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ablework.support.models import ServiceRecord
from ablework.support.record_cards import RECORD_CARDS
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
    the_card(worker)  # the worker's region, read once and kept on the user, as the home page does
    texts, queries = the_card(worker)
    assert texts[0] == f"古槐0：下一步“陪同面试”已逾期（期限 {late.next_due:%Y-%m-%d}）"
    assert [text.split("：")[0] for text in texts] == ["古槐0", "古槐1", "古槐2", "古槐3", "古槐4"]
    assert len(queries) == 2, queries
    # twenty times the services, the same queries
    for person in persons:
        for days in range(10, 30):
            serve(person, days)
    assert the_card(worker)[1] == queries
