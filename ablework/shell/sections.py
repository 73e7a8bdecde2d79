"""The shell's own pages in the navigation: home, regions and the audit trail."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.core.notifications import unread_for
from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section, Viewer

# How many unread messages the home card lists (the newest); a page of all comes later.
MESSAGES_ON_HOME = 5


def _has_unread(viewer: Viewer) -> bool:
    return unread_for(viewer).exists()


def _unread(viewer: Viewer) -> list[Link]:
    return [
        Link(message.text, message.link or reverse("shell:home"))
        for message in unread_for(viewer)[:MESSAGES_ON_HOME]
    ]


SECTION = Section(
    nav=[
        NavEntry(_("首页"), "shell:home", order=0),
        NavEntry(_("行政区划"), "shell:regions", Permission.REGIONS_MANAGE, order=80),
        NavEntry(_("审计日志"), "shell:audit", Permission.AUDIT_VIEW, order=90),
    ],
    cards=[
        # Messages the system recorded for the viewer (core/notifications.py): a declaration
        # returned, certified or rejected, …
        Card(
            key="messages",
            title=_("未读消息"),
            order=1,
            applies=_has_unread,
            links=_unread,
        ),
        Card(
            key="audit",
            title=_("审计日志"),
            description=_("谁在什么时候查看、修改或导出了什么。"),
            permission=Permission.AUDIT_VIEW,
            order=90,
            links=lambda viewer: [Link(_("查看审计日志"), reverse("shell:audit"))],
        ),
    ],
    reachable=[Reachable("shell:home"), Reachable("shell:audit", Permission.AUDIT_VIEW)],
)
