"""The registry's fixed lists: sex, disability category and grade, employment, certificates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
