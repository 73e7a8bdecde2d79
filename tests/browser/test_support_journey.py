"""The "四个一" for one person by keyboard alone: 古槐街道's worker signs in, opens the work
queue, and records the information check, the vocational capacity assessment, the needs
registration and a service; 任城区's administrator then sees each service's completed figure for
古槐街道 one higher. No page on the way has a serious axe-core violation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from ablework.support.models import (
    Assessment,
    CycleCase,
    InformationCheck,
    NeedsRegistration,
    ServiceRecord,
)
from ablework.support.selectors.due import cycle_on
from ablework.support.selectors.queue import QueueFilters, cases_visible_to, due_cases
from ablework.support.services.cases import refresh_cases
from tests.browser.keyboard import (
    button,
    check_radio,
    follow,
    press_and_wait,
    sign_in_by_keyboard,
    step_date_parts,
    tick,
    type_into,
)
from tests.browser.pages import serious_violations, tab_to, tab_until
from tests.browser.session import DemoSite
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.browser

WORKER = "rencheng_township"
SUPERVISOR = "rencheng_admin"
TOWNSHIP = "古槐街道"
ALL_FOUR = ["check", "assessment", "needs", "service"]


def save(page: Page, *, limit: int = 60) -> list[str]:
    """Tab to the form's 保存 button and press it: the person's services page follows."""
    tab_until(page, button("保存"), what="the 保存 button", limit=limit)
    press_and_wait(page)
    errors = page.locator(".error-summary")
    assert not errors.count(), errors.first.inner_text()
    return serious_violations(page)


def completed_in_township(page: Page) -> dict[str, int]:
    """The supervisor's completion page, by keyboard from home: each service's done count in
    the township's row of the table by township."""
    follow(page, reverse("support:completion"))
    cells: list[str] = page.evaluate(
        """(township) => {
          const table = [...document.querySelectorAll("main table")].find(
            t => t.caption && t.caption.innerText.includes("按乡镇"));
          const row = [...table.tBodies[0].rows].find(
            r => r.cells[0].innerText.trim() === township);
          return [...row.cells].map(c => c.innerText.trim());
        }""",
        TOWNSHIP,
    )
    # name, in scope, wanting work, then (done / due, rate, missing) for each of the four
    done = [int(cells[3 + 3 * i].split("/")[0].replace(",", "")) for i in range(4)]
    return dict(zip(ALL_FOUR, done, strict=True))


def test_township_worker_records_the_four_by_keyboard(demo_site: DemoSite, demo_support: Any):
    worker = demo_site.users[WORKER]
    today = timezone.localdate()
    # someone of 古槐街道 who registered today, unemployed: due all four
    newcomer = PersonFactory(name="赵晓明", township_code="370811001")
    refresh_cases(person_ids=[newcomer.pk], on=today)
    year = cycle_on(today, jurisdiction="370811").year
    queue = due_cases(
        cases_visible_to(worker, permission="support.record"),
        year=year,
        on=today,
        filters=QueueFilters(county="370811", township="370811001"),
    ).order_by("waiting_since", "id")
    case: CycleCase = next(c for c in queue if c.due_pillars() == ALL_FOUR)
    person = case.person
    assert person == newcomer
    services_page = reverse("support:person", args=[person.pk])

    def supervisor_reads(page: Page) -> tuple[dict[str, int], list[str]]:
        problems = sign_in_by_keyboard(page, SUPERVISOR)
        figures = completed_in_township(page)
        return figures, problems + serious_violations(page)

    def worker_records(page: Page) -> tuple[str, list[str]]:
        problems = sign_in_by_keyboard(page, WORKER)
        problems += follow(page, reverse("support:queue"))

        # the queue's action for the person's information check
        problems += follow(page, reverse("support:record_check", args=[person.pk]), limit=400)
        check_radio(page, "id_channel_0", down=2)  # 入户
        tick(page, "id_verified_0")  # 身份信息
        tick(page, "id_verified_2")  # 联系方式
        check_radio(page, "id_wants_work_0")  # 有就业意愿
        problems += save(page)
        assert "已记录基础信息核对" in page.locator("main").inner_text()

        # the assessment: reading a screen with a screen reader, the rest as the form starts
        problems += follow(page, reverse("support:record_assessment", args=[person.pk]))
        tab_to(page, "id_ability_read_screen_0", limit=80)
        page.keyboard.press("ArrowDown")  # 借助便利条件能胜任
        tick(page, "id_with_read_screen_0", limit=5)  # 读屏软件
        type_into(page, "id_hours_per_day", "6", limit=400)
        check_radio(page, "id_pathway_0", down=1)  # 支持性就业
        tick(page, "id_methods_0")  # 面谈
        tick(page, "id_methods_2")  # 工作试做
        type_into(page, "id_summary", "能用读屏软件做电脑上的工作，建议先在辅导员陪同下上岗。")
        problems += save(page)
        assert "已记录职业能力评估" in page.locator("main").inner_text()

        # the needs
        problems += follow(page, reverse("support:record_needs", args=[person.pk]))
        type_into(page, "id_occupations", "客户服务、电子商务")
        type_into(page, "id_hours_per_week", "30")
        type_into(page, "id_commute_km", "8")
        type_into(page, "id_wage_floor", "2200")
        tick(page, "id_accepts_remote")
        problems += save(page)
        assert "已登记就业需求" in page.locator("main").inner_text()

        # a service: 职业介绍/岗位推荐, on the phone, with its next step
        problems += follow(page, reverse("support:record_service", args=[person.pk]))
        tab_to(page, "id_kind")
        page.keyboard.press("ArrowDown")
        check_radio(page, "id_channel_0", down=1)  # 电话
        check_radio(page, "id_result_0")  # 已提供
        type_into(page, "id_outcome", "电话推荐了任城区一家电商企业的客服岗位，本人愿意面试。")
        type_into(page, "id_next_step", "陪同参加面试")
        tab_to(page, "id_next_due")
        step_date_parts(page, 2)  # 2 February of next year
        problems += save(page)
        assert "已记录就业服务" in page.locator("main").inner_text()
        assert page.url.endswith(services_page)
        return page.locator("table:has(#cycle-caption)").inner_text(), problems

    before, problems = demo_site.browse(supervisor_reads)
    four, more = demo_site.browse(worker_records)
    problems += more
    after, more = demo_site.browse(supervisor_reads)
    problems += more

    # the person's page shows each of the four done today, once
    assert four.count(f"{today:%Y-%m-%d}\t1") == 4, four
    check = InformationCheck.objects.get(person=person)
    assert (check.channel, check.verified, check.wants_work) == (
        "home_visit",
        ["identity", "contact"],
        True,
    )
    assessment = Assessment.objects.get(person=person)
    assert assessment.abilities == {"read_screen": {"with": ["screen_reader"]}}
    assert (assessment.pathway, assessment.methods) == ("supported", ["interview", "work_trial"])
    needs = NeedsRegistration.objects.get(person=person)
    assert (needs.occupations, needs.hours_per_week, str(needs.wage_floor)) == (
        ["客户服务", "电子商务"],
        30,
        "2200.00",
    )
    assert needs.accepts_remote
    service = ServiceRecord.objects.get(person=person)
    assert (service.kind, service.channel, service.result) == ("referral", "phone", "given")
    assert service.next_due == date(today.year + 1, 2, 2)
    assert after == {pillar: before[pillar] + 1 for pillar in ALL_FOUR}, (before, after)
    assert problems == [], "\n".join(problems)
