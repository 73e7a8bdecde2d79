"""University graduates with a disability and their ledger (一人一策就业服务台账; 国办发〔2022〕6号
二（七）, 济宁 20–21, 江津 四（一）1.): the year's cohort as universities or the education
department report it, each graduate matched to the registry, the job opportunities offered
(湖州、金华: 为每人至少提供3~5个就业机会) and their status each month until employed
(离校不断线).

A graduate belongs to the county of the matched person, or, when not matched, of the cohort
(`county_code`/`township_code` are kept on the graduate for scoping and set when matched).

An opportunity is, for now, a recorded offer: date, kind, employer and what came of it. Once
the matching app has postings, an offer will name its posting through a nullable link added
then; the offer's own columns stay, so offers recorded before still read the same.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import Person


class CohortSource(models.TextChoices):
    UNIVERSITY = "university", _("高校")
    EDUCATION = "education", _("教育部门")


class MatchProblem(models.TextChoices):
    """Why a graduate is not matched to a person of the registry."""

    NOT_REGISTERED = "not_registered", _("实名制信息库中没有这个公民身份号码")
    NAME_DIFFERS = "name_differs", _("公民身份号码已登记，但姓名与名单不一致")
    OUTSIDE = "outside", _("此人登记在您管辖范围以外的地区")


class OfferKind(models.TextChoices):
    POSTING = "posting", _("岗位推荐")
    REFERRAL = "referral", _("职业介绍")
    TRAINING = "training", _("职业培训")
    INTERNSHIP = "internship", _("就业见习/实习")
    PUBLIC_WELFARE = "public_welfare", _("公益性岗位")


class OfferOutcome(models.TextChoices):
    PENDING = "pending", _("等待结果")
    ACCEPTED = "accepted", _("已录用/已参加")
    NOT_HIRED = "not_hired", _("未被录用")
    DECLINED = "declined", _("本人未接受")


class GraduateStatus(models.TextChoices):
    STUDYING = "studying", _("在校")
    SEEKING = "seeking", _("求职中")
    EMPLOYED = "employed", _("已就业")
    FURTHER_STUDY = "further_study", _("升学")
    NOT_SEEKING = "not_seeking", _("暂无就业意愿")


class EmployedHow(models.TextChoices):
    """How an employed graduate works (the registry's forms of employment, in short)."""

    QUOTA = "quota", _("用人单位就业")
    ORGAN = "organ", _("机关事业单位")
    STATE_OWNED = "state_owned", _("国有企业")
    SELF_EMPLOYED = "self_employed", _("自主创业/灵活就业")
    PUBLIC_WELFARE = "public_welfare", _("公益性岗位")
    OTHER = "other", _("其他")


class Cohort(TimestampedModel):
    """The graduates of one year in one county (届), as first reported by a university or the
    education department."""

    year = models.PositiveSmallIntegerField(_("毕业年份"))
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    source = models.CharField(
        _("名单来源"), max_length=16, choices=CohortSource.choices, default=CohortSource.UNIVERSITY
    )
    batch = models.ForeignKey(
        "exchange.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("导入批次"),
    )

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(county="county_code"))

    class Meta:
        verbose_name = _("应届残疾人大学生名单")
        verbose_name_plural = _("应届残疾人大学生名单")
        constraints = [
            models.UniqueConstraint(fields=["county_code", "year"], name="cohort_county_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}届（{self.county_code}）"


class Graduate(TimestampedModel):
    """One graduate of a cohort, with their identifiers encrypted like the registry's."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="graduates", verbose_name=_("名单")
    )
    name = models.CharField(_("姓名"), max_length=64)
    resident_id = EncryptedTextField(_("公民身份号码"))
    resident_id_hash = models.CharField(max_length=64, editable=False)
    resident_id_masked = models.CharField(_("公民身份号码"), max_length=18, editable=False)
    school = models.CharField(_("毕业院校"), max_length=100)
    major = models.CharField(_("专业"), max_length=100, blank=True)
    graduation_date = models.DateField(_("毕业时间"))
    phone = EncryptedTextField(_("联系电话"), blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    wishes = models.CharField(_("就业意向"), max_length=200, blank=True)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("实名制信息库中的本人"),
    )
    match_problem = models.CharField(
        _("未匹配原因"), max_length=16, choices=MatchProblem.choices, blank=True
    )
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    batch = models.ForeignKey(
        "exchange.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("导入批次"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(county="county_code", township="township_code"), person="person_id"
    )

    class Meta:
        verbose_name = _("应届残疾人大学生")
        verbose_name_plural = _("应届残疾人大学生")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "resident_id_hash"], name="graduate_once")
        ]
        indexes = [models.Index(fields=["county_code", "cohort"], name="graduate_county")]

    def __str__(self) -> str:
        return f"{self.name}（{self.resident_id_masked}）"


GRADUATE_PLACE = RegionFields(county="graduate__county_code", township="graduate__township_code")


class GraduateEntry(TimestampedModel):
    """What every entry of a graduate's ledger has: whose, when, who recorded it."""

    graduate = models.ForeignKey(
        Graduate, on_delete=models.PROTECT, related_name="+", verbose_name=_("应届残疾人大学生")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    notes = EncryptedTextField(_("备注"), max_length=300, blank=True)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=GRADUATE_PLACE, person="graduate__person_id")

    class Meta:
        abstract = True


class Opportunity(GraduateEntry):
    """One job opportunity offered (就业机会): a recorded offer until postings exist."""

    offered_on = models.DateField(_("提供日期"))
    kind = models.CharField(_("机会类型"), max_length=16, choices=OfferKind.choices)
    employer = models.CharField(_("单位或内容"), max_length=200)
    outcome = models.CharField(
        _("结果"), max_length=16, choices=OfferOutcome.choices, default=OfferOutcome.PENDING
    )

    class Meta:
        verbose_name = _("就业机会")
        verbose_name_plural = _("就业机会")
        indexes = [models.Index(fields=["graduate", "offered_on"], name="opportunity_graduate")]

    def __str__(self) -> str:
        return f"{self.graduate.name}：{self.employer}"


class MonthlyStatus(GraduateEntry):
    """The graduate's status in one month (离校不断线), recorded until they are employed."""

    month = models.DateField(_("月份"))  # the first day of the month
    status = models.CharField(_("状态"), max_length=16, choices=GraduateStatus.choices)
    employed_how = models.CharField(
        _("就业方式"), max_length=16, choices=EmployedHow.choices, blank=True
    )
    recorded_on = models.DateField(_("记录日期"))

    class Meta:
        verbose_name = _("每月就业状态")
        verbose_name_plural = _("每月就业状态")
        constraints = [
            models.UniqueConstraint(fields=["graduate", "month"], name="graduate_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.graduate.name} {self.month:%Y-%m}"
