"""Indicators in the shell: the dashboard and the targets pages for the staff who steer by them,
a home card, and the pages the crawl must reach."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section, Viewer
from ablework.indicators.access import VIEW


def _links(viewer: Viewer) -> list[Link]:
    return [
        Link(
            _("本地区指标看板"), reverse("indicators:dashboard"), more=_("今年的指标、目标与进度")
        ),
        Link(_("指标定义"), reverse("indicators:indicator_list")),
        Link(
            _("报送情况"),
            reverse("indicators:submission_status"),
            more=_("各县（市、区）按季度、年度报送与审核锁定"),
        ),
    ]


SECTION = Section(
    nav=[
        NavEntry(
            pgettext_lazy("indicators section", "目标"),
            "indicators:target_list",
            VIEW,
            order=55,
        ),
        NavEntry(_("监测指标"), "indicators:dashboard", VIEW, order=70),
    ],
    cards=[
        Card(
            key="indicators",
            title=_("监测指标"),
            description=_(
                "各项就业指标按地区和期间计算，对照规划目标显示进度，下级地区排名，可逐级查看到人。"
            ),
            permission=VIEW,
            order=70,
            links=_links,
        ),
    ],
    reachable=[
        Reachable("indicators:target_list", VIEW),
        Reachable("indicators:dashboard", VIEW),
        Reachable("indicators:indicator_list", VIEW),
        Reachable("indicators:submission_status", VIEW),
    ],
)
