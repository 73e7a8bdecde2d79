"""机关、事业单位带头安排残疾人就业 and the public notice (公示) of who meets the duty.

- `UnitProfile`: what the mandate and the notice need of a unit beyond its employer record — its
  supervising unit (主管单位) and whether an enterprise is state-owned (国有企业).
- `PlacementPlan` and `PlanProgress`: the work plan 国办发〔2025〕23号 asks of a unit with a gap.
- `PublicNotice` and `NoticeAppeal`: the notice staff prepare, a second person approves and the
  public reads, frozen at approval; and the objections the public sends in.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy

_THROUGH_EMPLOYER = RegionFields(county="employer__county_code", township="employer__township_code")


class UnitProfile(TimestampedModel):
    """A unit's supervising unit and state ownership. Scoped by the unit's region for staff, and
    for employer accounts by the supervising unit: its users see the units it supervises."""

    employer = models.OneToOneField(
        "employers.Employer",
        on_delete=models.CASCADE,
        related_name="organ_profile",
        verbose_name=_("单位"),
    )
    supervisor = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_profiles",
        verbose_name=_("主管单位"),
    )
    state_owned = models.BooleanField(_("国有企业"), default=False)
    # Optimistic locking (core/versioning.py); a unit with no profile yet stands at version 1.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("单位隶属信息")
        verbose_name_plural = _("单位隶属信息")

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=_THROUGH_EMPLOYER, employer="supervisor_id")

    def __str__(self) -> str:
        return str(self.employer_id)


class PlacementPlan(TimestampedModel):
    """The work plan of a unit that has not yet placed the persons its mandate requires: which
    posts it reserves, when it recruits, and who answers for it (a name and a role only)."""

    employer = models.OneToOneField(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="placement_plan",
        verbose_name=_("单位"),
    )
    posts_to_reserve = models.PositiveIntegerField(_("预留岗位数"))
    posts_description = models.CharField(_("预留岗位"), max_length=200, blank=True)
    recruitment_on = models.DateField(_("计划招录（聘）日期"))
    responsible_name = models.CharField(_("责任人"), max_length=64)
    responsible_role = models.CharField(_("责任人职务"), max_length=64)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("带头安置工作计划")
        verbose_name_plural = _("带头安置工作计划")

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=_THROUGH_EMPLOYER, employer="employer_id")

    def __str__(self) -> str:
        return str(self.employer_id)


class PlanProgress(models.Model):
    """One dated entry of a plan's progress (a post approved, an examination held, a hire)."""

    plan = models.ForeignKey(
        PlacementPlan, on_delete=models.CASCADE, related_name="progress", verbose_name=_("计划")
    )
    recorded_on = models.DateField(_("日期"))
    note = models.CharField(_("进展情况"), max_length=500)
    placed = models.PositiveIntegerField(_("本次新安排人数"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("工作计划进展")
        verbose_name_plural = _("工作计划进展")

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="plan__employer__county_code", township="plan__employer__township_code"
        ),
        employer="plan__employer_id",
    )

    def __str__(self) -> str:
        return f"{self.recorded_on}"


class NoticeStatus(models.TextChoices):
    """draft (awaiting a second person's approval) → published, or → rejected."""

    DRAFT = "draft", _("待审核")
    PUBLISHED = "published", _("已公示")
    REJECTED = "rejected", _("未通过")


class PublicNotice(TimestampedModel):
    """The public notice of one year and one area (a county or a city): the organs, institutions
    and state-owned enterprises with their compliance. `rows` is what the preparer built; on
    approval it is frozen with the publication date and never changes again."""

    year = models.PositiveSmallIntegerField(_("年度"))
    region_code = models.CharField(_("公示范围"), max_length=6)
    title = models.CharField(_("标题"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    # [{name, kind, kind_label, compliant, counted, staff, ratio}, …]: units only, no person.
    rows = models.JSONField(_("公示内容"), default=list)
    appeal_days = models.PositiveSmallIntegerField(_("异议期（天）"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("拟稿人"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    rejection_reason = models.CharField(_("不予通过的理由"), max_length=500, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    appeal_until = models.DateField(_("异议截止日期"), null=True, blank=True)
    # The printed notice, rendered once at approval (its verification code in the register).
    pdf = models.BinaryField(_("公示文件"), null=True, blank=True, editable=False)
    document = models.ForeignKey(
        "printing.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公示文件"),
    )
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("带头安置情况公示")
        verbose_name_plural = _("带头安置情况公示")
        indexes = [models.Index(fields=["status", "published_on"], name="notice_status_date")]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return self.title


class AppealStatus(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")


class NoticeAppeal(TimestampedModel):
    """An objection from the public to a published notice. The contact is personal data:
    encrypted, shown masked to staff, never on a public page."""

    notice = models.ForeignKey(
        PublicNotice, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("公示")
    )
    name = models.CharField(_("姓名或单位"), max_length=64)
    contact = EncryptedTextField(_("联系方式"))
    contact_masked = models.CharField(_("联系方式"), max_length=40, editable=False)
    objection = models.TextField(_("异议内容"), max_length=2000)
    status = models.CharField(
        _("状态"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    answer = models.TextField(_("答复"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("答复人"),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="notice__region_code"))

    def __str__(self) -> str:
        return self.name
