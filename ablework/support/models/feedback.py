"""What the person (or a family member with consent) says back about their records: whether a
service recorded for them happened — a confirmation or a complaint, which guards against
services recorded but never given — and requests to correct a record, which staff answer."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import ScopedBy
from ablework.registry.models import Person
from ablework.support.models.records import PERSON_PLACE, ServiceRecord


class FeedbackKind(models.TextChoices):
    CONFIRMED = "confirmed", _("确认服务已发生")
    COMPLAINT = "complaint", _("投诉：服务没有发生或与记录不符")


class ServiceFeedback(TimestampedModel):
    """The person's word on one service recorded for them; a later word replaces none."""

    service = models.ForeignKey(
        ServiceRecord, on_delete=models.PROTECT, related_name="+", verbose_name=_("服务记录")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    kind = models.CharField(_("反馈"), max_length=16, choices=FeedbackKind.choices)
    # May name health matters: encrypted at rest.
    text = EncryptedTextField(_("说明"), max_length=300, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("反馈人"),
    )

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        verbose_name = _("服务反馈")
        verbose_name_plural = _("服务反馈")
        indexes = [
            models.Index(fields=["person", "service"], name="feedback_person_service"),
            models.Index(fields=["kind", "created_at"], name="feedback_kind_at"),
        ]

    def __str__(self) -> str:
        return str(_("%(name)s对服务的反馈") % {"name": self.person.name})


class CorrectionState(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")


class CorrectionRequest(TimestampedModel):
    """A request to correct a record, in the person's words, and the staff's answer."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    about = models.CharField(_("需要更正的记录"), max_length=100, blank=True)
    text = EncryptedTextField(_("更正内容"), max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=CorrectionState.choices, default=CorrectionState.OPEN
    )
    answer = EncryptedTextField(_("答复"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复人"),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        verbose_name = _("更正申请")
        verbose_name_plural = _("更正申请")
        indexes = [models.Index(fields=["state", "created_at"], name="correction_state_at")]

    def __str__(self) -> str:
        return str(_("%(name)s的更正申请") % {"name": self.person.name})
