"""The organs' audit actions: plans, notices and appeals."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class OrgansAction(AuditAction):
    PLAN_CREATE = "organs.plan.create", pgettext_lazy("audit action", "制定带头安置工作计划")
    PLAN_UPDATE = "organs.plan.update", pgettext_lazy("audit action", "修改带头安置工作计划")
    PLAN_PROGRESS = "organs.plan.progress", pgettext_lazy("audit action", "记录工作计划进展")


register_actions(
    OrgansAction,
    title=_("机关事业单位带头安置"),
    models=(
        "organs.unitprofile",
        "organs.placementplan",
        "organs.planprogress",
        "organs.publicnotice",
        "organs.noticeappeal",
    ),
)
