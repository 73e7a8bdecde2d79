"""Proposals from comparing another department's list with the registry: never applied
silently; a reviewer accepts or rejects each one."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy
from ablework.exchange.models.batches import ImportBatch
from ablework.registry.models import EmploymentKind, FlagKind, Person


class ProposalChange(models.TextChoices):
    DECEASED = "deceased", _("证件状态改为“已死亡”")
    FLAG = "flag", _("加上标记")
    EMPLOYMENT = "employment", _("就业状况改为已就业")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("未采纳")


class ComparisonProposal(models.Model):
    """One change a department's list suggests for one registry person."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="proposals")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    row_number = models.PositiveIntegerField(_("行号"))
    change = models.CharField(_("建议变更"), max_length=16, choices=ProposalChange.choices)
    flag_kind = models.CharField(_("标记"), max_length=32, choices=FlagKind.choices, blank=True)
    employment_kind = models.CharField(
        _("就业形式"), max_length=32, choices=EmploymentKind.choices, blank=True
    )
    employer_name = models.CharField(_("单位或字号"), max_length=200, blank=True)
    effective_on = models.DateField(_("起始日期"))
    evidence = models.CharField(_("依据"), max_length=300)
    warning = models.CharField(_("需要注意"), max_length=300, blank=True)
    status = models.CharField(
        _("审核结果"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("比对变更建议")
        verbose_name_plural = _("比对变更建议")
        ordering = ["batch_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "person", "change"], name="one_proposal_per_person_and_change"
            )
        ]
        indexes = [
            models.Index(fields=["batch", "county_code", "status", "id"], name="proposal_review")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code", township="person__township_code"),
        person="person_id",
    )

    def __str__(self) -> str:
        return f"{self.batch_id} {self.person_id} {self.change}"
