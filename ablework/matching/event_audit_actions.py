"""The audit actions of recruitment events (registered with the matching app's others)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class EventAction(AuditAction):
    EVENT_CREATE = "matching.event.create", pgettext_lazy("audit action", "登记招聘活动")
    EVENT_UPDATE = "matching.event.update", pgettext_lazy("audit action", "修改招聘活动")
    REGISTER = "matching.event.register", pgettext_lazy("audit action", "为残疾人报名招聘活动")
    REGISTRATION_UPDATE = (
        "matching.event.registration_update",
        pgettext_lazy("audit action", "修改招聘活动报名"),
    )
    REGISTRATION_CANCEL = (
        "matching.event.registration_cancel",
        pgettext_lazy("audit action", "取消招聘活动报名"),
    )
    OUTCOME = "matching.event.outcome", pgettext_lazy("audit action", "记录招聘活动到场和录用")
    REGISTRATION_VIEW = (
        "matching.event.registration_view",
        pgettext_lazy("audit action", "查看招聘活动报名"),
    )
    NEEDS_VIEW = (
        "matching.event.needs_view",
        pgettext_lazy("audit action", "查看招聘活动报名名单和无障碍需要"),
    )
    REPORT_VIEW = (
        "matching.event.report_view",
        pgettext_lazy("audit action", "查看招聘活动成果报告"),
    )
    REPORT_EXPORT = (
        "matching.event.report_export",
        pgettext_lazy("audit action", "导出招聘活动成果报告"),
    )


# Every write of an event advances its version; every write of a registration, its own.
EVENT_VERSION_ACTIONS = (EventAction.EVENT_UPDATE,)
REGISTRATION_VERSION_ACTIONS = (EventAction.REGISTRATION_UPDATE, EventAction.OUTCOME)


# Changes of an event that are no field of its own.
CHANGE_LABELS = {
    "event_employers": _("参会单位"),
    "event_postings": _("参会岗位"),
    "interviewed_postings": _("面试岗位"),
    "hired_posting": _("录用岗位"),
    "not_hired_reason": _("未录用原因"),
}


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
