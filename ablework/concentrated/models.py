"""Units of concentrated employment (集中就业: 福利企业, 盲人按摩机构 and other units meeting the
rules of 财税〔2016〕52号): which employer is one, of which type and from when, and the VAT it
paid each month, from which the rules engine gives the month's refund limit."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class UnitType(models.TextChoices):
    """The rule's `unit_type`: the thresholds differ (rules.md R5.1)."""

    ORDINARY = "ordinary", _("福利企业等集中就业单位")
    BLIND_MASSAGE = "blind_massage", _("盲人按摩机构")


class ConcentratedUnit(TimestampedModel):
    employer = models.OneToOneField(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="concentrated_unit",
        verbose_name=_("用人单位"),
    )
    unit_type = models.CharField(_("集中就业单位类型"), max_length=16, choices=UnitType.choices)
    recognised_from = models.DateField(_("认定日期"))
    recognition_reference = models.CharField(_("认定依据"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # Optimistic locking (core/versioning.py): the unit's edits and its VAT months advance it.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("集中就业单位")
        verbose_name_plural = _("集中就业单位")

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="employer__county_code", township="employer__township_code"),
        employer="employer_id",
    )

    def __str__(self) -> str:
        return self.employer.name


class MonthlyVat(models.Model):
    """The VAT a unit paid in one month (元, to the fen), entered by staff or imported."""

    unit = models.ForeignKey(
        ConcentratedUnit,
        on_delete=models.CASCADE,
        related_name="vat_months",
        verbose_name=_("集中就业单位"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    vat_paid = models.DecimalField(_("已缴增值税"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("月度已缴增值税")
        verbose_name_plural = _("月度已缴增值税")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month"], name="vat_month_once")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="unit__employer__county_code", township="unit__employer__township_code"
        ),
        employer="unit__employer_id",
    )

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"
