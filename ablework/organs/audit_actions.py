"""The organs' audit actions: plans, notices, appeals and units' profiles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class OrgansAction(AuditAction):
    PLAN_CREATE = "organs.plan.create", pgettext_lazy("audit action", "制定带头安置工作计划")
    PLAN_UPDATE = "organs.plan.update", pgettext_lazy("audit action", "修改带头安置工作计划")
    PLAN_PROGRESS = "organs.plan.progress", pgettext_lazy("audit action", "记录工作计划进展")
    NOTICE_PREPARE = "organs.notice.prepare", pgettext_lazy("audit action", "拟定带头安置公示")
    NOTICE_REFRESH = "organs.notice.refresh", pgettext_lazy("audit action", "更新公示草稿内容")
    NOTICE_APPROVE = "organs.notice.approve", pgettext_lazy("audit action", "审核通过并发布公示")
    NOTICE_REJECT = "organs.notice.reject", pgettext_lazy("audit action", "公示审核不予通过")
    APPEAL_RECEIVE = "organs.appeal.receive", pgettext_lazy("audit action", "收到公示异议")
    APPEAL_ANSWER = "organs.appeal.answer", pgettext_lazy("audit action", "答复公示异议")
    PROFILE_UPDATE = (
        "organs.profile.update",
        pgettext_lazy("audit action", "设置主管单位或国有企业标识"),
    )


_CHANGE_LABELS = {
    "units": _("公示单位数"),
    "supervisor": _("主管单位"),
    "state_owned": _("国有企业"),
}

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
    change_label=lambda key: str(_CHANGE_LABELS[key]) if key in _CHANGE_LABELS else None,
)
