"""Employment difficulty (就业困难认定, issue 12; 《就业促进法》第五十二条): an application for a
registry person naming the criteria they meet (from the jurisdiction's list, rules parameter
`support.difficulty_criteria`) and the proofs provided; a decision by someone other than who
recorded it (maker-checker): recognised from `valid_from` to `valid_until`, or refused with the
reasons. A recognition opens the registry's flag 就业困难人员 and ending it (revoked, or expired
after `valid_until`) ends the flag, so the registry and the queue's filter stay in step.

Free text (the circumstances, the reasons) may name health matters: encrypted at rest, as the
records' notes are. Proof files are kept privately (core.proof_files)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import Person, PersonFlag
from ablework.support.models.records import PERSON_PLACE


class DifficultyState(models.TextChoices):
    PENDING = "pending", _("待认定")
    RECOGNISED = "recognised", _("已认定")
    REFUSED = "refused", _("不予认定")
    REVOKED = "revoked", _("已撤销")
    EXPIRED = "expired", _("已到期")


class DifficultyApplication(TimestampedModel):
    """One application and its decision."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    # The criteria claimed, in the words of the list in force when it was made.
    criteria = models.JSONField(_("符合的认定情形"), default=list)
    criteria_source = models.CharField(_("认定情形的依据"), max_length=300, blank=True)
    circumstances = EncryptedTextField(_("情况说明"), max_length=1000, blank=True)
    applied_on = models.DateField(_("申请日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受理人"),
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=DifficultyState.choices, default=DifficultyState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("认定人"),
    )
    decided_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    reasons = EncryptedTextField(_("认定理由"), max_length=1000, blank=True)
    valid_from = models.DateField(_("有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("有效期止"), null=True, blank=True)
    # The registry flag the recognition keeps open.
    flag = models.ForeignKey(
        PersonFlag,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("登记库标记"),
    )
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    # Null when the daily refresh ended it at the end of its validity (the system).
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("终止人"),
    )
    end_reason = models.CharField(_("撤销理由"), max_length=300, blank=True)
    # Optimistic locking (core/versioning.py): every write advances it.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        verbose_name = _("就业困难认定")
        verbose_name_plural = _("就业困难认定")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(state="pending"),
                name="one_pending_difficulty_application",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(state="recognised"),
                name="one_difficulty_recognition_in_force",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "applied_on"], name="difficulty_state"),
            models.Index(fields=["state", "valid_until"], name="difficulty_validity"),
        ]

    def __str__(self) -> str:
        return str(
            _("%(name)s的就业困难认定（%(day)s）")
            % {"name": self.person.name, "day": f"{self.applied_on:%Y-%m-%d}"}
        )


class DifficultyProof(models.Model):
    """A proof provided with an application (a certificate, a proof of unemployment …): what it
    is, and the file, kept privately under a random name; served only to those who may see the
    application, each download audited."""

    application = models.ForeignKey(
        DifficultyApplication,
        on_delete=models.CASCADE,
        related_name="proofs",
        verbose_name=_("就业困难认定"),
    )
    description = models.CharField(_("材料名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to="support/difficulty/", max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=64)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"))

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="application__person__county_code",
            township="application__person__township_code",
            community="application__person__residence_region_code",
        ),
        person="application__person_id",
    )

    class Meta:
        verbose_name = _("就业困难认定材料")
        verbose_name_plural = _("就业困难认定材料")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.description
