"""The audit actions of employment services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class SupportAction(AuditAction):
    CHECK = "support.check.record", pgettext_lazy("audit action", "记录基础信息核对")
    ASSESS = "support.assessment.record", pgettext_lazy("audit action", "记录职业能力评估")
    NEEDS = "support.needs.record", pgettext_lazy("audit action", "登记就业需求")
    SERVE = "support.service.record", pgettext_lazy("audit action", "记录就业服务")


register_actions(
    SupportAction,
    title=_("就业服务"),
    models=(
        "support.informationcheck",
        "support.assessment",
        "support.needsregistration",
        "support.servicerecord",
    ),
)
