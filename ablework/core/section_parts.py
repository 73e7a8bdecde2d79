"""What each app declares about itself for the shell: its entries in the main navigation, its
cards on the home page, the pages a user with a permission must be able to reach from them, and
the panels it adds to another app's pages.

An app puts one `SECTION = Section(...)` in its own `sections.py`; the shell collects them from
INSTALLED_APPS (`ablework.shell.navigation`), so a new app edits neither the base template, nor
the home page, nor the browser crawl.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Model, QuerySet
from django.urls import ResolverMatch
from django.utils.functional import Promise

from ablework.core.counting import cached_count

Text = str | Promise


class Viewer(Protocol):
    """The signed-in user, as far as a section needs to know them."""

    role: str

    def has_named_permission(self, permission: Any) -> bool: ...


def allowed(viewer: Viewer, permission: str | None) -> bool:
    """Whether the viewer holds the permission (None: everyone signed in)."""
    return permission is None or viewer.has_named_permission(permission)


@dataclass(frozen=True)
class NavEntry:
    """One link of the main navigation."""

    label: Text
    url_name: str
    permission: str | None = None
    order: int = 100
    # the namespace ("registry") or view name ("shell:audit") of the pages it is current on
    current_for: str = ""
    # view names inside `current_for` that another entry is current on ("quota:review")
    except_for: tuple[str, ...] = ()

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None or match.view_name in self.except_for:
            return False
        current_for = self.current_for or self.url_name
        return current_for in (match.view_name, match.namespace)


@dataclass(frozen=True)
class Link:
    """A link on a card; `more` is read to screen readers after the label."""

    label: Text
    url: str
    more: Text = ""


@dataclass(frozen=True)
class Figure:
    """A number on a card, linking to the list it counts; `approximate` shows "约"."""

    value: int
    url: str
    unit: Text  # read after the number by screen readers: "人，查看名单"
    approximate: bool = False


def count_figure(queryset: QuerySet[Model], *, url: str, unit: Text) -> Figure:
    """A figure counting a queryset cheaply: counted once per few minutes for the same query
    (which carries the viewer's scope), and shown as approximate when reused."""
    count = cached_count(queryset)
    return Figure(value=count.value, url=url, unit=unit, approximate=count.approximate)


@dataclass(frozen=True)
class Card:
    """A card of the home page; `figure` and `links` are computed for the viewer."""

    key: str
    title: Text
    description: Text = ""
    permission: str | None = None
    order: int = 100
    applies: Callable[[Viewer], bool] | None = None
    figure: Callable[[Viewer], Figure | None] | None = None
    links: Callable[[Viewer], Sequence[Link]] | None = None
    empty: Text = ""  # shown when `links` gives none

    def shown_to(self, viewer: Viewer) -> ShownCard | None:
        """The card as this viewer sees it, or None when it is not for them."""
        if not allowed(viewer, self.permission):
            return None
        if self.applies is not None and not self.applies(viewer):
            return None
        return ShownCard(
            key=self.key,
            title=self.title,
            description=self.description,
            figure=self.figure(viewer) if self.figure else None,
            links=list(self.links(viewer)) if self.links else [],
            empty=self.empty,
        )


@dataclass(frozen=True)
class ShownCard:
    key: str
    title: Text
    description: Text
    figure: Figure | None
    links: list[Link]
    empty: Text


@dataclass(frozen=True)
class Reachable:
    """A page (URL name) a user holding `permission` must reach from the navigation and home
    page; the browser crawl checks it for every role."""

    url_name: str
    permission: str | None = None


@dataclass(frozen=True)
class Panel:
    """A part an app adds to a page another app owns, which may not import it (the employer's
    page shows its quota declarations): on the page named `page` (its URL name), for a viewer
    holding `permission`, `template` rendered with `context(viewer, record)`, where `record` is
    what the page is about. `context` returns None when there is nothing to show."""

    key: str
    page: str
    template: str
    context: Callable[[Viewer, Any], Mapping[str, Any] | None]
    permission: str | None = None
    order: int = 100


@dataclass(frozen=True)
class Section:
    """Everything an app shows in the shell."""

    nav: Sequence[NavEntry] = ()
    cards: Sequence[Card] = ()
    reachable: Sequence[Reachable] = field(default_factory=tuple)
    panels: Sequence[Panel] = ()
