"""Persons with disabilities in the real-name registry (实名制)."""

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


class EmploymentKind(models.TextChoices):
    """Forms of employment counted in the federation's statistics."""

    QUOTA = "quota", _("按比例就业")
    CONCENTRATED = "concentrated", _("集中就业")
    SELF_EMPLOYED = "self_employed", _("个体就业/自主创业")
    FLEXIBLE = "flexible", _("灵活就业")
    AUXILIARY = "auxiliary", _("辅助性就业")
    PUBLIC_WELFARE_POST = "public_welfare_post", _("公益性岗位就业")
    RURAL_FARMING = "rural_farming", _("农村种养加")
    HOME_BASED = "home_based", _("居家就业")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已注销")
    DECEASED = "deceased", _("已死亡")


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("城镇")
    RURAL = "rural", _("农村")


class FlagKind(models.TextChoices):
    """Dated circumstances that change which services and subsidies apply."""

    EMPLOYMENT_DIFFICULTY = "employment_difficulty", _("就业困难人员")
    ZERO_EMPLOYMENT_FAMILY = "zero_employment_family", _("零就业家庭")
    MINIMUM_LIVING_ALLOWANCE = "minimum_living_allowance", _("低保家庭")
    POVERTY_RELAPSE_MONITORING = "poverty_relapse_monitoring", _("防返贫监测对象")
    COLLEGE_STUDENT = "college_student", _("在校/应届大学生")
    BLIND_MASSAGE = "blind_massage", _("盲人按摩从业")


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


class EmploymentPeriod(models.Model):
    """One period of an employment status. A change closes the open period and opens a new
    one: history is never overwritten."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employment_periods")
    status = models.CharField(_("就业状况"), max_length=16, choices=EmploymentStatus.choices)
    kind = models.CharField(
        _("就业形式"), max_length=32, choices=EmploymentKind.choices, blank=True
    )
    employer_name = models.CharField(_("就业单位"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("就业状况记录")
        verbose_name_plural = _("就业状况记录")
        ordering = ["person_id", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_employment_period",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="employment_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} {self.started_on}–{self.ended_on or ''}"


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


class VerificationMethod(models.TextChoices):
    """How a record was checked (季度更新制度、自查互查抽查制度)."""

    QUARTERLY_UPDATE = "quarterly_update", _("季度更新")
    SELF_CHECK = "self_check", _("自查")
    CROSS_CHECK = "cross_check", _("互查")
    SAMPLING = "sampling", _("抽查")


class Verification(models.Model):
    """One check of a person's record; `Person.last_verified_on` holds the latest date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="verifications")
    verified_on = models.DateField(_("核实日期"))
    method = models.CharField(
        _("核实方式"),
        max_length=32,
        choices=VerificationMethod.choices,
        default=VerificationMethod.QUARTERLY_UPDATE,
    )
    verified_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("核实人"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("核实记录")
        verbose_name_plural = _("核实记录")
        ordering = ["person_id", "-verified_on", "-id"]
        indexes = [models.Index(fields=["person", "verified_on"], name="verification_person_on")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.method} {self.verified_on}"


class DuplicateDismissal(models.Model):
    """A reviewer's decision that two records with the same name and birth date are different
    people; the pair is no longer listed as a suspected duplicate."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("审核人")
    )
    decided_at = models.DateTimeField(_("审核时间"), auto_now_add=True)
    note = models.CharField(_("理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("非重复人员判定")
        verbose_name_plural = _("非重复人员判定")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_dismissal_per_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="dismissal_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"


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
