"""The API documentation opens from the footer and works offline, within the site's CSP."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request

from ablework.accounts.models import User
from tests.accounts.factories import CounsellorFactory
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import BrowserSession, DemoSite

pytestmark = pytest.mark.browser

# Recorded by the page itself, before any of its scripts run: what the CSP refused.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@dataclass
class Watched:
    """What a page asked for beyond its own site, and what went wrong while it ran."""

    origin: str
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        if urlsplit(request.url).netloc != self.origin and not request.url.startswith("data:"):
            self.outside.append(request.url)

    def on_request_failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def on_console(self, message: ConsoleMessage) -> None:
        # The browser asks for /favicon.ico by itself; the site has none (a 404 for every page).
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            self.console_errors.append(message.text)


def watch(page: Page, *, site: str) -> Watched:
    """Start recording a page's requests to other sites, failures, console errors and CSP."""
    watched = Watched(origin=urlsplit(site).netloc)
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.on("request", watched.on_request)
    page.on("requestfailed", watched.on_request_failed)
    page.on("console", watched.on_console)
    return watched


@pytest.fixture
def api_docs_site(browser: BrowserSession, live_server: object, national_regions: None) -> DemoSite:
    """The live server with a single counsellor account: the docs need no demo data."""
    counsellor: User = CounsellorFactory(username="docs_reader")
    return DemoSite(url=str(live_server), users={"docs_reader": counsellor}, browser=browser)


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_footer_leads_to_api_docs_that_load_offline_and_pass_axe(
    api_docs_site: DemoSite, contrast: str
):
    def journey(page: Page) -> tuple[Watched, list[str], list[str], str]:
        watched = watch(page, site=api_docs_site.url)
        # given a signed-in counsellor, who follows the footer's link
        sign_in(page, "docs_reader")
        with page.expect_navigation():
            page.locator("footer").get_by_role("link", name="接口文档（API）").click()
        # then Swagger UI shows every operation of the API
        page.locator(".opblock").first.wait_for()
        assert page.get_by_role("heading", name="接口文档", exact=True).is_visible()
        assert page.locator(".opblock").count() >= 7
        problems = serious_violations(page)
        # and "Try it out" on the person list really calls the API, with the session
        operation = page.locator("#operations-persons-ablework_registry_api_list_persons")
        operation.locator(".opblock-summary").click()
        operation.get_by_role("button", name="Try it out").click()
        operation.get_by_role("button", name="Execute").click()
        status = operation.locator(".live-responses-table tbody .response-col_status").first
        status.wait_for()
        problems += serious_violations(page)
        violations: list[str] = page.evaluate("window.__cspViolations")
        return watched, violations, problems, status.inner_text().strip()

    watched, csp_violations, problems, status = api_docs_site.browse(
        journey, cookies=[{"name": "ablework_contrast", "value": contrast}]
    )

    assert status == "200"
    assert csp_violations == []
    assert watched.outside == [], "requests beyond the site"
    assert watched.failed == []
    assert watched.console_errors == []
    assert problems == [], "\n".join(problems)
