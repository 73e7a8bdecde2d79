"""A person in the real-name registry (实名制) and the policy of their sensitive fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.masking import (
    mask_address,
    mask_birth_date,
    mask_certificate,
    mask_phone,
    mask_resident_id,
)
from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models.choices import (
    CertificateStatus,
    DisabilityCategory,
    DisabilityGrade,
    Education,
    EmploymentKind,
    EmploymentStatus,
    Sex,
    UrbanRural,
)

# Fields holding sensitive personal information (个人信息保护法 Art. 28): encrypted at rest,
# masked in lists and in the audit trail.
SENSITIVE_FIELDS = ("resident_id", "certificate_number", "phone", "address")
# The one mask of each, for the masked columns beside them, exports, the API and the audit trail.
SENSITIVE_MASKS: dict[str, Callable[[str], str]] = {
    "resident_id": mask_resident_id,
    "certificate_number": mask_certificate,
    "phone": mask_phone,
    "address": mask_address,
}
# Free text that may hold health data (精神分裂症，需家属陪同; 个人信息保护法 Art. 28): encrypted
# at rest, shown only to those who may reveal (others see `mask_free_text`), and of which the
# audit trail records only that it changed (core/audit.py `diff(texts=…)`).
SENSITIVE_TEXTS = ("communication_notes",)
# Every encrypted field: lists and masked exports defer them, so a page decrypts nothing.
ENCRYPTED_FIELDS = (*SENSITIVE_FIELDS, *SENSITIVE_TEXTS)
# The audit trail masks the birth date too (the year only, as masked views show it).
AUDIT_MASKS: dict[str, Callable[[str], str]] = {**SENSITIVE_MASKS, "birth_date": mask_birth_date}


class Person(TimestampedModel):
    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    sex = models.CharField(_("性别"), max_length=8, choices=Sex.choices)
    birth_date = models.DateField(_("出生日期"))
    resident_id = EncryptedTextField(_("公民身份号码"))
    resident_id_hash = models.CharField(max_length=64, unique=True, editable=False)
    resident_id_masked = models.CharField(_("公民身份号码"), max_length=18, editable=False)
    certificate_number = EncryptedTextField(_("残疾人证号"), blank=True)
    certificate_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    certificate_masked = models.CharField(_("残疾人证号"), max_length=24, editable=False)
    disability_category = models.PositiveSmallIntegerField(
        _("残疾类别"), choices=DisabilityCategory.choices
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("残疾等级"), choices=DisabilityGrade.choices
    )
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    address = EncryptedTextField(_("居住地址"), blank=True)
    address_masked = models.CharField(_("居住地址"), max_length=16, blank=True, editable=False)
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    education = models.CharField(
        _("文化程度"), max_length=16, choices=Education.choices, blank=True
    )
    employment_status = models.CharField(
        _("就业状况"), max_length=16, choices=EmploymentStatus.choices
    )
    employment_kind = models.CharField(
        _("就业形式"), max_length=32, choices=EmploymentKind.choices, blank=True
    )
    certificate_status = models.CharField(
        _("证件状态"), max_length=16, choices=CertificateStatus.choices, default="valid"
    )
    certificate_valid_until = models.DateField(_("证件有效期至"), null=True, blank=True)
    household_region_code = models.CharField(_("户籍地区划"), max_length=12, blank=True)
    residence_region_code = models.CharField(_("居住地区划"), max_length=12, blank=True)
    urban_rural = models.CharField(_("城乡"), max_length=8, choices=UrbanRural.choices, blank=True)
    retirement_base_age = models.PositiveSmallIntegerField(
        _("原法定退休年龄"),
        null=True,
        blank=True,
        help_text=_("女性按岗位为50或55周岁；用于计算2025年渐进式延迟退休后的法定退休年龄。"),
    )
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    occupations = models.CharField(_("从事或希望从事的职业"), max_length=200, blank=True)
    needs_sign_language = models.BooleanField(_("需要手语沟通"), default=False)
    needs_braille_or_large_print = models.BooleanField(_("需要盲文或大字材料"), default=False)
    needs_easy_read = models.BooleanField(_("需要易读材料"), default=False)
    communication_notes = EncryptedTextField(_("沟通方面的其他需要"), max_length=200, blank=True)
    training_wished = models.CharField(_("培训意愿"), max_length=200, blank=True)
    last_verified_on = models.DateField(_("最近核实日期"), null=True, blank=True)
    # A suspected duplicate merged into another record is kept, marked, and left out of lists.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
        verbose_name=_("已合并到"),
        # Indexed only where set (below): an index holding a million NULLs made SQLite's
        # planner take "merged_into IS NULL" for a selective condition and walk all of it.
        db_index=False,
    )
    merged_at = models.DateTimeField(_("合并时间"), null=True, blank=True)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("残疾人")
        verbose_name_plural = _("残疾人")
        indexes = [
            models.Index(fields=["county_code", "id"], name="person_county_id"),
            models.Index(fields=["county_code", "employment_status", "id"], name="person_status"),
            models.Index(fields=["township_code", "id"], name="person_township_id"),
            models.Index(
                fields=["merged_into"],
                condition=models.Q(merged_into__isnull=False),
                name="person_merged_into",
            ),
            # Category and grade are the registry's main facets (智力残疾一级 …): a county's
            # matches come in page order, whatever else is filtered.
            models.Index(
                fields=["county_code", "disability_category", "disability_grade", "id"],
                name="person_county_category",
            ),
            # Suspected duplicates group active records by name and birth date, in a county
            # (the first index: a county's name search too) or across a city (the second).
            # `merged_into` is always empty in these partial indexes, but SQLite still tests the
            # query's "merged_into IS NULL" on each entry: with the column in the index, the
            # index covers the query and no table row is read.
            models.Index(
                fields=["county_code", "name", "birth_date", "merged_into"],
                condition=models.Q(merged_into__isnull=True),
                name="person_active_county_name",
            ),
            models.Index(
                fields=["name", "birth_date", "county_code", "merged_into"],
                condition=models.Q(merged_into__isnull=True),
                name="person_active_name_birth",
            ),
            # The quarterly round counts a county's working-age, living, not-yet-checked persons
            # by township from this index alone.
            models.Index(
                fields=[
                    "county_code",
                    "township_code",
                    "last_verified_on",
                    "certificate_status",
                    "sex",
                    "birth_date",
                    "retirement_base_age",
                    "merged_into",
                ],
                condition=models.Q(merged_into__isnull=True),
                name="person_active_round",
            ),
        ]

    # Persons belong where they are registered (属地管理): county, then township; a village's
    # or community's staff reach those whose place of residence is coded to it.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="county_code", township="township_code", community="residence_region_code"
        ),
        person="pk",
    )

    def __str__(self) -> str:
        return f"{self.name}（{self.resident_id_masked}）"
