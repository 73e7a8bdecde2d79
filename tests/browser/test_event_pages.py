"""Recruitment events in a browser on a phone (390 CSS pixels wide): every page of an event —
the list, the event, its form, the registrations with the needs to prepare, registering a
person, one registration, the day's outcome, the report — has no serious axe violation and
does not scroll sideways; a person is registered and the day recorded by keyboard alone, and
the outcome report is opened from the event's page by keyboard."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus, RecruitmentEvent
from ablework.matching.services.event_registrations import (
    Outcome,
    record_outcome,
    register_person,
)
from ablework.matching.services.events import EventDetails, create_event
from ablework.registry.models import Person
from tests.browser.keyboard import follow, sign_in_by_keyboard
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
_WIDTH_JS = """() => document.documentElement.scrollWidth > 390
  ? [...document.querySelectorAll('body *')]
      .filter(el => el.getBoundingClientRect().right > 391)
      .slice(0, 6)
      .map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`).join(' ')
  : ''"""


def _held_event(days: int) -> RecruitmentEvent:
    counsellor = User.objects.get(username="rencheng_counsellor")
    postings = JobPosting.objects.filter(county_code="370811", status=PostingStatus.OPEN)
    details = EventDetails(
        name="任城区助残就业专场招聘会",
        organiser="任城区残疾人就业服务中心",
        region_code="370811",
        held_on=timezone.localdate() + timedelta(days=days),
        starts_at=time(9, 0),
        ends_at=time(11, 30),
        mode="on_site",
        place="任城区残疾人综合服务中心一楼大厅",
        access=("step_free", "sign_language", "large_print"),
        posting_ids=tuple(postings.order_by("pk").values_list("pk", flat=True)[:3]),
    )
    return create_event(actor=counsellor, details=details, on=timezone.localdate())


def _visit(page: Page, paths: list[str]) -> tuple[list[str], dict[str, str]]:
    problems: list[str] = []
    widths: dict[str, str] = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        problems += serious_violations(page)
        widths[path] = page.evaluate(_WIDTH_JS)
    return problems, widths


@pytest.mark.slow
def test_every_page_of_an_event_fits_a_phone_with_no_serious_violation(
    demo_site: DemoSite, demo_postings: Any
) -> None:
    event = _held_event(days=-1)
    person = Person.objects.filter(county_code="370811").order_by("pk").first()
    assert person is not None
    counsellor = User.objects.get(username="rencheng_counsellor")
    registration = register_person(
        actor=counsellor,
        event=event,
        person_id=person.pk,
        needs=("sign_language", "companion"),
        needs_other="需要提前入场",
    )
    base = f"/matching/events/{event.pk}/"
    paths = [
        "/matching/events/",
        "/matching/events/?when=past",
        "/matching/events/new/",
        base,
        f"{base}edit/",
        f"{base}registrations/",
        f"{base}register/",
        f"{base}registrations/{registration.pk}/",
        f"{base}registrations/{registration.pk}/outcome/",
        f"{base}registrations/{registration.pk}/cancel/",
        f"{base}report/",
    ]

    def journey(page: Page) -> tuple[list[str], dict[str, str]]:
        sign_in(page, "rencheng_counsellor")
        page.set_viewport_size(PHONE)
        problems, widths = _visit(page, paths)
        # a refused registration shows its error summary
        page.goto(f"{base}register/")
        with page.expect_navigation():
            page.get_by_role("button", name="报名", exact=True).click()
        problems += serious_violations(page)
        widths["refused"] = page.evaluate(_WIDTH_JS)
        return problems, widths

    problems, widths = demo_site.browse(journey)
    assert problems == [], "\n".join(problems)
    wide = {path: too_wide for path, too_wide in widths.items() if too_wide}
    assert not wide, f"wider than a 390 px phone: {wide}"


@pytest.mark.slow
def test_a_counsellor_registers_a_person_and_records_the_day_by_keyboard(
    demo_site: DemoSite, demo_postings: Any
) -> None:
    event = _held_event(days=-1)
    person = Person.objects.filter(county_code="370811").order_by("pk").first()
    assert person is not None
    resident_id = person.resident_id

    def journey(page: Page) -> str:
        sign_in(page, "rencheng_counsellor")
        page.goto(f"/matching/events/{event.pk}/")
        _tab_to(page, "为残疾人报名")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        _tab_to(page, "公民身份号码或残疾人证号")
        page.keyboard.type(resident_id)
        _tab_to(page, "手语翻译")
        page.keyboard.press("Space")
        _tab_to(page, "报名")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        _tab_to(page, person.name)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        _tab_to(page, "记录到场和录用")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        _tab_to(page, "没有提出需要")  # the group's checked choice; the arrows choose
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        _tab_to(page, "保存")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        return page.locator("main").inner_text()

    shown = demo_site.browse(journey)
    assert "到场" in shown
    registration = event.registrations.get()
    assert registration.needs == ["sign_language"]
    assert registration.attended is True
    assert registration.needs_met is True


@pytest.mark.slow
def test_the_report_is_opened_by_keyboard_and_passes_axe_on_desktop_and_phone(
    demo_site: DemoSite, demo_postings: Any
) -> None:
    event = _held_event(days=-1)
    counsellor = User.objects.get(username="rencheng_counsellor")
    person = Person.objects.filter(county_code="370811").order_by("pk").first()
    assert person is not None
    registration = register_person(
        actor=counsellor, event=event, person_id=person.pk, needs=("wheelchair",)
    )
    first = event.postings.order_by("pk")[0].posting_id
    record_outcome(
        actor=counsellor,
        registration=registration,
        outcome=Outcome(
            attended=True, needs_met=True, interviewed=(first,), not_hired_reason="skills"
        ),
        on=timezone.localdate(),
        seen_version=registration.version,
    )
    report = f"/matching/events/{event.pk}/report/"

    def journey(page: Page) -> tuple[list[str], str, str]:
        problems = sign_in_by_keyboard(page, "rencheng_counsellor")
        page.goto(f"/matching/events/{event.pk}/")
        problems += follow(page, report)  # the event's menu: 成果报告
        shown = page.locator("main").inner_text()
        page.set_viewport_size(PHONE)
        page.reload()
        problems += serious_violations(page)
        return problems, shown, page.evaluate(_WIDTH_JS)

    problems, shown, too_wide = demo_site.browse(journey)
    assert problems == [], "\n".join(problems)
    assert not too_wide, f"wider than a 390 px phone: {too_wide}"
    assert "技能或经验与岗位要求不符" in shown
    assert "打印成果报告（PDF，带验证码）" in shown
    assert person.name not in shown


def _tab_to(page: Page, name: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element is the link, button or field named `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el) return '';
              const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
              return (label || el.innerText || el.value || '').trim();
            }"""
        )
        if focused == name:
            return
    raise AssertionError(f"{name} was not reached by Tab")
