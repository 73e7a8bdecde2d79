"""Persons with disabilities in the real-name registry (实名制)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel


class Sex(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class DisabilityCategory(models.IntegerChoices):
    """Category digit of the certificate number (GB/T 26341-2010)."""

    VISUAL = 1, _("视力残疾")
    HEARING = 2, _("听力残疾")
    SPEECH = 3, _("言语残疾")
    PHYSICAL = 4, _("肢体残疾")
    INTELLECTUAL = 5, _("智力残疾")
    MENTAL = 6, _("精神残疾")
    MULTIPLE = 7, _("多重残疾")


class DisabilityGrade(models.IntegerChoices):
    ONE = 1, _("一级")
    TWO = 2, _("二级")
    THREE = 3, _("三级")
    FOUR = 4, _("四级")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("已就业")
    UNEMPLOYED = "unemployed", _("未就业")
    NOT_SEEKING = "not_seeking", _("无就业意愿")
    UNABLE = "unable", _("无劳动能力")
    RETIRED = "retired", _("已退休")


class Education(models.TextChoices):
    NONE = "none", _("未上过学")
    PRIMARY = "primary", _("小学")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中/中专")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("本科及以上")


# Fields holding sensitive personal information (个人信息保护法 Art. 28): encrypted at rest,
# masked in lists and in the audit trail.
SENSITIVE_FIELDS = ("resident_id", "certificate_number", "phone", "address")


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

    class Meta:
        verbose_name = _("残疾人")
        verbose_name_plural = _("残疾人")
        indexes = [
            models.Index(fields=["county_code", "id"], name="person_county_id"),
            models.Index(fields=["county_code", "employment_status", "id"], name="person_status"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.resident_id_masked}）"
