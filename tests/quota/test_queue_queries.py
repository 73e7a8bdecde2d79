"""The review queue of a province (issue 11's figure: under 200 ms a page with 200,000
declarations, bench/review_queue.py): each page — by risk, filtered, further on, oldest first —
is a fixed, small number of queries, and the order is the score the scoring command stored."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from ablework.quota.models import LineMonth
from tests.accounts.factories import ProvinceAdminFactory
from tests.helpers import signed_in
from tests.quota.test_risk_queue import _quiet, _risky

pytestmark = pytest.mark.django_db

QUEUE = reverse("quota:review")
LISTED = re.compile(r'href="/quota/declarations/(\d+)/"')
# Session, user, the viewer's region, the page of declarations (employer, score and sample in
# the same query), the counties of the filter; a later page adds the cursor's row.
PAGE_QUERIES = 6


def _listed(client, **params: str) -> list[int]:
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return [int(pk) for pk in LISTED.findall(response.content.decode())]


def test_a_provinces_queue_pages_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
) -> None:
    quiet = [_quiet(f"平安厂{n}", county=county) for n, county in enumerate(["370811", "370102"])]
    risky = [_risky(f"可疑厂{n}", county=county) for n, county in enumerate(["370811", "370826"])]
    call_command("quota", "score", "--year", str(risky[0].levy_year))
    client = signed_in(ProvinceAdminFactory())
    client.get(QUEUE)  # the parameter tree and templates, once
    with django_assert_max_num_queries(PAGE_QUERIES):
        first = _listed(client)
    assert first[:2] == sorted((row.pk for row in risky), reverse=True)
    assert set(first[2:]) == {row.pk for row in quiet}
    with django_assert_max_num_queries(PAGE_QUERIES):
        filtered = _listed(client, county="370811", status="submitted", risk="medium")
    assert filtered == [risky[0].pk]
    with django_assert_max_num_queries(PAGE_QUERIES):
        later = _listed(client, after=str(first[1]))
    assert later == first[2:]
    with django_assert_max_num_queries(PAGE_QUERIES):
        oldest = _listed(client, order="oldest")
    assert sorted(oldest) == sorted(first)


def test_the_queue_follows_the_score_the_command_stored_beside_the_declaration() -> None:
    _risky("可疑厂")
    row = _quiet("转为可疑厂")
    call_command("quota", "score", "--year", str(row.levy_year))
    client = signed_in(ProvinceAdminFactory())
    assert _listed(client)[-1] == row.pk
    # Its roster reads otherwise (everyone on the minimum wage, hired in December): scored again
    # by the command, it ties with the other and, newer, comes first.
    row.lines.update(contract_start="2022-12-01")
    LineMonth.objects.filter(roster_line__declaration=row).update(wage="1900.00")
    call_command("quota", "score", "--year", str(row.levy_year))
    page = client.get(QUEUE).content.decode()
    assert "中风险（25 分）" in page
    assert _listed(client)[0] == row.pk
