"""The registry's pages by keyboard alone, with no serious axe-core violation: registering a
person (with a mistake, then fixed), the quarterly round, the reviewer's pages, and each action
page of a record, correcting a resident ID among them."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from ablework.demo.synthetic import resident_id_with_check
from ablework.registry.models import Person
from tests.browser.pages import focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

RESIDENT_ID = resident_id_with_check("37081119880214002")  # a woman born 1988-02-14
WRONG_CHECK = RESIDENT_ID[:-1] + ("1" if RESIDENT_ID[-1] != "1" else "2")


def type_into(page: Page, element_id: str, text: str) -> None:
    """Tab to a field and type, as a keyboard user does."""
    tab_to(page, element_id, limit=80)
    page.keyboard.type(text)


def choose(page: Page, element_id: str, label: str, *, key: str = "ArrowDown") -> None:
    """Tab to a select and move through its options with the arrow key until `label` is
    chosen (down by default; `key="ArrowUp"` from a later option)."""
    tab_to(page, element_id, limit=80)
    selected = f"document.getElementById('{element_id}').selectedOptions[0].text"
    for _ in range(12):
        if page.evaluate(selected) == label:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{label} is not an option of #{element_id}")


@pytest.mark.slow
def test_counsellor_registers_a_person_by_keyboard_fixing_a_mistake(demo_site: DemoSite):
    def journey(page: Page) -> list[str]:
        sign_in(page, "rencheng_counsellor")
        page.goto("/persons/new/")
        problems = serious_violations(page)
        # a mistyped check digit first
        type_into(page, "id_resident_id", WRONG_CHECK)
        type_into(page, "id_certificate_number", WRONG_CHECK + "53")
        type_into(page, "id_name", "键盘登记")
        choose(page, "id_retirement_base_age", "50周岁")
        choose(page, "id_employment_status", "未就业")
        tab_to(page, "id_training_wished", limit=80)
        page.keyboard.type("家政服务")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        # the summary is an alert whose first link leads to the field
        alert = page.get_by_role("alert")
        assert "校验码应为" in alert.inner_text()
        problems += serious_violations(page)
        alert.get_by_role("link").first.focus()
        page.keyboard.press("Enter")
        now = focused(page)
        assert now is not None
        assert now.id == "id_resident_id"
        # fix both numbers and send again
        page.keyboard.press("Control+A")
        page.keyboard.type(RESIDENT_ID)
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type(RESIDENT_ID + "53")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/persons/new/" not in url)
        assert page.get_by_role("heading", level=1).inner_text() == "键盘登记"
        problems += serious_violations(page)
        return problems

    problems = demo_site.browse(journey)

    person = Person.objects.get(name="键盘登记")
    assert (person.sex, person.birth_date) == ("female", date(1988, 2, 14))
    assert (person.disability_category, person.disability_grade) == (5, 3)
    assert problems == [], "\n".join(problems)


def test_counsellor_marks_the_first_person_due_as_updated_by_keyboard(demo_site: DemoSite):
    def journey(page: Page) -> tuple[str, list[str]]:
        sign_in(page, "rencheng_counsellor")
        page.goto("/persons/updates/")
        problems = serious_violations(page)
        first = page.locator("main tbody input[type=checkbox]").first
        box_id = first.get_attribute("id")
        assert box_id is not None
        name = page.locator("main tbody th").first.inner_text()
        tab_to(page, box_id, limit=120)
        page.keyboard.press("Space")
        tab_to(page, "id_note", limit=120)
        page.keyboard.type("电话核实")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert "已将 1 人标记为本季度已更新" in page.get_by_role("status").first.inner_text()
        problems += serious_violations(page)
        return name, problems

    name, problems = demo_site.browse(journey)

    assert Person.objects.filter(name=name, last_verified_on__isnull=False).exists()
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_reviewer_pages_have_no_serious_violation(demo_site: DemoSite):
    first, second = Person.objects.filter(county_code="370811").order_by("pk")[:2]
    Person.objects.filter(pk=second.pk).update(name=first.name, birth_date=first.birth_date)

    def journey(page: Page) -> list[str]:
        sign_in(page, "rencheng_admin")
        problems = []
        for path in ["/persons/updates/progress/", "/persons/duplicates/"]:
            page.goto(path)
            problems += serious_violations(page)
        group = page.get_by_role("region", name=f"{first.name}，{first.birth_date:%Y}")
        group.get_by_role("link", name="保留甲，把乙合并进来").press("Enter")
        page.wait_for_load_state()
        problems += serious_violations(page)
        page.get_by_role("button").filter(has_text="并入保留的记录").press("Enter")
        page.wait_for_load_state()
        assert page.get_by_role("alert").count() == 1  # the reason is required
        problems += serious_violations(page)
        return problems

    problems = demo_site.browse(journey)

    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_county_admin_reaches_every_record_action_and_corrects_a_resident_id_by_keyboard(
    demo_site: DemoSite,
):
    # a man recorded with the men's original retirement age, whose true number is a woman's
    person = Person.objects.filter(
        county_code="370811", sex="male", merged_into__isnull=True
    ).first()
    assert person is not None
    Person.objects.filter(pk=person.pk).update(retirement_base_age=60)
    true_number = resident_id_with_check("37081119900305004")  # a woman born 1990-03-05

    def journey(page: Page) -> list[str]:
        sign_in(page, "rencheng_admin")
        record = f"/persons/{person.pk}/"
        problems = []
        for action in ("修改信息", "添加标记", "添加培训记录", "登记证件变化"):
            page.goto(record)
            page.get_by_role("link", name=action, exact=True).press("Enter")
            page.wait_for_url(lambda url: not url.endswith(record))
            problems += serious_violations(page)
        page.goto(record)
        page.get_by_role("link", name="更正公民身份号码", exact=True).press("Enter")
        page.wait_for_url(lambda url: url.endswith("/identity/"))
        problems += serious_violations(page)
        # both numbers, but no reason: the summary says what is missing
        type_into(page, "id_resident_id", true_number)
        type_into(page, "id_certificate_number", true_number + "12")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "更正原因和依据" in page.get_by_role("alert").inner_text()
        problems += serious_violations(page)
        # with a reason, the men's retirement age kept no longer fits: choose a woman's
        type_into(page, "id_reason", "核对身份证原件")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "原法定退休年龄" in page.get_by_role("alert").inner_text()
        problems += serious_violations(page)
        choose(page, "id_retirement_base_age", "55周岁", key="ArrowUp")
        tab_to(page, "id_reason")  # the reason typed is still there; Enter sends the form
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: url.endswith(record))
        assert "已更正号码" in page.get_by_role("main").inner_text()
        problems += serious_violations(page)
        return problems

    problems = demo_site.browse(journey)

    corrected = Person.objects.get(pk=person.pk)
    assert (corrected.sex, corrected.birth_date) == ("female", date(1990, 3, 5))
    assert (corrected.disability_category, corrected.retirement_base_age) == (1, 55)
    assert problems == [], "\n".join(problems)
