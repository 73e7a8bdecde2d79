"""The background jobs' audit action: starting a failed job again."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class JobsAction(AuditAction):
    RESTART = "jobs.job.restart", pgettext_lazy("audit action", "重新开始后台任务")


register_actions(JobsAction, title=_("后台任务"), models=("jobs.job",))
