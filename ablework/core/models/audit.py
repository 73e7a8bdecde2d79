"""The audit trail: append-only, written by services for every change and every sensitive read."""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy


class AuditKind(models.TextChoices):
    CHANGE = "change", _("修改")
    CREATE = "create", _("新增")
    VIEW = "view", _("查看敏感信息")
    REVEAL = "reveal", _("显示完整信息")
    EXPORT = "export", _("导出")
    SIGN_IN = "sign_in", _("登录")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit records are append-only.")

    def delete(self) -> NoReturn:
        raise PermissionError("Audit records are append-only.")


class AppendOnly(models.Model):
    """A row written once and never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit records are append-only.")


class AuditRecord(AppendOnly):
    """Who did what to which record, when, with old → new values (sensitive values masked)."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    kind = models.CharField(_("类别"), max_length=16, choices=AuditKind.choices)
    action = models.CharField(_("操作代码"), max_length=64, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    target_label = models.CharField(_("对象"), max_length=200, blank=True)
    # The finest region known for the target (6, 9 or 12 digits: county, township, community).
    region_code = models.CharField(_("所属区划"), max_length=12, blank=True)
    changes = models.JSONField(_("变更（旧值 → 新值）"), default=dict, blank=True)
    detail = models.JSONField(_("说明"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [
            models.Index(fields=["region_code", "-at"], name="audit_region_at"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class AuditPerson(AppendOnly):
    """A person an audit record concerns besides its target: each person an export included, so
    that the person's access log finds the export. Written in one INSERT … SELECT from the
    exported selection (`core.audit.record_audit_persons`); append-only like its record. The
    person is a plain number (core knows no domain model)."""

    record = models.ForeignKey(
        AuditRecord,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # found by person (the index below), never by record alone
        verbose_name=_("审计记录"),
    )
    person_id = models.BigIntegerField(_("残疾人"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录涉及的人")
        verbose_name_plural = _("审计记录涉及的人")
        indexes = [models.Index(fields=["person_id", "record"], name="audit_person_record")]

    def __str__(self) -> str:
        return f"{self.record_id} → {self.person_id}"
