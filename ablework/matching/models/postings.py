"""Job postings (招聘岗位): what a job is, where, for how much, what its tasks demand and what
the workplace offers, in the functional vocabulary of `../shared/domain/matching-contract.md`
(`ablework.support.vocabulary`), never by a category of disability.

A posting lies where the work is (its county and township: the one scope), and belongs to its
employer (an employer's own accounts reach its postings, wherever they are). Every write
advances `version` (core.versioning)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class PostingKind(models.TextChoices):
    """The kinds of posts the seeds ask federations to develop (seeds 001, 002)."""

    TARGETED = "targeted", _("残疾人定向招聘岗位")
    PUBLIC_WELFARE = "public_welfare", _("公益性岗位")
    RESERVED_OUTLET = "reserved_outlet", _("预留经营场所（岗亭、摊位、彩票、烟草零售点）")
    AUXILIARY = "auxiliary", _("辅助性就业岗位")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("招聘中")
    CLOSED = "closed", _("已结束")
    FILLED = "filled", _("已招满")


class ContractType(models.TextChoices):
    FIXED_TERM = "fixed_term", _("固定期限劳动合同")
    OPEN_ENDED = "open_ended", _("无固定期限劳动合同")
    PART_TIME = "part_time", _("非全日制用工")
    DISPATCH = "dispatch", _("劳务派遣")
    SERVICE_AGREEMENT = "service_agreement", _("劳务协议（辅助性就业、公益性岗位等）")
    OPERATING_AGREEMENT = "operating_agreement", _("经营协议（岗亭、摊位、零售点）")


class DemandLevel(models.TextChoices):
    """How a posting has a task demand (the contract's `essential` / `adjustable`)."""

    ESSENTIAL = "essential", _("必须具备")
    ADJUSTABLE = "adjustable", _("可以调整")


class CloseReason(models.TextChoices):
    BY_HAND = "by_hand", _("招聘单位或工作人员结束招聘")
    EXPIRED = "expired", _("有效期届满，系统自动结束")


# A posting lies where the work is.
POSTING_PLACE = RegionFields(county="county_code", township="township_code")


class JobPosting(TimestampedModel):
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="postings",
        verbose_name=_("招聘单位"),
    )
    title = models.CharField(_("岗位名称"), max_length=100)
    occupation = models.CharField(_("职业（工种）"), max_length=100, blank=True)
    tasks = models.TextField(_("工作内容"), max_length=2000)
    kind = models.CharField(_("岗位类型"), max_length=20, choices=PostingKind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    county_code = models.CharField(_("工作地点所在县（市、区）"), max_length=6)
    township_code = models.CharField(_("工作地点所在乡镇（街道）"), max_length=9, blank=True)
    # A workplace's address is not personal data: kept in the clear.
    address = models.CharField(_("工作地址"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    wage_min = models.DecimalField(_("月工资下限（元）"), max_digits=10, decimal_places=2)
    wage_max = models.DecimalField(_("月工资上限（元）"), max_digits=10, decimal_places=2)
    hours_per_week = models.PositiveSmallIntegerField(_("每周工作小时数"))
    schedule = models.CharField(_("工作时间安排"), max_length=100, blank=True)
    contract_type = models.CharField(_("用工形式"), max_length=24, choices=ContractType.choices)
    openings = models.PositiveSmallIntegerField(_("招聘人数"))
    openings_filled = models.PositiveSmallIntegerField(_("已录用人数"), default=0)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    # Accommodation codes (vocabulary.Accommodation) the workplace has or offers: its
    # accessibility (step-free access …) and the accommodations (a screen reader …) alike.
    offers = models.JSONField(_("无障碍设施和便利条件"), default=list, blank=True)
    # Demand code (vocabulary.Demand) → DemandLevel; demands not listed are not part of the job.
    demands = models.JSONField(_("工作要求"), default=dict, blank=True)
    closed_on = models.DateField(_("结束日期"), null=True, blank=True)
    close_reason = models.CharField(
        _("结束原因"), max_length=12, choices=CloseReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发布人"),
    )
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")
        indexes = [
            models.Index(fields=["county_code", "id"], name="posting_county_id"),
            models.Index(fields=["township_code", "id"], name="posting_township_id"),
            models.Index(fields=["employer", "id"], name="posting_employer_id"),
            models.Index(fields=["status", "valid_until"], name="posting_status_until"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wage_max__gte=F("wage_min")), name="posting_wage_range"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="posting_validity"
            ),
            models.CheckConstraint(
                condition=Q(openings_filled__lte=F("openings")), name="posting_filled_openings"
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=POSTING_PLACE, employer="employer_id")

    def __str__(self) -> str:
        return self.title

    @property
    def openings_left(self) -> int:
        return max(self.openings - self.openings_filled, 0)
