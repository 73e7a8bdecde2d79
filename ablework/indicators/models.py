"""Targets (issue 14): region × plan period × indicator, with its source, cascaded from a region
to its children and approved by a second person."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.models.audit import AppendOnly, AppendOnlyQuerySet
from ablework.core.models.review import SecondPersonReview
from ablework.core.scoping import RegionFields, ScopedBy


def indicator_choices() -> list[tuple[str, str]]:
    """The catalogue's indicators (read when first needed: every app's measures are loaded)."""
    from ablework.indicators.catalogue import catalogue

    return [(measure.code, str(measure.name)) for measure in catalogue()]


class TargetStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已生效")
    REJECTED = "rejected", _("已退回")


class TargetSource(models.TextChoices):
    """Where the figure comes from: a plan's own words, or the staff's distribution of their
    area's target (a plan rarely splits its figure by county)."""

    PLAN = "plan", _("规划文件规定")
    STAFF = "staff", _("工作人员录入（文件未规定此数）")


class Target(TimestampedModel, SecondPersonReview):
    """A target for one region, indicator and plan period (whole years). A count is a number of
    persons or attendances; a rate is a percentage to one decimal. `parent` is the target of the
    region above that this one is a part of (each level distributes its own to its children)."""

    region_code = models.CharField(_("地区"), max_length=12, db_index=True)
    indicator = models.CharField(_("指标"), max_length=40, choices=indicator_choices)
    first_year = models.PositiveSmallIntegerField(_("起始年度"))
    last_year = models.PositiveSmallIntegerField(_("截止年度"))
    value = models.DecimalField(_("目标值"), max_digits=12, decimal_places=1)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("上级目标"),
    )
    source = models.CharField(_("来源"), max_length=16, choices=TargetSource.choices)
    document = models.CharField(_("依据文件"), max_length=200)
    section = models.CharField(_("条款"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=TargetStatus.choices, default=TargetStatus.PENDING
    )
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["indicator", "first_year", "last_year", "region_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "indicator", "first_year", "last_year"],
                condition=~models.Q(status="rejected"),
                name="one_target_per_region_indicator_period",
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="target_years_in_order",
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.region_code} {self.indicator} {self.first_year}-{self.last_year}"


class ReportNote(TimestampedModel):
    """What staff write into a region's quarterly or annual report themselves (经验做法 and
    下一步工作): the report's generated text never stands in for it, and it is printed under
    the writer's name. One per region and period (`2026Q3`, `2026`); every save advances
    `version` (optimistic locking) and is audited with the old and new text."""

    region_code = models.CharField(_("地区"), max_length=12)
    period_code = models.CharField(_("期间"), max_length=12)
    experience = models.TextField(_("经验做法"), blank=True)
    next_steps = models.TextField(_("下一步工作"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("填写人"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("报告工作情况")
        verbose_name_plural = _("报告工作情况")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "period_code"], name="one_report_note_per_region_period"
            )
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.region_code} {self.period_code}"


# The period lock (报送与锁定, docs/indicators.md): a county submits a quarter's or a year's
# figures, the level above approves (locks) or returns them; a later correction is a revision.


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已报送待审核")
    RETURNED = "returned", _("已退回")
    LOCKED = "locked", _("已审核锁定")


class Submission(TimestampedModel, SecondPersonReview):
    """A region's figures for one quarter or year as submitted (报送) by its own staff
    (`proposed_by`), approved (locked) or returned by the level above. A returned submission
    stays as it was; submitting again makes a new one."""

    region_code = models.CharField(_("地区"), max_length=12, db_index=True)
    period = models.CharField(_("期间"), max_length=12)
    read_until = models.DateField(_("数据截至"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("报送")
        verbose_name_plural = _("报送")
        ordering = ["region_code", "period", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "period"],
                condition=~models.Q(status="returned"),
                name="one_submission_per_region_period",
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.region_code} {self.period}"


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已审核通过")
    REJECTED = "rejected", _("已退回")


class Revision(TimestampedModel, SecondPersonReview):
    """A correction (更正) of a locked submission: the live figures of the indicators chosen,
    with the reason, proposed by the region's staff and approved by the level above."""

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("报送")
    )
    reason = models.CharField(_("更正理由"), max_length=300)
    read_until = models.DateField(_("数据截至"))
    status = models.CharField(
        _("状态"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        ordering = ["submission", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_submission",
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="submission__region_code"))

    def __str__(self) -> str:
        return f"{self.submission} revision {self.pk}"


class SubmittedFigure(AppendOnly):
    """One stored figure (append-only, refused an UPDATE by the database too): an indicator's
    numerator and denominator for the region itself (`place` its own code), one of its children
    or 未登记乡镇（街道） (""), as submitted (`revision` empty) or as a revision states it."""

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="figures", verbose_name=_("报送")
    )
    revision = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("更正"),
    )
    indicator = models.CharField(_("指标"), max_length=40)
    place = models.CharField(_("地区"), max_length=12, blank=True)
    numerator = models.DecimalField(_("数值（分子）"), max_digits=20, decimal_places=2)
    denominator = models.BigIntegerField(_("分母"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送数")
        verbose_name_plural = _("报送数")
        ordering = ["submission", "revision", "indicator", "place"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.indicator} {self.place}"


# Rollup tables (汇总表, docs/indicators.md "汇总表"): each indicator's figures over the periods
# dashboards ask for, computed set-based by a background refresh (services/rollup.py), read by
# selectors/source.py while fresh instead of computing them at every page.


class RollupPeriod(models.Model):
    """One indicator over one period as a refresh computed it: the days it read (`start` …
    `read_until`; `end` is the period's last day, later while it runs), when, by which job."""

    indicator = models.CharField(_("指标"), max_length=40)
    period = models.CharField(_("期间"), max_length=12)
    start = models.DateField(_("起始日"))
    end = models.DateField(_("截止日"))
    read_until = models.DateField(_("数据截至"))
    refreshed_at = models.DateTimeField(_("汇总时间"))
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("汇总任务"),
    )

    class Meta:
        verbose_name = _("指标汇总期间")
        verbose_name_plural = _("指标汇总期间")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_rollup_per_indicator_period"
            )
        ]
        indexes = [models.Index(fields=["start", "indicator"], name="rollup_period_start")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class IndicatorRollup(models.Model):
    """One region's figure in a rollup: `prefix` the region's code prefix (2 digits a province,
    4 a city, 6 a county, 9 a township), `under` the prefix of the region above; `unplaced` the
    county's line of rows whose township is not recorded (`prefix` the county's). The parts of a
    `Tally`: a count or a rate's numerator (`amount` in 元 for money) and its denominator."""

    rollup = models.ForeignKey(
        RollupPeriod, on_delete=models.CASCADE, related_name="lines", verbose_name=_("汇总期间")
    )
    prefix = models.CharField(_("地区代码前缀"), max_length=9)
    under = models.CharField(_("上级地区代码前缀"), max_length=6)
    unplaced = models.BooleanField(_("未登记乡镇（街道）"), default=False)
    numerator = models.BigIntegerField(_("数值（分子）"), default=0)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    denominator = models.BigIntegerField(_("分母"), null=True, blank=True)

    class Meta:
        verbose_name = _("指标汇总数")
        verbose_name_plural = _("指标汇总数")
        indexes = [
            models.Index(fields=["rollup", "under"], name="rollup_line_under"),
            models.Index(fields=["rollup", "prefix"], name="rollup_line_prefix"),
        ]

    def __str__(self) -> str:
        return f"{self.rollup_id} {self.prefix}"
