"""The records of the "四个一" (seed 003; 国办发〔2022〕6号 二（九）): for each working-age,
unemployed person, at least one check of their information and, if they want work, one
vocational capacity assessment, one registration of their needs and one employment service.

Each record belongs to one person and is reached through the person's place (属地管理), so a
person who moves county takes their history with them. Notes may hold health data: they are
encrypted at rest and shown only to those who may reveal a person's record.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import Person

# A record is reached through its person's place: county, township and community.
PERSON_PLACE = RegionFields(
    county="person__county_code",
    township="person__township_code",
    community="person__residence_region_code",
)


class Pillar(models.TextChoices):
    """The four services every person of the "四个一" is due, in the order they come."""

    CHECK = "check", _("基础信息核对")
    ASSESSMENT = "assessment", _("职业能力评估")
    NEEDS = "needs", _("就业需求登记")
    SERVICE = "service", _("就业服务")


class ServiceKind(models.TextChoices):
    GUIDANCE = "guidance", _("职业指导")
    REFERRAL = "referral", _("职业介绍/岗位推荐")
    TRAINING = "training", _("培训推荐")
    ENTREPRENEURSHIP = "entrepreneurship", _("创业指导")
    COUNSELLING = "counselling", _("心理疏导")
    ASSISTANCE = "assistance", _("就业援助")
    HOME_VISIT = "home_visit", _("上门服务")
    POLICY = "policy", _("政策咨询")


class Channel(models.TextChoices):
    ON_SITE = "on_site", _("现场")
    PHONE = "phone", _("电话")
    HOME_VISIT = "home_visit", _("入户")
    ONLINE = "online", _("线上")


class ServiceResult(models.TextChoices):
    """What came of a service. A referral that did not lead to a job counts toward escalation
    to a public-welfare post (Hunan: after three)."""

    GIVEN = "given", _("已提供")
    HIRED = "hired", _("推荐成功，已录用")
    NOT_HIRED = "not_hired", _("推荐未成功")
    DECLINED = "declined", _("本人未接受")


class Pathway(models.TextChoices):
    """The way to work an assessment recommends."""

    COMPETITIVE = "competitive", _("竞争性就业")
    SUPPORTED = "supported", _("支持性就业")
    AUXILIARY = "auxiliary", _("辅助性就业")
    SELF_EMPLOYMENT = "self_employment", _("自主创业/灵活就业")
    TRAINING_FIRST = "training_first", _("先参加培训")
    NOT_NOW = "not_now", _("暂不适合就业")


class AssessmentMethod(models.TextChoices):
    INTERVIEW = "interview", _("面谈")
    OBSERVATION = "observation", _("观察")
    WORK_TRIAL = "work_trial", _("工作试做")


class CheckItem(models.TextChoices):
    """What an information check verified."""

    IDENTITY = "identity", _("身份信息")
    CERTIFICATE = "certificate", _("残疾人证")
    CONTACT = "contact", _("联系方式")
    RESIDENCE = "residence", _("居住地")
    EMPLOYMENT = "employment", _("就业状况")
    WISHES = "wishes", _("就业意愿")


class PersonRecord(TimestampedModel):
    """What every record of a service has: whose, when, who gave it, notes."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    on = models.DateField(_("日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    # The name of the worker who gave it, as the person would know them.
    given_by = models.CharField(_("服务人员"), max_length=64, blank=True)
    notes = EncryptedTextField(_("备注"), max_length=500, blank=True)
    # Optimistic locking (core/versioning.py): a correction advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=PERSON_PLACE, person="person_id")

    class Meta:
        abstract = True


class InformationCheck(PersonRecord):
    """基础信息核对: what was verified and what changed (written to the registry through its
    services), and whether the person wants work."""

    pillar = Pillar.CHECK
    channel = models.CharField(_("方式"), max_length=16, choices=Channel.choices)
    verified = models.JSONField(_("核对内容"), default=list)
    wants_work = models.BooleanField(_("有就业意愿"), null=True)
    changes = models.CharField(_("更正的信息"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("基础信息核对")
        verbose_name_plural = _("基础信息核对")
        indexes = [models.Index(fields=["person", "on"], name="check_person_on")]


class Assessment(PersonRecord):
    """职业能力评估 in the matching contract's vocabulary (support/vocabulary.py)."""

    pillar = Pillar.ASSESSMENT
    # {demand: "can" | "cannot" | {"with": [accommodation, …]}}; demands not listed are "can".
    abilities = models.JSONField(_("各项工作要求的能力"), default=dict)
    hours_per_day = models.DecimalField(_("每天可工作小时数"), max_digits=3, decimal_places=1)
    # Access needs: accommodations the person needs at any workplace.
    needs = models.JSONField(_("需要的便利条件"), default=list)
    pathway = models.CharField(_("建议就业途径"), max_length=24, choices=Pathway.choices)
    methods = models.JSONField(_("评估方式"), default=list)
    # What the person reads on their own page, in plain words.
    summary = models.CharField(_("评估结论（本人可见）"), max_length=300)

    class Meta:
        verbose_name = _("职业能力评估")
        verbose_name_plural = _("职业能力评估")
        indexes = [models.Index(fields=["person", "on"], name="assessment_person_on")]


class NeedsRegistration(PersonRecord):
    """就业需求登记: the work the person wants and what they need to do it."""

    pillar = Pillar.NEEDS
    occupations = models.JSONField(_("希望从事的职业"), default=list)
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("每周最多工作小时数"))
    places = models.CharField(_("希望的工作地点"), max_length=200, blank=True)
    commute_km = models.PositiveSmallIntegerField(_("可接受的通勤距离（公里）"))
    wage_floor = models.DecimalField(_("期望月工资下限（元）"), max_digits=10, decimal_places=2)
    accepts_remote = models.BooleanField(_("接受居家办公"), default=False)
    needs = models.JSONField(_("需要的便利条件"), default=list)
    training_wishes = models.CharField(_("培训意愿"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("就业需求登记")
        verbose_name_plural = _("就业需求登记")
        indexes = [models.Index(fields=["person", "on"], name="needs_person_on")]


class ServiceRecord(PersonRecord):
    """就业服务: one service given, its outcome and the next step."""

    pillar = Pillar.SERVICE
    kind = models.CharField(_("服务类型"), max_length=24, choices=ServiceKind.choices)
    channel = models.CharField(_("方式"), max_length=16, choices=Channel.choices)
    result = models.CharField(
        _("结果"), max_length=16, choices=ServiceResult.choices, default=ServiceResult.GIVEN
    )
    outcome = models.CharField(_("服务情况"), max_length=300, blank=True)
    next_step = models.CharField(_("下一步"), max_length=200, blank=True)
    next_due = models.DateField(_("下一步期限"), null=True, blank=True)

    class Meta:
        verbose_name = _("就业服务记录")
        verbose_name_plural = _("就业服务记录")
        indexes = [
            models.Index(fields=["person", "on"], name="service_person_on"),
            models.Index(fields=["person", "kind", "result"], name="service_person_result"),
        ]
