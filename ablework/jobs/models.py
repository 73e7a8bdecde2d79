"""The job record: what long work is doing, for whom, how far it has got, and how it ended."""

from __future__ import annotations

import math
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队等待")
    RUNNING = "running", _("正在进行")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("未完成")


ACTIVE_STATES = frozenset({JobState.QUEUED, JobState.RUNNING})


class Job(TimestampedModel):
    """One piece of long work. `work` and `arguments` say what to run (a module-level function
    and its JSON arguments), so a failed job can be run again as it was first asked for."""

    kind = models.CharField(_("任务类型"), max_length=64)
    label = models.CharField(_("任务"), max_length=200)
    work = models.CharField(max_length=200, blank=True, editable=False)
    arguments = models.JSONField(default=list, blank=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
    )
    region_code = models.CharField(_("发起人所在区划"), max_length=12, blank=True)
    state = models.CharField(
        _("状态"), max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总量"), default=0)
    message = models.TextField(_("结果"), blank=True)
    result_url = models.CharField(max_length=300, blank=True, editable=False)
    # A file the work hands back (a report built in the background): kept in the default
    # storage under a random name (MEDIA_ROOT, which no URL serves), sent only by the job's
    # download view to its starter (jobs/results.py).
    result_file = models.FileField(upload_to="jobs/results/", max_length=200, blank=True)
    result_name = models.CharField(_("结果文件"), max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True, editable=False)
    task_result_id = models.CharField(max_length=64, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    worker_host = models.CharField(max_length=255, blank=True, editable=False)
    worker_pid = models.PositiveIntegerField(null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    progress_since = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "worker_host"], name="job_state_host")]

    # The region the job was started in (the starter's, township or county …).
    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        """Queued or running (a running job's worker may still turn out to be gone)."""
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int:
        """How far the work has got, 0–100 (99 until it has finished)."""
        if self.state == JobState.SUCCEEDED:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def seconds_left(self) -> int | None:
        """Time left, from the pace since the current count began; None while unknown."""
        if self.state != JobState.RUNNING or not self.total or not self.done:
            return None
        if self.progress_since is None or self.done >= self.total:
            return None
        elapsed = (timezone.now() - self.progress_since).total_seconds()
        return math.ceil(elapsed * (self.total - self.done) / self.done)

    @property
    def has_result_file(self) -> bool:
        """A finished job whose work handed back a file to download."""
        return self.state == JobState.SUCCEEDED and bool(self.result_file)

    @property
    def can_restart(self) -> bool:
        """A failed job that names its work can be run again from its page."""
        return self.state == JobState.FAILED and bool(self.work)
