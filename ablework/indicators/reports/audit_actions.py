"""The audit actions of the quarterly and annual reports (registered with the indicators app's
others): a report read, downloaded (.xlsx or PDF), and its staff-written parts saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class ReportAction(AuditAction):
    VIEW = "indicators.report.view", pgettext_lazy("audit action", "查看监测报告")
    EXPORT = "indicators.report.export", pgettext_lazy("audit action", "下载监测报告")
    NOTE_SAVE = "indicators.report.note", pgettext_lazy("audit action", "填写报告经验做法")


# Each save of a report's staff-written parts advances its version.
NOTE_VERSION_ACTIONS = (ReportAction.NOTE_SAVE,)

register_actions(
    ReportAction,
    title=_("监测报告"),
    models=("indicators.reportnote",),
    region_fields=("region_code",),
)
