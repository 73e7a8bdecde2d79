"""Jobs and matching by keyboard alone: the employer posts a job with two essential demands
(reading a screen and using the phone, a screen reader offered); 任城区's counsellor opens a
person who reads a screen with a screen reader and sees the job suggested with its explanation;
for a person who cannot use the phone the job is not suggested, and "why not" says which hard
constraint it breaks. The counsellor then refers the first person from 推荐 on that page, with
their oral consent; the employer opens the referral from 岗位推荐, records the interview and the
hire from today; and the person's registry record says 已就业 with the employer. No page on the
way has a serious axe-core violation; the referral and registry pages neither at 390 px, where
they fit without scrolling sideways.

The local minimum wage of 任城区 today is not known from a public source (docs/rules.md), so
the test records one as the system administrator would, marked as the test's own."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from ablework.matching.models import JobPosting, Referral, ReferralState
from ablework.parameters.services import propose_local_value
from ablework.registry.models import EmploymentStatus, Person
from tests.browser.keyboard import (
    button,
    check_radio,
    follow,
    press_and_wait,
    sign_in_by_keyboard,
    step_date_parts,
    tick,
    type_into,
    year_end_at,
)
from tests.browser.pages import at_both_widths, serious_violations, tab_to, tab_until
from tests.browser.session import DemoSite
from tests.matching.seekers import record_seeker

pytestmark = pytest.mark.browser

TITLE = "电话客服（读屏）"


def _checkbox_id(page: Page, name: str, value: str) -> str:
    return str(page.evaluate(f"document.querySelector('input[name={name}][value={value}]').id"))


def _post_the_job(page: Page) -> list[str]:
    problems = sign_in_by_keyboard(page, "employer_user")
    problems += follow(page, reverse("matching:posting_list"))
    problems += follow(page, reverse("matching:posting_new"))
    type_into(page, "id_title", TITLE)
    type_into(page, "id_tasks", "接听客户来电，用电脑记录工单，电脑装有读屏软件。")
    type_into(page, "id_wage_min", "2500")
    type_into(page, "id_wage_max", "3200")
    type_into(page, "id_hours_per_week", "40")
    type_into(page, "id_openings", "2")
    tab_to(page, "id_valid_from")
    step_date_parts(page, 1)  # 1 January of this year
    tab_to(page, "id_valid_until")
    step_date_parts(page, 2)  # 2 February of next year
    tick(page, _checkbox_id(page, "accommodations", "screen_reader"))
    check_radio(page, "id_demand_read_screen_0", down=1)  # 必须具备
    check_radio(page, "id_demand_phone_0", down=1)  # 必须具备
    tab_until(page, button("发布"), what="the 发布 button", limit=80)
    press_and_wait(page)
    errors = page.locator(".error-summary")
    assert not errors.count(), errors.first.inner_text()
    body = page.locator("main").inner_text()
    assert "阅读屏幕文字、电话沟通" in body  # the two essential demands, by name
    return problems + serious_violations(page)


def _jobs_page(page: Page, person: Person) -> list[str]:
    """From the person's employment-services page to 为此人推荐岗位, through its panel."""
    page.goto(reverse("support:person", args=[person.pk]))
    problems = serious_violations(page)
    return problems + follow(page, reverse("matching:person_jobs", args=[person.pk]))


def _refer(page: Page, person: Person, posting: JobPosting) -> list[str]:
    """On 为此人推荐岗位, 推荐 beside the posting; the person's oral consent today; 推荐."""
    tab_until(
        page,
        lambda now: (
            now.tag == "a"
            and now.href.startswith(reverse("matching:referral_new"))
            and f"posting={posting.pk}" in now.href
        ),
        what="推荐 beside the posting",
        limit=80,
    )
    press_and_wait(page)
    problems = at_both_widths(page)
    form = page.locator("main").inner_text()
    assert "符合全部硬性条件" in form, form
    check_radio(page, "id_consent_how_0", down=1)  # 口头; the day is today already
    tab_until(page, button("推荐"), what="the 推荐 button", limit=10)
    press_and_wait(page)
    body = page.locator("main").inner_text()
    assert f"已推荐{person.name}到" in page.locator(".messages").inner_text(), body
    assert "已推荐" in page.locator("dl.record").inner_text()
    return problems + at_both_widths(page)


