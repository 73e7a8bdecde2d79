"""After a failed submit the error summary takes focus and lists every problem; groups of boxes
have legends and each box its own label, with no serious axe-core violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ablework.demo.synthetic import resident_id_with_check
from tests.browser.pages import focused, serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

RESIDENT_ID = resident_id_with_check("37081119880214002")
WRONG_CHECK = RESIDENT_ID[:-1] + ("1" if RESIDENT_ID[-1] != "1" else "2")

# Every checkbox and radio button of the page: inside a fieldset with a legend, with a label of
# its own that comes after the box.
_BOXES_JS = """() => [...document.querySelectorAll('main input[type=checkbox], main [type=radio]')]
  .filter(box => !box.closest('table'))
  .map(box => {
    const label = document.querySelector(`label[for="${box.id}"]`);
    const legend = box.closest('fieldset')?.querySelector('legend');
    return {
      id: box.id,
      label: label ? label.innerText.trim() : null,
      before_label: label
        ? !!(box.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING) : false,
      legend: legend ? legend.innerText.trim() : null,
    };
  })"""


def test_failed_registration_focuses_one_summary_listing_every_problem(demo_site: DemoSite):
    def journey(page: Page) -> tuple[dict[str, object], list[str]]:
        sign_in(page, "rencheng_counsellor")
        page.goto("/persons/new/")
        boxes = page.evaluate(_BOXES_JS)
        problems = serious_violations(page)
        # a mistyped check digit and no name, sent once
        page.locator("#id_resident_id").fill(WRONG_CHECK)
        page.locator("#id_certificate_number").fill(WRONG_CHECK + "53")
        with page.expect_navigation():
            page.locator("#id_resident_id").press("Enter")
        summary = page.get_by_role("alert")
        now = focused(page)
        seen = {
            "alerts": summary.count(),
            "focus": now.id if now else None,
            "text": summary.inner_text(),
            "links": summary.get_by_role("link").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))"
            ),
            "boxes": boxes,
        }
        problems += serious_violations(page)
        # the next Tab reaches the summary's first link; Enter puts focus on that field
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        after = focused(page)
        seen["first_link_target"] = after.id if after else None
        return seen, problems

    seen, problems = demo_site.browse(journey)

    assert seen["alerts"] == 1
    assert seen["focus"] == "error-summary"
    assert "校验码应为" in str(seen["text"])
    assert {"#id_resident_id", "#id_name"} <= set(seen["links"])  # type: ignore[arg-type]
    assert seen["first_link_target"] == str(seen["links"][0])[1:]  # type: ignore[index]
    boxes = seen["boxes"]
    assert boxes, "the registration form has checkboxes"
    for box in boxes:  # type: ignore[attr-defined]
        assert box["label"], box
        assert box["before_label"], box
        assert box["legend"] == "沟通需要", box
    assert problems == [], "\n".join(problems)


def test_comparison_upload_radios_are_a_labelled_group(demo_site: DemoSite):
    def journey(page: Page) -> tuple[list[dict[str, object]], list[str]]:
        sign_in(page, "rencheng_counsellor")
        page.goto("/imports/compare/")
        boxes = page.evaluate(_BOXES_JS)
        problems = serious_violations(page)
        with page.expect_navigation():
            page.get_by_role("button", name="上传并比对").click()
        problems += serious_violations(page)
        assert focused(page) is not None
        return boxes, problems

    boxes, problems = demo_site.browse(journey)

    assert len(boxes) >= 3
    assert all(box["label"] and box["before_label"] for box in boxes), boxes
    assert {box["legend"] for box in boxes} == {"名单来自（必填）"}
    assert problems == [], "\n".join(problems)


def test_the_employer_edit_form_offers_the_township_and_lists_its_problems(demo_site: DemoSite):
    def check(page: Page) -> tuple[list[str], str, list[str]]:
        sign_in(page, "rencheng_admin")
        page.goto("/employers/")
        page.locator("main table tbody a[href]").first.click()
        with page.expect_navigation():
            page.get_by_role("link", name="修改单位信息").click()
        problems = serious_violations(page)
        township = page.get_by_label("乡镇（街道）")
        streets = township.locator("option").all_inner_texts()
        township.select_option(label="越河街道")
        page.get_by_label("在职职工人数").fill("")
        with page.expect_navigation():
            page.get_by_role("button", name="保存修改").click()
        summary = page.get_by_role("alert").inner_text()
        return streets, summary, problems + serious_violations(page)

    streets, summary, problems = demo_site.browse(check)

    assert {"古槐街道", "越河街道", "南苑街道"} <= set(streets)
    assert "在职职工人数" in summary
    assert problems == [], "\n".join(problems)
