"""A person's dated flags and the training they received."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.registry.models.choices import FlagKind
from ablework.registry.models.person import Person


class PersonFlag(models.Model):
    """A dated flag (就业困难人员, 低保家庭 …); ending it keeps the record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("标记"), max_length=32, choices=FlagKind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人员标记")
        verbose_name_plural = _("人员标记")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_flag_per_kind",
            )
        ]
        indexes = [models.Index(fields=["kind", "ended_on"], name="flag_kind_open")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.started_on}–{self.ended_on or ''}"


class TrainingRecord(models.Model):
    """Vocational training a person received."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_records")
    subject = models.CharField(_("培训项目"), max_length=100)
    provider = models.CharField(_("培训机构"), max_length=200, blank=True)
    completed_on = models.DateField(_("结业日期"), null=True, blank=True)
    certificate = models.CharField(_("取得证书"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")

    def __str__(self) -> str:
        return f"{self.person_id} {self.subject}"
