"""The organs' mandate in the shell: the navigation entry, the staff's home card with the units
that still have a gap, the pages the crawl must reach, and the panel on the employer's page
(the unit's supervising unit or state ownership)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from ablework.accounts.roles import Permission
from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section, Viewer
from ablework.organs.panels import EMPLOYER_PROFILE


def _links(viewer: Viewer) -> list[Link]:
    return [Link(gettext_lazy("查看带头安置情况"), reverse("organs:unit_list"))]


SECTION = Section(
    nav=[
        NavEntry(
            gettext_lazy("带头安置"),
            "organs:unit_list",
            Permission.ORGANS_VIEW,
            order=37,
            current_for="organs",
        ),
    ],
    cards=[
        Card(
            key="organs",
            title=gettext_lazy("机关事业单位带头安置"),
            description=gettext_lazy(
                "机关、事业单位是否须带头安排残疾人就业，缺口、期限和工作计划。"
            ),
            permission=Permission.ORGANS_VIEW,
            order=37,
            links=_links,
        ),
    ],
    reachable=[
        Reachable("organs:unit_list", Permission.ORGANS_VIEW),
        # staff who keep plans always have units in their area; an employer account only when
        # its unit is an organ or supervises one
        Reachable("organs:unit_detail", Permission.ORGANS_PLAN),
        # from the unit's page (and the employer's page, for enterprises)
        Reachable("organs:unit_profile", Permission.ORGANS_NOTICE),
        Reachable("organs:notice_list", Permission.ORGANS_NOTICE),
        Reachable("organs:notice_detail", Permission.ORGANS_NOTICE),
    ],
    panels=[EMPLOYER_PROFILE],
)
