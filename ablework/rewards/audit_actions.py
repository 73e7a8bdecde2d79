"""The audit actions of over-quota rewards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.rewards.models import RewardStatus


class RewardAction(AuditAction):
    APPLY = "rewards.application.apply", pgettext_lazy("audit action", "申请超比例奖励")
    APPROVE = "rewards.application.approve", pgettext_lazy("audit action", "审核通过超比例奖励")
    REFUSE = "rewards.application.refuse", pgettext_lazy("audit action", "不予通过超比例奖励")
    PAY = "rewards.application.pay", pgettext_lazy("audit action", "登记超比例奖励发放")
    EXPORT = "rewards.export", pgettext_lazy("audit action", "导出超比例奖励发放名单")


# Every action on an application after it is made advances its version.
VERSION_ACTIONS = (RewardAction.APPROVE, RewardAction.REFUSE, RewardAction.PAY)

register_actions(
    RewardAction,
    title=_("超比例奖励"),
    models=("rewards.rewardapplication",),
    change_values={"status": dict(RewardStatus.choices)},
)
