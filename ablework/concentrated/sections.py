"""Concentrated employment in the shell: the navigation entry and home card of the staff who
review quota declarations, and the pages the crawl must reach."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ablework.concentrated.access import PERMISSION, units_visible_to
from ablework.core.section_parts import (
    Card,
    Figure,
    Link,
    NavEntry,
    Reachable,
    Section,
    Viewer,
    count_figure,
)


def _units(viewer: Viewer) -> Figure:
    return count_figure(
        units_visible_to(viewer),  # type: ignore[arg-type]
        url=reverse("concentrated:units"),
        unit=_("个集中就业单位，查看列表"),
    )


SECTION = Section(
    nav=[
        NavEntry(
            _("集中就业"),
            "concentrated:units",
            PERMISSION,
            order=38,
            current_for="concentrated",
        ),
    ],
    cards=[
        Card(
            key="concentrated",
            title=_("集中就业"),
            description=_("福利企业、盲人按摩机构每月是否符合增值税即征即退条件，及退税限额。"),
            permission=PERMISSION,
            order=38,
            figure=_units,
            links=lambda viewer: [
                Link(_("集中就业单位"), reverse("concentrated:units")),
                Link(_("退税名单（供税务部门）"), reverse("concentrated:tax_list")),
            ],
        ),
    ],
    reachable=[
        Reachable("concentrated:units", PERMISSION),
        Reachable("concentrated:tax_list", PERMISSION),
        Reachable("concentrated:unit_new", PERMISSION),
        Reachable("concentrated:unit", PERMISSION),
        Reachable("exchange:upload_kind", PERMISSION),
    ],
)
