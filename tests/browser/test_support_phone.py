"""Employment services on a phone (390 CSS pixels wide): no page scrolls sideways, and every
table sits in its own scrolling region, named by its caption and reachable by keyboard, so a
wide table scrolls within the page instead of widening it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from ablework.demo.escalation import seed_escalation_demo
from ablework.support.models import (
    Assessment,
    EscalationProposal,
    Graduate,
    ZeroEmploymentHousehold,
)
from tests.browser.pages import path_of, serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# What a page shows on a phone: whether it is wider than the screen, and each table's region
_LAYOUT_JS = """() => ({
  page_width: document.documentElement.scrollWidth,
  screen_width: document.documentElement.clientWidth,
  too_wide: [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`),
  tables: [...document.querySelectorAll('main table')].map(table => {
    const region = table.parentElement.closest('.table-scroll');
    const name = region && document.getElementById(region.getAttribute('aria-labelledby'));
    return {
      caption: table.caption ? table.caption.innerText.trim() : null,
      role: region ? region.getAttribute('role') : null,
      tabindex: region ? region.getAttribute('tabindex') : null,
      named_by: name ? name.innerText.trim() : region && region.getAttribute('aria-label'),
      region_width: region ? region.getBoundingClientRect().right : null,
    };
  }),
})"""


def layouts(page: Page, username: str, paths: list[str], axe: set[str]) -> dict[str, Any]:
    """Each page's layout at a phone's width; axe-core's serious violations on the `axe` ones
    (forms behind a record's page, which the accessibility crawl does not reach from a list)."""
    sign_in(page, username)
    page.set_viewport_size(PHONE)
    seen = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        seen[path_of(page.url)] = page.evaluate(_LAYOUT_JS)
        if path in axe:
            seen[path_of(page.url)]["violations"] = serious_violations(page)
    return seen


def test_employment_services_pages_fit_a_phone_with_their_tables_in_scrolling_regions(
    demo_site: DemoSite,
    demo_quota: object,
    demo_support: object,
    demo_support_records: object,
    demo_plans: dict[str, Any],
    demo_difficulty: object,
    demo_households: object,
    demo_graduates: object,
):
    seed_escalation_demo(dict(demo_site.users))  # 岳麓区's (with demo_quota's Hunan admin)
    own = demo_site.users["person_user"].person_id
    assessed = Assessment.objects.filter(person__county_code="370811").first()
    graduate = Graduate.objects.filter(county_code="370811").first()
    household = ZeroEmploymentHousehold.objects.filter(county_code="370811").first()
    proposal = EscalationProposal.objects.filter(decision="").first()
    assert assessed is not None
    assert graduate is not None
    assert household is not None
    assert proposal is not None
    visits = {
        "rencheng_counsellor": [
            reverse("support:queue"),
            reverse("support:person", args=[assessed.person_id]),
            reverse("support:person", args=[own]),
            reverse("support:plan", args=[own]),
            reverse("support:plan_versions", args=[own]),
            reverse("support:corrections"),
            reverse("support:difficulty_list"),
            reverse("support:graduates"),
            reverse("support:graduate", args=[graduate.pk]),
            reverse("support:households"),
            reverse("support:household", args=[household.pk]),
        ],
        "rencheng_admin": [
            reverse("support:completion") + "?county=370811",
            reverse("support:completion_persons") + "?what=no_plan&region=370811",
            reverse("support:plans_awaiting"),
            reverse("support:difficulty_pending"),
            reverse("support:complaints"),
            reverse("support:escalations"),
        ],
        "yuelu_counsellor": [
            reverse("support:escalations"),
            reverse("support:escalation_decide", args=[proposal.pk]),
            reverse("support:escalation_reassign", args=[proposal.pk]),
        ],
    }
    axe = {reverse("support:escalation_reassign", args=[proposal.pk])}
    seen: dict[str, Any] = {}
    for username, paths in visits.items():
        seen |= demo_site.browse(lambda page, u=username, p=paths: layouts(page, u, p, axe))

    violations = [v for page in seen.values() for v in page.get("violations", [])]
    assert violations == [], "\n".join(violations)
    wide = {
        path: (page["page_width"], page["too_wide"])
        for path, page in seen.items()
        if page["page_width"] > 390
    }
    assert not wide, f"wider than a 390 px phone: {wide}"
    for path, page in seen.items():
        for table in page["tables"]:
            assert table["role"] == "region", (path, table)
            assert table["tabindex"] == "0", (path, table)
            assert table["named_by"], (path, table)
            assert table["region_width"] <= page["screen_width"], (path, table)
    # the pages of this issue each show at least one table in the demo
    with_tables = {path for path, page in seen.items() if page["tables"]}
    for path in [
        reverse("support:plans_awaiting"),
        reverse("support:plan", args=[own]),
        reverse("support:plan_versions", args=[own]),
        reverse("support:person", args=[assessed.person_id]),
        reverse("support:complaints"),
        reverse("support:corrections"),
        reverse("support:difficulty_pending"),
        reverse("support:difficulty_list"),
        reverse("support:households"),
        reverse("support:graduates"),
        reverse("support:escalation_decide", args=[proposal.pk]),
    ]:
        assert path in with_tables, (path, sorted(with_tables))
