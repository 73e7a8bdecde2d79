"""One person, one plan (一人一策, issue 12): a plan per person, kept as numbered versions.

A version is never changed once written: every change of the plan's content (goals, actions,
supports, review date) is saved as a new version, so every version stays as it was and any two
can be compared. A version goes draft → submitted → approved (by a supervisor other than its
author: maker-checker) or returned with a reason; a newer version replaces an older one that was
not approved. Only the done date of an action of the approved version is recorded on it
afterwards: the record of carrying the plan out, not a change of the plan.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import Person
from ablework.support.models.records import PERSON_PLACE


class PlanState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待审批")
    APPROVED = "approved", _("已批准")
    RETURNED = "returned", _("已退回修改")
    REPLACED = "replaced", _("已被新版本取代")


class Plan(TimestampedModel):
    """The person's plan: which version is the latest and which one is approved (in force)."""

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    latest = models.ForeignKey(
        "PlanVersion",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("最新版本"),
    )
    approved = models.ForeignKey(
        "PlanVersion",
        null=True,
        on_delete=models.PROTECT,
        related_name="approved_of",
        verbose_name=_("已批准的版本"),
    )
    # Optimistic locking (core/versioning.py): every write of the plan advances it.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        verbose_name = _("一人一策计划")
        verbose_name_plural = _("一人一策计划")

    def __str__(self) -> str:
        return str(_("%(name)s的一人一策计划") % {"name": self.person.name})


PLAN_PLACE = RegionFields(
    county="plan__person__county_code",
    township="plan__person__township_code",
    community="plan__person__residence_region_code",
)


class PlanVersion(TimestampedModel):
    """One version of a plan, as written; only its state and decision change afterwards."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("计划")
    )
    number = models.PositiveIntegerField(_("版本号"))
    state = models.CharField(
        _("状态"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT
    )
    # May name health matters: encrypted at rest, as the records' notes are.
    goals = EncryptedTextField(_("目标"), max_length=1000)
    supports = EncryptedTextField(_("支持措施"), max_length=1000, blank=True)
    review_on = models.DateField(_("复核日期"))
    change_note = models.CharField(_("修改说明"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("制定人"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=300, blank=True)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PLAN_PLACE, person="plan__person_id")

    class Meta:
        verbose_name = _("计划版本")
        verbose_name_plural = _("计划版本")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number"),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="plan_version_state")]

    def __str__(self) -> str:
        return str(
            _("%(name)s的一人一策计划第 %(number)s 版")
            % {"name": self.plan.person.name, "number": self.number}
        )


class PlanAction(models.Model):
    """An action of a version: what, who (a staff member of the area), by when, and when done."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="actions", verbose_name=_("计划版本")
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("行动内容"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("负责人"),
    )
    due_on = models.DateField(_("完成期限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="version__plan__person__county_code",
            township="version__plan__person__township_code",
            community="version__plan__person__residence_region_code",
        ),
        person="version__plan__person_id",
    )

    class Meta:
        verbose_name = _("计划行动")
        verbose_name_plural = _("计划行动")
        ordering = ["version", "position"]
        indexes = [
            models.Index(fields=["owner", "done_on", "due_on"], name="plan_action_owner_due"),
        ]

    def __str__(self) -> str:
        return self.text
