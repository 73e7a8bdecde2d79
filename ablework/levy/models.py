"""The levy season (残保金征收): assessment runs and their one row per employer and year, the tax
bureau's lists as sent, and the amounts the bureau reports collected."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class AssessmentRun(TimestampedModel):
    """One season assessment of a region (a province, city or county) for a levy year.

    `region_code` is the six-digit code of the region assessed (scoped like any region code);
    `parameters` keeps what the run was assessed under — the date, the deadline found and its
    reference — so that each row's inputs reproduce its figures through the rules engine."""

    levy_year = models.PositiveSmallIntegerField(_("费款所属期"))
    region_code = models.CharField(_("区划代码"), max_length=6)
    assessed_on = models.DateField(_("核定日期"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
    )
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished = models.BooleanField(_("已完成"), default=False)
    employers = models.PositiveIntegerField(_("核定单位数"), default=0)
    certified = models.PositiveIntegerField(_("经审核确认的单位数"), default=0)
    deemed_none = models.PositiveIntegerField(_("视为未安排的单位数"), default=0)
    no_figures = models.PositiveIntegerField(_("无申报数据的单位数"), default=0)
    not_assessed = models.PositiveIntegerField(_("未核定的单位数"), default=0)
    failed = models.PositiveIntegerField(_("无法计算的单位数"), default=0)
    double_counted_months = models.PositiveIntegerField(_("重复计入而不计的人月数"), default=0)
    levy_due_total = models.DecimalField(
        _("应缴保障金合计"), max_digits=18, decimal_places=2, default=0
    )
    deadline = models.DateField(_("审核截止日期"), null=True, blank=True)
    deadline_reference = models.TextField(_("截止日期依据"), blank=True)
    deemed_applied = models.BooleanField(_("已按逾期视为未安排核定"), default=False)
    parameters = models.JSONField(_("核定参数"), default=dict, blank=True)

    class Meta:
        verbose_name = _("征收核定")
        verbose_name_plural = _("征收核定")
        ordering = ["-created_at", "-id"]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.levy_year} {self.region_code}"


class AssessmentBasis(models.TextChoices):
    CERTIFIED = "certified", _("经审核确认的申报")
    DEEMED_NONE = "deemed_none", _("逾期未审核确认，视为未安排残疾人就业")


class Assessment(models.Model):
    """One employer's levy of one year, as its last assessment run found it.

    Amounts in 元 to the fen; N and D to 4 decimals here, exactly in `inputs`, which holds the
    levy situation the figures come from (headcount, average wage, each counted person's months
    and grades) so that `selectors.assessments.reproduce` gives the same numbers, with the
    rules engine's trace, years later."""

    run = models.ForeignKey(
        AssessmentRun, on_delete=models.CASCADE, related_name="rows", verbose_name=_("核定")
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="levy_assessments",
        verbose_name=_("用人单位"),
    )
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    levy_year = models.PositiveSmallIntegerField(_("费款所属期"))
    basis = models.CharField(_("核定依据"), max_length=16, choices=AssessmentBasis.choices)
    declaration = models.ForeignKey(
        "quota.Declaration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申报"),
    )
    # Why no figure could be given: `no_figures` (deemed none, and the employer declared no
    # headcount or wage total) or the rules engine's error code (a missing parameter …).
    problem = models.CharField(_("问题"), max_length=40, blank=True)
    problem_detail = models.CharField(_("问题说明"), max_length=120, blank=True)
    headcount = models.DecimalField(
        _("在职职工人数"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    disabled = models.DecimalField(
        _("实际安排残疾人就业人数"), max_digits=12, decimal_places=4, default=0
    )
    required = models.DecimalField(
        _("应安排残疾人就业人数"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    ratio = models.DecimalField(
        _("应安排比例"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    average_wage = models.DecimalField(
        _("在职职工年平均工资"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    assessed_wage = models.DecimalField(
        _("计征工资（封顶后）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    exempt = models.BooleanField(_("小微企业免征"), default=False)
    levy_before_reduction = models.DecimalField(
        _("本期应纳费额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reduction = models.DecimalField(
        _("本期减免费额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    levy_due = models.DecimalField(
        _("应缴保障金"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reward = models.DecimalField(
        _("超比例奖励"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    inputs = models.JSONField(_("计算依据"), default=dict)
    # A 64-bit hash of every column above as the season assessment wrote them (null for a row
    # written otherwise): a reassessment keeps a row whose hash its new row has, without
    # reading the row back (`services/assessment/write.py`).
    digest = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("残保金核定结果")
        verbose_name_plural = _("残保金核定结果")
        constraints = [
            models.UniqueConstraint(fields=["employer", "levy_year"], name="assessment_once")
        ]
        indexes = [
            # A region's rows of a year, with what a reassessment reads of them (the key, the
            # employer and the digest: `services/assessment/write.py`) in the index itself.
            models.Index(
                fields=["levy_year", "county_code", "employer", "digest"],
                include=["id"],
                name="assessment_year_county",
            )
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code"), employer="employer_id"
    )

    def __str__(self) -> str:
        return f"{self.levy_year} {self.employer_id}"


class TaxListExport(models.Model):
    """One tax bureau's list as exported: which run, who, when, the files' SHA-256 and the
    signed manifest; `sent_at` once staff mark it as handed to the tax bureau."""

    run = models.ForeignKey(
        AssessmentRun, on_delete=models.PROTECT, related_name="exports", verbose_name=_("核定")
    )
    region_code = models.CharField(_("区划代码"), max_length=6)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("导出人"),
    )
    exported_at = models.DateTimeField(_("导出时间"))
    rows = models.PositiveIntegerField(_("行数"))
    manifest = models.JSONField(_("清单说明"))
    signature = models.CharField(_("签名"), max_length=64)
    sent_at = models.DateTimeField(_("送交税务部门时间"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("送交人"),
    )

    class Meta:
        verbose_name = _("税务部门清单")
        verbose_name_plural = _("税务部门清单")
        ordering = ["-exported_at", "-id"]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.run_id} {self.exported_at:%Y-%m-%d %H:%M}"


class CollectedPayment(TimestampedModel):
    """What the tax bureau reports an employer paid for a levy year (one row per employer, year
    and payment date; importing the same file again changes nothing)."""

    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="levy_payments",
        verbose_name=_("用人单位"),
    )
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    levy_year = models.PositiveSmallIntegerField(_("费款所属期"))
    amount = models.DecimalField(_("实缴金额"), max_digits=16, decimal_places=2)
    paid_on = models.DateField(_("缴款日期"))
    voucher = models.CharField(_("电子税票号码"), max_length=40, blank=True)
    batch = models.ForeignKey(
        "exchange.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("导入批次"),
    )

    class Meta:
        verbose_name = _("残保金实缴记录")
        verbose_name_plural = _("残保金实缴记录")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "levy_year", "paid_on", "voucher"], name="payment_once"
            )
        ]
        indexes = [models.Index(fields=["levy_year", "county_code"], name="payment_year_county")]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code"), employer="employer_id"
    )

    def __str__(self) -> str:
        return f"{self.levy_year} {self.employer_id} {self.amount}"
