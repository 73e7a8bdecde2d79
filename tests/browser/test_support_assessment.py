"""The vocational capacity assessment by keyboard alone: a demand's 16 accommodation boxes take
Tab stops only once "借助便利条件能胜任" is chosen for it, so the whole form is crossed in a few
dozen presses of Tab instead of about 290 (measured in the same run with the page's script
blocked, which is also the page without JavaScript: every box shows). A "with" left without an
accommodation is refused on its field; the error summary's link puts focus on the field's first
box. No serious axe-core violation on the way."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from ablework.support.models import Assessment
from ablework.support.vocabulary import Accommodation, Demand
from tests.browser.pages import focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.browser

WORKER = "rencheng_township"
SCRIPT = "**/support/shown-when.js"


def stops_until_save(page: Page) -> list[str]:
    """Press Tab from where focus is until the 保存 button: the ids (or tags) of every stop."""
    stops: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now is not None, f"focus left the page after {stops}"
        stops.append(now.id or f"<{now.tag}> {now.text}")
        if now.tag == "button" and now.text == "保存":
            return stops
    raise AssertionError(f"保存 not reached in 400 presses of Tab: {stops[-20:]}")


def test_the_assessment_is_crossed_in_few_tab_stops_and_shows_a_demands_boxes_when_chosen(
    demo_site: DemoSite, demo_support: Any
):
    person = PersonFactory(name="钱小雨", township_code="370811001")
    url = reverse("support:record_assessment", args=[person.pk])

    def journey(page: Page) -> dict[str, Any]:
        sign_in(page, WORKER)
        # without the script (or JavaScript): every demand shows every box
        page.route(SCRIPT, lambda route: route.abort())
        page.goto(url)
        boxes_without_script = page.locator("main input[type=checkbox]:visible").count()
        tab_to(page, "id_on", limit=80)
        crossing_without_script = stops_until_save(page)
        page.unroute(SCRIPT)

        page.goto(url)
        problems = serious_violations(page)
        hidden_at_start = page.locator("[data-shown-when-name]:visible").count()

        # crossing the untouched form, from its first field to 保存
        tab_to(page, "id_on", limit=80)
        crossing = stops_until_save(page)

        # filling it: reading a screen with a screen reader; stairs not; driving first with an
        # accommodation, then back to "能胜任" (the box it had ticked hides and sends nothing);
        # 阅读纸质文字 "with" but no box ticked yet
        page.reload()
        presses = 0

        def tab_to_counted(element_id: str, limit: int = 40) -> None:
            nonlocal presses
            for _ in range(limit):
                page.keyboard.press("Tab")
                presses += 1
                now = focused(page)
                if now is not None and now.id == element_id:
                    return
            raise AssertionError(f"#{element_id} not reached in {limit} presses of Tab")

        tab_to_counted("id_ability_read_print_0", limit=80)
        page.keyboard.press("ArrowDown")  # 借助便利条件能胜任, no accommodation chosen
        tab_to_counted("id_ability_read_screen_0")
        page.keyboard.press("ArrowDown")
        shown_after_choice = page.locator("#id_with_read_screen_box").is_visible()
        problems += serious_violations(page)
        tab_to_counted("id_with_read_screen_0", limit=1)  # the next stop: 读屏软件
        page.keyboard.press("Space")
        tab_to_counted("id_ability_stairs_0")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # 不能胜任
        tab_to_counted("id_ability_drive_0")
        page.keyboard.press("ArrowDown")
        tab_to_counted("id_with_drive_0", limit=1)
        page.keyboard.press("Space")
        page.keyboard.press("Shift+Tab")
        presses += 1
        page.keyboard.press("ArrowUp")  # back to 能胜任
        drive_hidden_again = page.locator("#id_with_drive_box").is_hidden()
        tab_to_counted("id_hours_per_day")
        page.keyboard.type("6")
        tab_to_counted("id_pathway_0")
        page.keyboard.press("Space")  # 竞争性就业
        tab_to_counted("id_methods_0")
        page.keyboard.press("Space")  # 面谈
        tab_to_counted("id_summary")
        page.keyboard.type("能用读屏软件做电脑上的工作，不能上下楼梯。")
        stops = stops_until_save(page)
        presses += len(stops)
        with page.expect_navigation():
            page.keyboard.press("Enter")

        # refused: the summary has focus, its link goes to 阅读纸质文字's first box
        summary = page.get_by_role("alert").inner_text()
        problems += serious_violations(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        after_link = focused(page)
        visible_boxes = page.locator("[data-shown-when-name]:visible").evaluate_all(
            "boxes => boxes.map(box => box.id)"
        )
        page.keyboard.press("Space")  # 读屏软件 helps with printed text too
        stops = stops_until_save(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        problems += serious_violations(page)
        return {
            "problems": problems,
            "hidden_at_start": hidden_at_start,
            "crossing": crossing,
            "boxes_without_script": boxes_without_script,
            "crossing_without_script": crossing_without_script,
            "shown_after_choice": shown_after_choice,
            "drive_hidden_again": drive_hidden_again,
            "presses": presses,
            "summary": summary,
            "after_link": after_link.id if after_link else None,
            "visible_boxes": visible_boxes,
            "saved": "已记录职业能力评估" in page.locator("main").inner_text(),
        }

    seen = demo_site.browse(journey)
    assert seen["problems"] == [], "\n".join(seen["problems"])
    # without the script: 16 boxes for each of the 16 demands, and 16 for the form's own needs
    everything = len(Demand) * len(Accommodation) + len(Accommodation)
    assert seen["boxes_without_script"] >= everything
    before = seen["crossing_without_script"]
    assert sum(stop.startswith("id_with_") for stop in before) == len(Demand) * len(Accommodation)
    # with it: no accommodation box shows before its "with" is chosen
    assert seen["hidden_at_start"] == 0
    crossing = seen["crossing"]
    assert not [stop for stop in crossing if stop.startswith("id_with_")], crossing
    # each demand's radio group is one stop; the form's other fields and 保存 make up the rest
    assert sum(stop.startswith("id_ability_") for stop in crossing) == len(Demand)
    assert len(crossing) == len(before) - len(Demand) * len(Accommodation)
    assert len(crossing) < len(before) / 5, (len(crossing), len(before))
    # filling it in (two "with"s, one of them undone) from the top of the page still takes
    # fewer presses than crossing the form alone did
    assert seen["presses"] < len(before) / 2, (seen["presses"], len(before))
    assert seen["shown_after_choice"]
    assert seen["drive_hidden_again"]
    assert "“阅读纸质文字”选了借助便利条件，请至少选一项便利条件。" in seen["summary"]
    assert seen["after_link"] == "id_with_read_print_0"
    assert sorted(seen["visible_boxes"]) == ["id_with_read_print_box", "id_with_read_screen_box"]
    assert seen["saved"]
    assessment = Assessment.objects.get(person=person)
    assert assessment.abilities == {
        "read_print": {"with": ["screen_reader"]},
        "read_screen": {"with": ["screen_reader"]},
        "stairs": "cannot",
    }
    assert (assessment.hours_per_day, assessment.pathway) == (6, "competitive")
