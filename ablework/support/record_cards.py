"""The records' part of employment services in the shell: a counsellor's home card leading to
the persons last served (overdue next steps first), and the pages the crawl must reach."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.section_parts import Card, Link, Reachable, Viewer
from ablework.support.access import RECORD, records_visible_to
from ablework.support.models import ServiceRecord
from ablework.support.selectors.records import is_overdue, recent_persons


def _served(viewer: Viewer) -> list[Link]:
    user: User = viewer  # type: ignore[assignment]
    links = []
    for service in recent_persons(records_visible_to(user, ServiceRecord, permission=RECORD)):
        if is_overdue(service):
            more = _("：下一步“%(step)s”已逾期（期限 %(due)s）") % {
                "step": service.next_step,
                "due": f"{service.next_due:%Y-%m-%d}",
            }
        else:
            more = _("：最近服务 %(day)s") % {"day": f"{service.on:%Y-%m-%d}"}
        links.append(
            Link(service.person.name + more, reverse("support:person", args=[service.person_id]))
        )
    return links


RECORD_CARDS = [
    Card(
        key="support_records",
        title=gettext_lazy("就业服务记录"),
        description=gettext_lazy(
            "最近服务的残疾人（下一步已逾期的在前）；从残疾人信息中打开其他人的就业服务。"
        ),
        permission=RECORD,
        order=30,
        links=_served,
        empty=gettext_lazy("本地区还没有就业服务记录。"),
    ),
]

RECORD_REACHABLE = [
    Reachable("support:person", RECORD),
    Reachable("support:record_check", RECORD),
    Reachable("support:record_assessment", RECORD),
    Reachable("support:record_needs", RECORD),
    Reachable("support:record_service", RECORD),
]
