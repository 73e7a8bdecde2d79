"""The sections every installed app declares in its `sections.py`, collected once: the main
navigation, the home page's cards, the pages each permission must reach and the panels apps add
to each other's pages come from here."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from django.apps import apps

from ablework.core.section_parts import (
    NavEntry,
    Panel,
    Reachable,
    Section,
    ShownCard,
    Viewer,
    allowed,
)

MODULE = "sections"


@cache
def installed_sections() -> tuple[Section, ...]:
    """The `SECTION` of each installed app that has a `sections` module, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        name = f"{app.name}.{MODULE}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        found.append(module.SECTION)
    return tuple(found)


def navigation_for(viewer: Viewer) -> list[NavEntry]:
    """The main navigation's entries the viewer may open, in their declared order."""
    entries = [entry for section in installed_sections() for entry in section.nav]
    return sorted(
        (entry for entry in entries if allowed(viewer, entry.permission)),
        key=lambda entry: entry.order,
    )


def cards_for(viewer: Viewer) -> list[ShownCard]:
    """The home page's cards for the viewer, in their declared order."""
    cards = sorted(
        (card for section in installed_sections() for card in section.cards),
        key=lambda card: card.order,
    )
    return [shown for card in cards if (shown := card.shown_to(viewer)) is not None]


def pages_reached_with(permissions: frozenset[str]) -> set[str]:
    """URL names a user holding these permissions must reach from navigation and home page."""
    pages: list[Reachable] = [
        page for section in installed_sections() for page in section.reachable
    ]
    pages += [
        Reachable(entry.url_name, entry.permission)
        for section in installed_sections()
        for entry in section.nav
    ]
    return {
        page.url_name for page in pages if page.permission is None or page.permission in permissions
    }


def panels_for(page: str, viewer: Viewer) -> list[Panel]:
    """The panels apps add to the page named `page` that the viewer may see, in their order."""
    panels = (
        panel
        for section in installed_sections()
        for panel in section.panels
        if panel.page == page and allowed(viewer, panel.permission)
    )
    return sorted(panels, key=lambda panel: panel.order)
