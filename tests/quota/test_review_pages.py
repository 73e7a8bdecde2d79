"""The federation's review pages: the queue of declarations awaiting review in the staff
member's area, by status and county, oldest first, with what each declares."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ablework.quota.models import Declaration, LineMonth, RosterLine
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("quota:review")


def _awaiting(name: str, county: str, *, status: str = "submitted", days: int = 3) -> Declaration:
    """A declaration as submission stores it, `days` ago: one line counted for six months."""
    row = Declaration.objects.create(
        employer=EmployerFactory(name=name, county_code=county),
        levy_year=2023,
        status=status,
        headcount_monthly=[100] * 12,
        wage_total=Decimal("6000000.00"),
        rules_trace={"levy_due": "216000.00", "reward": None},
        submitted_at=timezone.now() - timedelta(days=days),
    )
    roster = RosterLine.objects.create(
        declaration=row,
        line=0,
        certificate_kind="disability",
        certificate_number="37081119850612402X41",
        certificate_hash=f"h{row.pk}",
        certificate_masked="370811**************",
        name="王一",
        employment_form="labour_contract",
    )
    LineMonth.objects.bulk_create(
        LineMonth(roster_line=roster, month=n, wage=2000, weight=1 if n <= 6 else 0, counted=n <= 6)
        for n in range(1, 13)
    )
    return row


def _page(client: Any, user: Any, **params: str) -> str:
    client.force_login(user)
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_lists_the_areas_declarations_awaiting_review(client) -> None:
    _awaiting("任城甲厂", "370811", days=5)
    _awaiting("任城乙厂", "370811", status="resubmitted", days=1)
    _awaiting("微山丙厂", "370826", days=2)
    _awaiting("任城草稿厂", "370811", status="draft")
    _awaiting("任城已确认厂", "370811", status="certified")
    # a city sees its two counties, a county its own, another county none
    city = _page(client, CityAdminFactory())
    assert all(name in city for name in ("任城甲厂", "任城乙厂", "微山丙厂"))
    assert "草稿厂" not in city and "已确认厂" not in city
    county = _page(client, CountyAdminFactory())
    assert "任城甲厂" in county and "任城乙厂" in county and "微山丙厂" not in county
    elsewhere = _page(client, CountyAdminFactory(region_id="370830"))
    assert "没有等待审核的申报" in elsewhere
    # each row: county by name, status by name, days waited, counted persons and levy
    assert "任城区" in county and "370811</td>" not in county
    assert "重新提交" in county and "5 天" in county
    assert "0.50" in county and "216000.00 元" in county
    # the longest waiting first
    assert city.index("任城甲厂") < city.index("微山丙厂") < city.index("任城乙厂")


def test_the_queue_filters_by_status_and_county(client) -> None:
    _awaiting("任城甲厂", "370811")
    _awaiting("任城乙厂", "370811", status="resubmitted")
    _awaiting("微山丙厂", "370826")
    city = CityAdminFactory()
    page = _page(client, city, county="370826")
    assert "微山丙厂" in page and "任城甲厂" not in page
    page = _page(client, city, status="resubmitted")
    assert "任城乙厂" in page and "任城甲厂" not in page and "微山丙厂" not in page
    assert '<label for="f-county">' in page and '<label for="f-status">' in page


def test_the_queue_asks_the_same_number_of_queries_for_more_rows(client) -> None:
    city = CityAdminFactory()
    client.force_login(city)
    _awaiting("甲厂", "370811")
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for n in range(6):
        _awaiting(f"厂{n}", "370826" if n % 2 else "370811")
    with CaptureQueriesContext(connection) as many:
        assert "厂5" in client.get(QUEUE).content.decode()
    assert len(many) == len(few)


def test_the_queue_pages_on_in_the_order_of_submission(client, monkeypatch) -> None:
    monkeypatch.setattr("ablework.quota.selectors.review.QUEUE_PAGE_SIZE", 2)
    for n in range(5):
        _awaiting(f"第{n}厂", "370811", days=10 - n)
    client.force_login(CountyAdminFactory())
    first = client.get(QUEUE).content.decode()
    assert "第0厂" in first and "第1厂" in first and "第2厂" not in first
    after = Declaration.objects.get(employer__name="第1厂").pk
    second = client.get(QUEUE, {"after": str(after)}).content.decode()
    assert "第2厂" in second and "第3厂" in second and "第1厂" not in second
    assert "下一页" in second


def test_employers_may_not_open_the_queue(client) -> None:
    client.force_login(EmployerUserFactory())
    assert client.get(QUEUE).status_code in (403, 404)
