"""The dated history of a person's 残疾人证."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.registry.models.choices import DisabilityCategory, DisabilityGrade
from ablework.registry.models.person import Person


class CertificateEventKind(models.TextChoices):
    """What happened to a person's 残疾人证 on a date (issue 10: the dated certificate history)."""

    ISSUED = "issued", _("发证")
    REASSESSED = "reassessed", _("重新评定")
    RENEWED = "renewed", _("换证延期")
    REVOKED = "revoked", _("注销")
    HOLDER_DIED = "holder_died", _("持证人死亡")


class CertificateEventSource(models.TextChoices):
    STAFF = "staff", _("工作人员录入")
    IMPORT = "import", _("导入")
    COMPARISON = "comparison", _("部门数据比对")
    EARLIER_RECORD = "earlier_record", _("原有登记信息")


class CertificateEvent(models.Model):
    """One dated step of a person's certificate: issued, reassessed (a new category and/or grade,
    so a new number), renewed (a new valid-until date), revoked, or the holder died. The
    person's current certificate fields follow from these (registry/certificates.py); the quota
    check reads a year's months from them (registry/selectors/certificates.py).

    `effective_on` is empty only for an "issued" event whose date nobody knows: the certificate
    was valid since before the registry's records (the data migration writes these)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificate_events")
    kind = models.CharField(_("事项"), max_length=16, choices=CertificateEventKind.choices)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    disability_category = models.PositiveSmallIntegerField(
        _("残疾类别"), choices=DisabilityCategory.choices, null=True, blank=True
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("残疾等级"), choices=DisabilityGrade.choices, null=True, blank=True
    )
    valid_until = models.DateField(_("证件有效期至"), null=True, blank=True)
    # The number this event put in force (a reassessment changes its last two digits): its
    # lookup hash, so a roster still carrying an older number finds the person, and its mask.
    certificate_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    certificate_masked = models.CharField(
        _("残疾人证号"), max_length=24, blank=True, editable=False
    )
    source = models.CharField(_("来源"), max_length=16, choices=CertificateEventSource.choices)
    source_detail = models.CharField(_("依据"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证件历史")
        verbose_name_plural = _("证件历史")
        ordering = ["person_id", models.F("effective_on").asc(nulls_first=True), "id"]
        indexes = [models.Index(fields=["person", "effective_on"], name="certevent_person_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=False) | models.Q(kind="issued"),
                name="certevent_dated_unless_issued",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.effective_on or '—'}"
