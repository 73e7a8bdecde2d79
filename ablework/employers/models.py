"""Employers (用人单位), identified by their unified social credit code."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class EmployerKind(models.TextChoices):
    """Unit kinds named by 残疾人就业保障金征收使用管理办法 (财税〔2015〕72号) Art. 2."""

    ENTERPRISE = "enterprise", _("企业")
    ORGAN = "organ", _("机关")
    INSTITUTION = "institution", _("事业单位")
    SOCIAL_GROUP = "social_group", _("社会团体")
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", _("民办非企业单位")


class Employer(TimestampedModel):
    name = models.CharField(_("单位名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    kind = models.CharField(_("单位类型"), max_length=32, choices=EmployerKind.choices)
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    staff_count = models.PositiveIntegerField(_("在职职工人数"), default=0)
    address = models.CharField(_("单位地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = EncryptedTextField(_("联系电话"), blank=True)
    contact_phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        indexes = [
            models.Index(fields=["county_code", "id"], name="employer_county_id"),
            models.Index(fields=["township_code", "id"], name="employer_township_id"),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code", township="township_code"), employer="pk"
    )

    def __str__(self) -> str:
        return self.name
