"""The register of issued documents, which the public verification page reads."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy
from ablework.printing.codes import grouped


class IssuedDocument(models.Model):
    """One official document as issued: what it states, who issued it, whether it still stands.

    `statements` holds only what the printed document itself states (label, value pairs), so that
    the public verification page can show them without revealing anything more.
    """

    code = models.CharField(_("验证码"), max_length=16, unique=True)
    kind = models.CharField(_("文件种类"), max_length=64)
    title = models.CharField(_("标题"), max_length=200)
    issuing_body = models.CharField(_("出具单位"), max_length=200)
    region_code = models.CharField(_("出具单位所在区划"), max_length=12, blank=True)
    issued_on = models.DateField(_("出具日期"))
    issued_at = models.DateTimeField(_("出具时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("出具人"),
    )
    statements = models.JSONField(_("文件所载内容"), default=list, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("撤回人"),
    )
    withdrawal_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)
    # What the document is about, as the issuing app names it (`quota.declaration:42`), so that a
    # later document on the same subject can supersede it (`services.issue_document`).
    subject = models.CharField(_("文件事项"), max_length=64, blank=True, db_index=True)
    # The document that replaced this one (a corrected 审核确认书): this one no longer stands.
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name=_("取代本文件的文件"),
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("已出具文件")
        verbose_name_plural = _("已出具文件")
        indexes = [models.Index(fields=["region_code", "-issued_at"], name="document_region_at")]

    # The issuing body's region, of any length: a township's documents are its staff's.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.title}（{self.display_code}）"

    @property
    def display_code(self) -> str:
        """The code as printed, in groups of four."""
        return grouped(self.code)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None

    @property
    def stands(self) -> bool:
        """Neither withdrawn nor superseded."""
        return not self.is_withdrawn and not self.is_superseded
