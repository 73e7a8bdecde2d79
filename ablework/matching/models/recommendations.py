"""Batch recommendations (批量推荐): a run of the matching engine over the job seekers of a county
or city against the open postings they can reach, and what it suggested, stored so that the
counsellor's queue and the graduates' ledger show each person's current top suggestions with
the date they were computed, and the run's fairness report can be read again.

- `RecommendationRun`: the region, the day matched (`as_of`), who started it and its job, its
  status, the counts and the weights it used (values and the day they are in force from).
- `RecommendationEntry`: one person the run matched: how many suggestions they got and, for a
  person left with fewer than three, how many postings each hard constraint broke. `current`
  marks the person's entry of their latest finished run (one per person at most), so "current
  suggestions" is an index lookup, never a search for the newest run.
- `RecommendationSuggestion`: one suggestion of an entry, best first, with its score and the
  engine's explanation.
- `RecommendationSkip`: a person or posting the run left out, and why (no assessment yet, no
  minimum wage known for the place …).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队等待")
    RUNNING = "running", _("正在计算")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("未完成")


ACTIVE_RUN_STATES = (RunStatus.QUEUED, RunStatus.RUNNING)


class RecommendationRun(TimestampedModel):
    region_code = models.CharField(_("地区"), max_length=6)
    as_of = models.DateField(_("匹配日期"))
    top = models.PositiveSmallIntegerField(_("每人最多推荐岗位数"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
    )
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("后台任务"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    message = models.TextField(_("结果"), blank=True)
    persons_considered = models.PositiveIntegerField(_("参与匹配的求职者"), default=0)
    persons_with_suggestions = models.PositiveIntegerField(_("获得推荐的求职者"), default=0)
    persons_skipped = models.PositiveIntegerField(_("未参与匹配的求职者"), default=0)
    postings_considered = models.PositiveIntegerField(_("参与匹配的岗位"), default=0)
    postings_skipped = models.PositiveIntegerField(_("未参与匹配的岗位"), default=0)
    # The soft score's weights as the run read them, and the day they are in force from.
    weights = models.JSONField(_("匹配权重"), default=dict)
    weights_since = models.DateField(_("权重生效日期"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("批量推荐")
        verbose_name_plural = _("批量推荐")
        ordering = ["-id"]
        indexes = [models.Index(fields=["region_code", "id"], name="recrun_region_id")]
        constraints = [
            # one queued or running batch per region at a time
            models.UniqueConstraint(
                fields=["region_code"],
                condition=Q(status__in=["queued", "running"]),
                name="recrun_one_active_per_region",
            )
        ]

    # The run's region (a county or a city): staff whose area holds it.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.region_code} {self.as_of:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_RUN_STATES


ENTRY_PLACE = RegionFields(county="person__county_code", township="person__township_code")


class RecommendationEntry(models.Model):
    run = models.ForeignKey(
        RecommendationRun, on_delete=models.CASCADE, related_name="entries", verbose_name=_("批次")
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("求职者")
    )
    suggestions_count = models.PositiveSmallIntegerField(_("推荐岗位数"))
    # For a person with fewer than three suggestions: constraint number → postings it broke,
    # and the constraint that broke the most ("" when none did: too few postings).
    broken = models.JSONField(_("未满足的硬性条件"), default=dict, blank=True)
    main_constraint = models.CharField(_("主要排除条件"), max_length=1, blank=True)
    current = models.BooleanField(_("当前推荐"), default=False)

    class Meta:
        verbose_name = _("批量推荐人员")
        verbose_name_plural = _("批量推荐人员")
        indexes = [models.Index(fields=["run", "id"], name="recentry_run_id")]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="recentry_run_person"),
            models.UniqueConstraint(
                fields=["person"], condition=Q(current=True), name="recentry_one_current"
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=ENTRY_PLACE, person="person_id")

    def __str__(self) -> str:
        return f"{self.run_id}/{self.person_id}"


class RecommendationSuggestion(models.Model):
    entry = models.ForeignKey(
        RecommendationEntry,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("批量推荐人员"),
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("招聘岗位"),
    )
    rank = models.PositiveSmallIntegerField(_("名次"))
    score = models.DecimalField(_("匹配得分"), max_digits=5, decimal_places=4)
    explanation = models.JSONField(_("推荐理由"), default=list)

    class Meta:
        verbose_name = _("推荐岗位")
        verbose_name_plural = _("推荐岗位")
        ordering = ["entry", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "rank"], name="recsuggestion_entry_rank")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="entry__person__county_code", township="entry__person__township_code"
        ),
        person="entry__person_id",
    )

    def __str__(self) -> str:
        return f"{self.entry_id}#{self.rank}"


class SkipKind(models.TextChoices):
    PERSON = "person", _("求职者")
    POSTING = "posting", _("招聘岗位")


class RecommendationSkip(models.Model):
    run = models.ForeignKey(
        RecommendationRun, on_delete=models.CASCADE, related_name="skips", verbose_name=_("批次")
    )
    kind = models.CharField(_("类型"), max_length=8, choices=SkipKind.choices)
    person = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("求职者"),
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("招聘岗位"),
    )
    reason = models.CharField(_("原因"), max_length=300)

    class Meta:
        verbose_name = _("未参与匹配的记录")
        verbose_name_plural = _("未参与匹配的记录")
        indexes = [models.Index(fields=["run", "kind", "id"], name="recskip_run_kind_id")]

    def __str__(self) -> str:
        return self.reason
