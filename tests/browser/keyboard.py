"""What a keyboard user does in the journeys: sign in by typing, Tab to a link or button and
press Enter, type into a field, tick a box, choose a radio button. One set for every journey,
so each test says what the user does and not how Playwright is driven."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from ablework.demo.seeding import DEMO_PASSWORD
from tests.browser.pages import LOGIN_PATH, Focused, focused, serious_violations, tab_to, tab_until


def press_and_wait(page: Page, key: str = "Enter") -> None:
    """Press a key that loads a page (Enter on a link or a submit button) and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_to_text(page: Page, text: str, *, limit: int = 80, exact: bool = False) -> None:
    """Press Tab until the focused element says `text` (or, unless exact, starts with it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now is not None and (now.text == text if exact else now.text.startswith(text)):
            return
    raise AssertionError(f"{text!r} is not reached within {limit} presses of Tab")


def link_to(path: str) -> Callable[[Focused], bool]:
    """A link to `path`, whatever its query."""
    return lambda now: now.tag == "a" and now.href.split("?")[0].split("#")[0] == path


def button(text: str) -> Callable[[Focused], bool]:
    return lambda now: now.tag == "button" and now.text == text


def sign_in_by_keyboard(page: Page, username: str) -> list[str]:
    """The login page is the one page opened by address; the rest is typed."""
    page.goto(LOGIN_PATH)
    tab_to(page, "id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    press_and_wait(page)
    assert page.url.endswith("/"), page.url
    return serious_violations(page)


def follow(page: Page, path: str, *, limit: int = 120) -> list[str]:
    """Tab to the link to `path`, press Enter, and check the page reached."""
    tab_until(page, link_to(path), what=f"the link to {path}", limit=limit)
    press_and_wait(page)
    assert page.url.split("?")[0].split("#")[0].endswith(path), page.url
    return serious_violations(page)


def check_radio(page: Page, first_id: str, *, down: int = 0, limit: int = 80) -> None:
    """Tab into a radio group (on its first choice), choose with Space, move with arrows."""
    tab_to(page, first_id, limit=limit)
    page.keyboard.press("Space")
    for _ in range(down):
        page.keyboard.press("ArrowDown")


def tick(page: Page, box_id: str, *, limit: int = 80) -> None:
    tab_to(page, box_id, limit=limit)
    page.keyboard.press("Space")


def type_into(page: Page, field_id: str, text: str, *, limit: int = 80) -> None:
    """Tab to a field and type, as a keyboard user does."""
    tab_to(page, field_id, limit=limit)
    page.keyboard.type(text)


def step_date_parts(page: Page, times: int) -> None:
    """In a focused, empty date field, Up `times` on each part: month and day `times` and the
    year `times - 1` after this one, whatever order the browser's locale puts the parts in."""
    for part in range(3):
        for _ in range(times):
            page.keyboard.press("ArrowUp")
        if part < 2:
            page.keyboard.press("ArrowRight")


def year_end_at(page: Page, hours_minutes: str) -> None:
    """In a focused, empty date-and-time field: Down once on each part of the date (31 December
    of this year, in whatever order the locale puts them), then the time typed as four digits,
    in the morning ("A" chooses AM where the clock has 12 hours, and does nothing elsewhere)."""
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowRight")
    page.keyboard.type(f"{hours_minutes}A")
