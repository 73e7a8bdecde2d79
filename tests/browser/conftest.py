"""Fixtures for the browser tests: one chromium per session, the demo data on a live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ablework.accounts.models import User
from tests.browser.session import CHROMIUM, BrowserSession, DemoSite


@pytest.fixture(scope="session")
def browser() -> Iterator[BrowserSession]:
    """Headless chromium for the whole session; a missing browser fails the tests, never skips."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}: "
            "run `apt-get install -y chromium fonts-noto-cjk` (.ci/run installs it).",
            pytrace=False,
        )
    session = BrowserSession()
    session.start()
    yield session
    session.close()


@pytest.fixture
def demo_site(
    browser: BrowserSession,
    live_server: object,
    national_regions: None,
    demo_data: dict[str, User],
) -> DemoSite:
    """The seeded demo data, committed so that the live server's thread sees it."""
    return DemoSite(url=str(live_server), users=demo_data, browser=browser)
