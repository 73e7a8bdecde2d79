"""What a user does on Ablework's pages, and the axe-core check run on each page they reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from ablework.demo.seeding import DEMO_PASSWORD

LOGIN_PATH = "/accounts/login/"
MISSING_PATH = "/no-such-page/"
BLOCKING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
# The elements that reach past the right edge of the screen (the first few), when the page is
# wider than it: what makes a phone's user scroll sideways.
_TOO_WIDE_JS = """() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
  ? []
  : [...document.querySelectorAll('body *')]
      .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 6)
      .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`)"""

_axe = Axe()


def sign_in(page: Page, username: str, *, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form (in Chinese, the default language) and land on home."""
    page.goto(LOGIN_PATH)
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per rule.

    A click on a link starts a navigation without waiting for the new page; axe is run once
    the page has loaded, and again if the old document went away while axe was reading it.
    """
    page.wait_for_load_state("load")
    try:
        results = _axe.run(page)
    except PlaywrightError:
        page.wait_for_load_state("load")
        results = _axe.run(page)
    return [
        f"{path_of(page.url)}: {violation['id']} ({violation['impact']}) — "
        f"{violation['help']}; at {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def at_both_widths(page: Page) -> list[str]:
    """The page's serious axe violations at the width it has (a desktop's), then at a phone's
    390 px, where it must also fit without scrolling sideways; the width it had is restored."""
    problems = serious_violations(page)
    wide = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        problems += [f"at 390 px, {line}" for line in serious_violations(page)]
        past_the_edge: list[str] = page.evaluate(_TOO_WIDE_JS)
        if past_the_edge:
            problems.append(f"{path_of(page.url)} scrolls sideways at 390 px: {past_the_edge}")
    finally:
        if wide is not None:
            page.set_viewport_size(wide)
    return problems


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_offered(page: Page) -> list[str]:
    """Paths of this site linked from the main navigation and the main content.

    Downloads (CSV exports) are files, not pages, and are left out.
    """
    links = page.locator("header nav a[href], main a[href]:not([download])")
    hrefs: list[str] = links.evaluate_all("links => links.map(link => link.href)")
    origin = urlsplit(page.url).netloc
    return [path_of(href) for href in hrefs if urlsplit(href).netloc == origin]


def section_links(page: Page) -> list[str]:
    """Paths of this site in the page's own navigation (a section's sub-pages), pagers left out."""
    links = page.locator("main nav:not(.pager) a[href]")
    hrefs: list[str] = links.evaluate_all("links => links.map(link => link.href)")
    origin = urlsplit(page.url).netloc
    return [path_of(href) for href in hrefs if urlsplit(href).netloc == origin]


def first_record_link(page: Page) -> str | None:
    """The first record in a list page's results table, if there is one."""
    links = page.locator("main table tbody a[href]")
    return path_of(links.first.evaluate("link => link.href")) if links.count() else None


# What the focused element shows: its outline, and the colour behind the outline, found by looking
# at what lies under the middle of the outline's left (or, at the viewport's edge, right) side.
_FOCUS_RING_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const width = parseFloat(style.outlineWidth) || 0;
  const offset = parseFloat(style.outlineOffset) || 0;
  const y = rect.top + rect.height / 2;
  let x = rect.left - offset - width / 2;
  if (x < 0) x = rect.right + offset + width / 2;
  const under = document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
  let background = getComputedStyle(document.body).backgroundColor;
  for (let node = under; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
  }
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    href: el.getAttribute("href") || "",
    text: text.slice(0, 40),
    outline_style: style.outlineStyle,
    outline_width: width,
    outline_colour: style.outlineColor,
    background: background,
    on_screen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < innerHeight && rect.left < innerWidth,
  };
}"""


@dataclass(frozen=True)
class Focused:
    """The element that has keyboard focus, and how its focus outline shows."""

    tag: str
    id: str
    href: str
    text: str
    outline_style: str
    outline_width: float
    outline_colour: str
    background: str
    on_screen: bool

    def __str__(self) -> str:
        return f"<{self.tag}{'#' + self.id if self.id else ''}> {self.text!r}"

    @property
    def ring_problem(self) -> str | None:
        """Why the focus outline would be hard to see (WCAG 2.4.7, 1.4.11), if it would."""
        if not self.on_screen:
            return f"{self} has focus but is not on screen"
        if self.outline_style == "none" or self.outline_width < 2:
            return f"{self} shows no focus outline ({self.outline_style} {self.outline_width}px)"
        ratio = contrast_ratio(self.outline_colour, self.background)
        if ratio < 3:
            return (
                f"{self}: focus outline {self.outline_colour} on {self.background} "
                f"has contrast {ratio:.2f}:1, under 3:1"
            )
        return None


def focused(page: Page) -> Focused | None:
    """The element with keyboard focus; None when focus is on the page itself."""
    found = page.evaluate(_FOCUS_RING_JS)
    return Focused(**found) if found else None


def tab_to(page: Page, element_id: str, *, limit: int = 40) -> None:
    """Press Tab until the element with this id has focus."""
    tab_until(page, lambda now: now.id == element_id, what=f"#{element_id}", limit=limit)


def tab_until(
    page: Page, matches: Callable[[Focused], bool], *, what: str, limit: int = 40
) -> Focused:
    """Press Tab until the focused element matches (a link by its href, a button by its text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now is not None and matches(now):
            return now
    raise AssertionError(f"{what} is not reached within {limit} presses of Tab")


def _luminance(colour: str) -> float:
    def linear(channel: str) -> float:
        value = float(channel) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(colour: str, other: str) -> float:
    """WCAG 2 contrast ratio of two computed CSS colours (`rgb(…)`)."""
    light, dark = sorted((_luminance(colour), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
