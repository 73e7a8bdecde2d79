"""A person's dated history: employment periods and the checks of their record."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.registry.models.choices import EmploymentKind, EmploymentStatus
from ablework.registry.models.person import Person


class EmploymentPeriod(models.Model):
    """One period of an employment status. A change closes the open period and opens a new
    one: history is never overwritten."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employment_periods")
    status = models.CharField(_("就业状况"), max_length=16, choices=EmploymentStatus.choices)
    kind = models.CharField(
        _("就业形式"), max_length=32, choices=EmploymentKind.choices, blank=True
    )
    employer_name = models.CharField(_("就业单位"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("就业状况记录")
        verbose_name_plural = _("就业状况记录")
        ordering = ["person_id", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_employment_period",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="employment_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} {self.started_on}–{self.ended_on or ''}"


class VerificationMethod(models.TextChoices):
    """How a record was checked (季度更新制度、自查互查抽查制度)."""

    QUARTERLY_UPDATE = "quarterly_update", _("季度更新")
    SELF_CHECK = "self_check", _("自查")
    CROSS_CHECK = "cross_check", _("互查")
    SAMPLING = "sampling", _("抽查")


class Verification(models.Model):
    """One check of a person's record; `Person.last_verified_on` holds the latest date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="verifications")
    verified_on = models.DateField(_("核实日期"))
    method = models.CharField(
        _("核实方式"),
        max_length=32,
        choices=VerificationMethod.choices,
        default=VerificationMethod.QUARTERLY_UPDATE,
    )
    verified_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("核实人"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("核实记录")
        verbose_name_plural = _("核实记录")
        ordering = ["person_id", "-verified_on", "-id"]
        indexes = [models.Index(fields=["person", "verified_on"], name="verification_person_on")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.method} {self.verified_on}"
