"""The audit actions of recruitment events (registered with the matching app's others)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class EventAction(AuditAction):
    EVENT_CREATE = "matching.event.create", pgettext_lazy("audit action", "登记招聘活动")
    EVENT_UPDATE = "matching.event.update", pgettext_lazy("audit action", "修改招聘活动")


# Every write of an event advances its version.
EVENT_VERSION_ACTIONS = (EventAction.EVENT_UPDATE,)


# Changes of an event that are no field of its own.
CHANGE_LABELS = {"event_employers": _("参会单位"), "event_postings": _("参会岗位")}


def change_label(key: str) -> str | None:
    label = CHANGE_LABELS.get(key)
    return str(label) if label is not None else None


register_actions(
    EventAction,
    title=_("招聘活动"),
    models=("matching.recruitmentevent", "matching.eventregistration"),
    change_label=change_label,
    region_fields=("region_code",),
)
