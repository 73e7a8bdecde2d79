"""The indicators app's audit actions: targets entered, changed, approved, returned; the list of
the persons behind a figure seen."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.indicators.models import TargetSource, TargetStatus


class IndicatorsAction(AuditAction):
    TARGET_PROPOSE = "indicators.target.propose", pgettext_lazy("audit action", "录入目标")
    TARGET_CHANGE = "indicators.target.change", pgettext_lazy("audit action", "修改目标")
    TARGET_APPROVE = "indicators.target.approve", pgettext_lazy("audit action", "审核通过目标")
    TARGET_REJECT = "indicators.target.reject", pgettext_lazy("audit action", "退回目标")
    PERSONS_VIEW = "indicators.persons.view", pgettext_lazy("audit action", "查看指标人员名单")


# The writes that advance a target's version (what a refused edit shows the other saved).
VERSION_ACTIONS = (
    IndicatorsAction.TARGET_CHANGE,
    IndicatorsAction.TARGET_APPROVE,
    IndicatorsAction.TARGET_REJECT,
)

register_actions(
    IndicatorsAction,
    title=_("监测指标"),
    models=("indicators.target",),
    change_values={
        "status": dict(TargetStatus.choices),
        "source": dict(TargetSource.choices),
    },
    region_fields=("region_code",),
)

from ablework.indicators.reports import audit_actions as report_audit_actions  # noqa: E402, F401
