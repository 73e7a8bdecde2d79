"""The staff's reward lists for a province: eligible employers and applications a page at a time
by employer name, the year kept on the next page's link, in as many queries for many rows as
for few."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ablework.quota.models import Declaration
from ablework.rewards.services import apply_for_reward
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.rewards.conftest import YEAR, YUELU, levy_result

pytestmark = pytest.mark.django_db


def _over_quota(names: list[str], *, apply: bool = False) -> list[Declaration]:
    """Certified 岳麓区 declarations over the quota (the engine's result, worked out once)."""
    trace = levy_result(YUELU)
    rows = []
    for name in names:
        row = Declaration.objects.create(
            employer=EmployerFactory(name=name, county_code=YUELU),
            levy_year=YEAR,
            status="certified",
            rules_trace=trace,
            submitted_at=timezone.now(),
        )
        if apply:
            employer_user = EmployerUserFactory(employer=row.employer)
            apply_for_reward(actor=employer_user, declaration_id=row.pk)
        rows.append(row)
    return rows


def _get(client: Any, name: str, **params: str) -> str:
    response = client.get(reverse(name), {"year": str(YEAR), **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", ["rewards:candidates", "rewards:applications"])
def test_the_lists_page_on_by_name_keeping_the_year(monkeypatch, page: str) -> None:
    monkeypatch.setattr("ablework.rewards.views.ROWS_PER_PAGE", 2)
    rows = _over_quota(["甲厂", "乙厂", "丙厂"], apply=True)
    by_name = sorted(rows, key=lambda row: row.employer.name)
    client = signed_in(CountyAdminFactory(region_id=YUELU))

    first = _get(client, page)
    assert by_name[0].employer.name in first
    assert by_name[1].employer.name in first
    assert by_name[2].employer.name not in first
    cursor = by_name[1].pk if page == "rewards:candidates" else by_name[1].reward_application.pk
    assert f"?year={YEAR}&amp;after={cursor}" in first
    second = _get(client, page, after=str(cursor))
    assert by_name[2].employer.name in second
    assert by_name[1].employer.name not in second
    assert "下一页" not in second


@pytest.mark.parametrize("page", ["rewards:candidates", "rewards:applications"])
def test_the_lists_ask_the_same_number_of_queries_for_more_rows(page: str) -> None:
    _over_quota(["甲厂"], apply=True)
    client = signed_in(CountyAdminFactory(region_id=YUELU))
    _get(client, page)
    with CaptureQueriesContext(connection) as few:
        _get(client, page)
    _over_quota([f"厂{n}" for n in range(6)], apply=True)
    with CaptureQueriesContext(connection) as many:
        assert "厂5" in _get(client, page)
    assert len(many) == len(few)
