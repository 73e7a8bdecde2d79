"""A local value of a rules parameter for one province, city or county, from a date."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.models.review import SecondPersonReview
from ablework.core.scoping import RegionFields, ScopedBy


class LocalValueStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已生效")
    REJECTED = "rejected", _("已退回")
    SUPERSEDED = "superseded", _("已被替代")


class LocalParameterValue(TimestampedModel, SecondPersonReview):
    """Staff propose it; another staff member of the region approves it (maker-checker).

    `region_code` is the six-digit GB/T 2260 code of a province (`370000`), city (`370800`) or
    county (`370811`), so that the usual code-prefix scope applies; `value` is the exact text
    the unit allows (money as a decimal string, never a float)."""

    name = models.CharField(_("参数"), max_length=100)
    region_code = models.CharField(_("区划代码"), max_length=6, db_index=True)
    effective_from = models.DateField(_("起始日期"))
    value = models.CharField(_("数值"), max_length=100)
    reference = models.TextField(_("依据"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=LocalValueStatus.choices,
        default=LocalValueStatus.PENDING,
    )

    class Meta:
        ordering = ["name", "region_code", "-effective_from", "-created_at"]
        verbose_name = _("本地参数值")
        verbose_name_plural = _("本地参数值")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region_code", "effective_from"],
                condition=models.Q(status="approved"),
                name="one_approved_local_value_per_date",
            )
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.name} {self.region_code} {self.effective_from.isoformat()}: {self.value}"
