"""Employers' credit records (用人单位信用记录, seed 002; docs/credit.md)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.scoping import ScopedBy
from ablework.quota.models.declarations import Declaration, scoped_through


class CreditKind(models.TextChoices):
    """What an employer's credit entry records (seed 002 item 5; docs/credit.md)."""

    NON_PAYMENT = "non_payment", _("未按比例安排残疾人就业且拒缴、少缴残疾人就业保障金")
    FAKE_PLACEMENT = "fake_placement", _("虚假安排残疾人就业")


class CreditStatus(models.TextChoices):
    # Proposed by the system (a rejection for faked placements), until staff confirm it.
    PROPOSED = "proposed", _("待确认")
    RECORDED = "recorded", _("已记入")
    DISMISSED = "dismissed", _("不予记入")


class CreditEntry(TimestampedModel):
    """One dated entry in an employer's credit record (用人单位信用记录) with its legal basis as
    recorded at the time (quota/credit_bases.py), the facts, and the issuing organ; exported to
    the credit platform (services/credit.py)."""

    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="credit_entries",
        verbose_name=_("用人单位"),
    )
    kind = models.CharField(_("失信行为"), max_length=16, choices=CreditKind.choices)
    status = models.CharField(
        _("状态"), max_length=16, choices=CreditStatus.choices, default=CreditStatus.RECORDED
    )
    recorded_on = models.DateField(_("认定日期"))
    levy_year = models.PositiveSmallIntegerField(_("费款所属期"), null=True, blank=True)
    facts = models.TextField(_("事实"))
    basis_key = models.CharField(_("依据"), max_length=32)
    # The basis as stated when the entry was made: document, section and text.
    basis = models.TextField(_("依据内容"))
    issuing_organ = models.CharField(_("认定单位"), max_length=200)
    declaration = models.ForeignKey(
        Declaration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_entries",
        verbose_name=_("相关申报"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("确认人"),
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用人单位信用记录")
        verbose_name_plural = _("用人单位信用记录")
        ordering = ["-recorded_on", "-id"]

    scoped_by: ClassVar[ScopedBy] = scoped_through("employer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.recorded_on}"