def _employer_hires(page: Page, referral: Referral) -> list[str]:
    """From home, 岗位推荐, the referral; the interview on 31 December at 09:30, then the hire."""
    problems = sign_in_by_keyboard(page, "employer_user")
    problems += follow(page, reverse("matching:referral_list"))
    problems += at_both_widths(page)
    problems += follow(page, reverse("matching:referral_detail", args=[referral.pk]))
    problems += at_both_widths(page)
    assert referral.person.name in page.locator("dl.record").inner_text()  # under way: named
    tab_to(page, "id_interview-at", limit=80)
    year_end_at(page, "0930")  # 31 December, today or later
    type_into(page, "id_interview-place", "公司二楼会议室，有电梯", limit=5)
    tab_until(page, button("登记面试安排"), what="the 登记面试安排 button", limit=5)
    press_and_wait(page)
    assert "已登记面试安排" in page.locator(".messages").inner_text()
    problems += at_both_widths(page)
    tab_to(page, "id_hired-started_on", limit=80)  # today, as the form offers
    tab_until(page, button("登记已录用"), what="the 登记已录用 button", limit=5)
    press_and_wait(page)
    assert "已就业" in page.locator(".messages").inner_text()
    assert "已录用" in page.locator("dl.record").inner_text()
    return problems + at_both_widths(page)


def _counsellor_sees_the_hire(page: Page, referral: Referral) -> list[str]:
    """From home, 岗位推荐, the referral, 就业服务记录, 查看残疾人信息: 已就业 with the employer."""
    person = referral.person
    problems = sign_in_by_keyboard(page, "rencheng_counsellor")
    problems += follow(page, reverse("matching:referral_list"))
    problems += follow(page, reverse("matching:referral_detail", args=[referral.pk]))
    problems += follow(page, reverse("support:person", args=[person.pk]))
    problems += follow(page, reverse("registry:person_detail", args=[person.pk]))
    work = page.locator("section").filter(has=page.locator("#work-heading")).inner_text()
    assert "已就业" in work, work
    history = page.locator("section").filter(has=page.locator("#employment-heading"))
    latest = history.locator("tbody tr").first.inner_text()
    assert "已就业" in latest, latest
    assert referral.posting.employer.name in latest, latest
    assert timezone.localdate().isoformat() in latest, latest
    return problems + at_both_widths(page)


def test_a_posted_job_reaches_the_person_who_can_do_it_and_why_not_explains_the_other(
    demo_site: DemoSite,
) -> None:
    today = timezone.localdate()
    propose_local_value(
        None,
        name="wages.minimum_wage_monthly",
        region="370811",
        effective_from=date(today.year, 1, 1),
        value="2200",
        reference="测试用：任城区本年度月最低工资标准（本测试自设）",
    )
    counsellor = demo_site.users["rencheng_counsellor"]
    reader, no_phone = Person.objects.filter(
        county_code="370811", merged_into__isnull=True
    ).order_by("pk")[:2]
    Person.objects.filter(pk__in=[reader.pk, no_phone.pk]).update(
        employment_status=EmploymentStatus.UNEMPLOYED, employment_kind=""
    )
    record_seeker(
        counsellor,
        reader,
        on=today,
        abilities={"read_screen": {"with": ["screen_reader"]}},
        commute_km=30,
    )
    record_seeker(counsellor, no_phone, on=today, abilities={"phone": "cannot"}, commute_km=30)

    problems = demo_site.browse(_post_the_job)
    posting = JobPosting.objects.get(title=TITLE)
    assert posting.demands == {"read_screen": "essential", "phone": "essential"}

    def counsellor_matches(page: Page) -> list[str]:
        seen = sign_in_by_keyboard(page, "rencheng_counsellor")
        seen += _jobs_page(page, reader)
        suggested = page.locator("ol.suggestions").inner_text()
        assert TITLE in suggested
        assert "读屏软件" in suggested  # met with the accommodation the posting offers
        seen += _refer(page, reader, posting)

        seen += _jobs_page(page, no_phone)
        listed = page.locator("ol.suggestions")
        assert not listed.count() or TITLE not in listed.inner_text()
        type_into(page, "f-q", "读屏", limit=120)
        tab_until(page, button("查找岗位"), what="the 查找岗位 button", limit=5)
        press_and_wait(page)
        tab_until(
            page,
            lambda now: now.tag == "a" and f"posting={posting.pk}" in now.href,
            what="the posting in the list found",
            limit=40,
        )
        press_and_wait(page)
        answer = page.locator("section.panel").filter(has=page.locator("#asked-heading"))
        text = answer.inner_text()
        assert "不会推荐给此人" in text
        assert "硬性条件 3" in text, text
        assert "电话沟通" in text, text
        return seen + serious_violations(page)

    problems += demo_site.browse(counsellor_matches)
    referral = Referral.objects.select_related("person", "posting__employer").get(
        person=reader, posting=posting
    )
    assert referral.state == ReferralState.REFERRED
    problems += demo_site.browse(lambda page: _employer_hires(page, referral))
    reader.refresh_from_db()
    assert reader.employment_status == EmploymentStatus.EMPLOYED
    problems += demo_site.browse(lambda page: _counsellor_sees_the_hire(page, referral))
    assert not problems, "\n".join(problems)
