"""What a finished batch tells staff about those it could not help: the queue's and the
ledger's panel say that the batch of its day found no job meeting all the hard constraints (with
the constraint that excluded most) or why it left the person out, with a link to the batch;
the batch's page says which counties' minimum wage is unknown and what to enter on 本地参数."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ablework.matching.models import RecommendationRun
from ablework.matching.panels import QUEUE_SUGGESTIONS
from ablework.matching.services.batches import start_batch
from ablework.matching.services.postings import create_posting
from tests.helpers import signed_in
from tests.matching.batches import ON, seed_batch_market
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(demo_data: dict[str, Any]) -> dict[str, Any]:
    return seed_batch_market(demo_data)


def _run(actor: Any, on: date = ON) -> RecommendationRun:
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = start_batch(actor=actor, region_code="370811", on=on)
    run.refresh_from_db()
    return run


def _panel(viewer: Any, persons: list[Any]) -> str:
    context = QUEUE_SUGGESTIONS.context(viewer, persons)
    return "" if context is None else render_to_string(QUEUE_SUGGESTIONS.template, context)


def test_the_panel_says_the_batch_found_nothing_why_and_links_to_it(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    run = _run(counsellor)
    day = timezone.localdate(run.finished_at).isoformat()
    link = f'href="{reverse("matching:batch_detail", args=[run.pk])}"'
    never = market["seekers"][5]  # no assessment nor needs: left out of the batch

    dear = _panel(counsellor, [market["dear"]])
    assert "尚未计算" not in dear
    assert f"{day} 的批量推荐没有找到符合全部硬性条件的岗位" in dear
    assert "排除岗位最多的条件：2 工资低于本人期望或当地最低工资" in dear
    assert link in dear
    left_out = _panel(counsellor, [never])
    assert "尚未计算" not in left_out
    assert f"未参与 {day} 的批量推荐：还没有职业能力评估和就业需求登记" in left_out
    assert link in left_out
    ready = _panel(counsellor, [market["ready"]])
    assert "电话客服" in ready  # suggestions: nothing to explain
    assert link not in ready
    # a township's worker, who cannot open the county's batch, reads the reason without a link
    worker = _panel(demo_data["rencheng_township"], [market["dear"]])
    assert link not in worker


def test_a_person_never_in_a_batch_is_not_yet_computed(market, demo_data):
    assert "尚未计算" in _panel(demo_data["rencheng_counsellor"], [market["dear"]])


def test_a_batch_without_any_posting_says_so_on_the_panel(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    _run(counsellor, on=date(2026, 6, 1))  # 2022's postings are no longer open

    assert "该次没有可参与匹配的岗位，原因见批次页面" in _panel(counsellor, [market["dear"]])


def test_the_batch_page_says_the_minimum_wage_is_unknown_and_where_to_enter_it(market, demo_data):
    employer, day = demo_data["employer_user"], date(2026, 6, 1)
    create_posting(
        actor=employer,
        employer_id=employer.employer_id,
        details=details(valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31)),
    )
    run = _run(demo_data["rencheng_counsellor"], on=day)
    assert run.postings_skipped == 1
    url = reverse("matching:batch_detail", args=[run.pk])
    entry = reverse("parameters:local_values")

    admin_page = signed_in(demo_data["rencheng_admin"]).get(url).content.decode()
    assert "济宁市任城区 2026-06-01 的最低工资未知：1 个岗位未参与匹配。" in admin_page
    assert "注明依据文件" in admin_page
    assert f'href="{entry}"' in admin_page
    counsellor_page = signed_in(demo_data["rencheng_counsellor"]).get(url).content.decode()
    assert "最低工资未知" in counsellor_page
    assert f'href="{entry}"' not in counsellor_page  # not theirs to enter: who can, in words
    assert "本地参数由县（市、区）及以上残联管理员录入" in counsellor_page
    postings = signed_in(demo_data["rencheng_counsellor"]).get(url, {"kind": "posting"})
    assert "济宁市任城区 2026-06-01 的最低工资未知" in postings.content.decode()
