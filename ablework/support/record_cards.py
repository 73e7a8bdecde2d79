"""The records' part of employment services in the shell: a counsellor's home card leading to
the persons last served (overdue next steps first), the panel on the registry's person page
leading to the person's employment services, and the pages the crawl must reach."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.section_parts import Card, Link, Panel, Reachable, Viewer
from ablework.support.access import RECORD, VIEW
from ablework.support.selectors.due import cycle_on
from ablework.support.selectors.queue import cases_visible_to
from ablework.support.selectors.records import recent_persons


def _served(viewer: Viewer) -> list[Link]:
    user: User = viewer  # type: ignore[assignment]
    today = timezone.localdate()
    year = cycle_on(today, jurisdiction=user.region.code if user.region else "").year
    links = []
    for case in recent_persons(cases_visible_to(user, permission=RECORD), year=year):
        if case.next_step_overdue:
            more = _("：下一步“%(step)s”已逾期（期限 %(due)s）") % {
                "step": case.last_next_step,
                "due": f"{case.last_next_due:%Y-%m-%d}",
            }
        else:
            more = _("：最近服务 %(day)s") % {"day": f"{case.last_service_on:%Y-%m-%d}"}
        links.append(
            Link(case.person.name + more, reverse("support:person", args=[case.person_id]))
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


def _services_of(viewer: Viewer, person: Any) -> dict[str, Any]:
    """Staff go to the person's services page; the person, or a family member with consent, to
    their own page in plain words (the registry page showed them this person, so it is theirs)."""
    user: User = viewer  # type: ignore[assignment]
    if user.role == Role.PERSON:
        return {"person": person, "own": True, "url": reverse("support:mine")}
    if user.role == Role.FAMILY:
        url = f"{reverse('support:mine')}?person={person.pk}"
        return {"person": person, "own": True, "url": url}
    return {"person": person, "own": False, "url": reverse("support:person", args=[person.pk])}


# On the registry's person page (which imports nothing of support): the way to their services.
REGISTRY_PERSON_SERVICES = Panel(
    key="support-registry-person",
    page="registry:person_detail",
    template="support/records/_registry_person_panel.html",
    context=_services_of,
    permission=VIEW,
    order=10,
)

RECORD_REACHABLE = [
    Reachable("support:person", RECORD),
    Reachable("support:record_check", RECORD),
    Reachable("support:record_assessment", RECORD),
    Reachable("support:record_needs", RECORD),
    Reachable("support:record_service", RECORD),
]
