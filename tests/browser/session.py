"""One headless chromium for the test session, driven by Playwright from a thread of its own.

Playwright's sync API keeps an asyncio loop marked as running in the thread that uses it. Django
takes any thread with a running loop for async code: it refuses database calls there, and hands
out other connection objects than the test database's. The tests' own database work (seeding,
the flush between tests) therefore stays in pytest's thread, and every browser call runs in the
Playwright thread: a test passes a function of a fresh page to `BrowserSession.run`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# `playwright install` cannot download browsers here: Debian's chromium runs offline instead.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000

Result = TypeVar("Result")


class BrowserSession:
    """A browser started once; each `run` gets a new context (no cookies) and page."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def start(self) -> None:
        self._thread.submit(self._launch).result()

    def close(self) -> None:
        self._thread.submit(self._shut_down).result()
        self._thread.shutdown()

    def run(
        self,
        journey: Callable[[Page], Result],
        *,
        base_url: str,
        cookies: Sequence[dict[str, str]] = (),
    ) -> Result:
        """Call `journey(page)` on a fresh page in the Playwright thread and return its result."""
        return self._thread.submit(self._in_fresh_context, journey, base_url, cookies).result()

    def _launch(self) -> None:
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )

    def _shut_down(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def _in_fresh_context(
        self,
        journey: Callable[[Page], Any],
        base_url: str,
        cookies: Sequence[dict[str, str]],
    ) -> Any:
        assert self._browser is not None, "the browser session was not started"
        context = self._browser.new_context(base_url=base_url, locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        if cookies:
            context.add_cookies(
                [{"name": c["name"], "value": c["value"], "url": base_url} for c in cookies]
            )
        try:
            return journey(context.new_page())
        finally:
            context.close()


class DemoSite:
    """The demo data set served by the live server, and the browser to visit it with."""

    def __init__(self, *, url: str, users: dict[str, Any], browser: BrowserSession) -> None:
        self.url = url
        self.users = users
        self._browser = browser

    def browse(
        self, journey: Callable[[Page], Result], *, cookies: Sequence[dict[str, str]] = ()
    ) -> Result:
        """Call `journey(page)` on a fresh page of a new browser profile, at the live server."""
        return self._browser.run(journey, base_url=self.url, cookies=cookies)
