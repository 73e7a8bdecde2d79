"""Over-quota rewards (超比例奖励) where the province has a rule (Hunan): an employer's
application for the reward of a certified quota declaration, its approval by the federation's
staff, and its payment. The amount and its basis are the ones the rules engine computed and
stored when the declaration was submitted (the certified figure), never recomputed."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class RewardStatus(models.TextChoices):
    """applied → approved → paid; applied → refused."""

    APPLIED = "applied", _("已申请，待审核")
    APPROVED = "approved", _("已审核通过，待发放")
    REFUSED = "refused", _("未通过审核")
    PAID = "paid", _("已发放")


class RewardApplication(TimestampedModel):
    declaration = models.OneToOneField(
        "quota.Declaration",
        on_delete=models.PROTECT,
        related_name="reward_application",
        verbose_name=_("按比例就业申报"),
    )
    levy_year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("奖励金额"), max_digits=14, decimal_places=2)
    # The rules engine's working of the reward step, as stored with the certified declaration.
    basis = models.CharField(_("计算依据"), max_length=500)
    status = models.CharField(
        _("状态"), max_length=16, choices=RewardStatus.choices, default=RewardStatus.APPLIED
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    applied_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    refusal_reason = models.CharField(_("不予通过的理由"), max_length=300, blank=True)
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("发放金额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    payment_reference = models.CharField(_("支付凭证号"), max_length=64, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发放登记人"),
    )
    # Optimistic locking (core/versioning.py).
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("超比例奖励申请")
        verbose_name_plural = _("超比例奖励申请")
        indexes = [models.Index(fields=["levy_year", "status"], name="reward_year_status")]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="declaration__employer__county_code",
            township="declaration__employer__township_code",
        ),
        employer="declaration__employer_id",
    )

    def __str__(self) -> str:
        return f"{self.levy_year}"
