"""The background jobs' audit actions: starting a failed job again, downloading a finished
job's file."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class JobsAction(AuditAction):
    RESTART = "jobs.job.restart", pgettext_lazy("audit action", "重新开始后台任务")
    DOWNLOAD = "jobs.job.download", pgettext_lazy("audit action", "下载后台任务结果")


register_actions(JobsAction, title=_("后台任务"), models=("jobs.job",))
