"""Zero-employment households (零就业家庭): a household whose members of working age are all
without work, recognised on a day and tracked until one of them is employed, with the date.

- 就业促进法 第五十六条: 法定劳动年龄内的家庭人员均处于失业状况的城市居民家庭 may ask the street's
  or community's public employment service for employment assistance; once confirmed, it
  provides at least one of them with a suitable job (零就业家庭 优先帮扶).
- Seed 001, 方案5 (金华) 二、（六）: 确保困难残疾人家庭中有就业能力和就业意愿的至少有1人
  实现稳定就业.

A household is kept in its own place (county, township, community: `HOUSEHOLD_PLACE`), copied
from its first registered member when recorded, so it stays where it was recognised. Its
registered members are rows of `HouseholdMember` (each holding the registry flag
零就业家庭 it keeps in step); the other members of working age are only counted. The member who
got the job is either a registered member (the registry's employment period is the record) or
another member, whose name is kept encrypted.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.registry.models import EmploymentKind, EmploymentPeriod, Person, PersonFlag

# A household is reached through its own place: county, township and community.
HOUSEHOLD_PLACE = RegionFields(
    county="county_code", township="township_code", community="community_code"
)


class HouseholdStatus(models.TextChoices):
    OPEN = "open", _("跟踪帮扶中")
    RESOLVED = "resolved", _("已有成员就业")


class HouseholdBasis(models.TextChoices):
    """How the household came to be recognised."""

    VISIT = "visit", _("入户访视、调查摸底")
    APPLICATION = "application", _("家庭申请就业援助（就业促进法第五十六条）")
    HRSS_LIST = "hrss_list", _("人社部门或街道（乡镇）认定名单")
    OTHER = "other", _("其他")


class ResolvedHow(models.TextChoices):
    """How it became known that a member is employed."""

    REGISTRY = "registry", _("实名制信息库的就业记录（系统核对）")
    STAFF_REGISTRY = "staff_registry", _("工作人员登记持证成员就业（写入实名制信息库）")
    STAFF_OTHER = "staff_other", _("工作人员登记其他家庭成员就业")


class Relation(models.TextChoices):
    """A member without a disability certificate, by their relation to the registered one."""

    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他亲属")


class ZeroEmploymentHousehold(TimestampedModel):
    county_code = models.CharField(_("所属县级区划"), max_length=6)
    township_code = models.CharField(_("乡镇（街道）"), max_length=9, blank=True)
    community_code = models.CharField(_("村（社区）"), max_length=12, blank=True)
    recognised_on = models.DateField(_("认定日期"))
    basis = models.CharField(_("认定依据"), max_length=16, choices=HouseholdBasis.choices)
    basis_note = models.CharField(_("认定文件或说明"), max_length=200, blank=True)
    # The members of working age without a disability certificate: counted, nothing more.
    other_members = models.PositiveSmallIntegerField(
        _("其他法定劳动年龄内的家庭成员人数"), default=0
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=HouseholdStatus.choices, default=HouseholdStatus.OPEN
    )
    resolved_on = models.DateField(_("成员就业日期"), null=True, blank=True)
    resolved_how = models.CharField(
        _("就业情况来源"), max_length=16, choices=ResolvedHow.choices, blank=True
    )
    employed_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("就业的持证成员"),
    )
    employed_period = models.ForeignKey(
        EmploymentPeriod,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("实名制就业记录"),
    )
    employed_name = EncryptedTextField(_("就业的家庭成员姓名"), blank=True)
    employed_relation = models.CharField(
        _("与持证成员的关系"), max_length=16, choices=Relation.choices, blank=True
    )
    employed_kind = models.CharField(
        _("就业形式"), max_length=32, choices=EmploymentKind.choices, blank=True
    )
    employer_name = models.CharField(_("就业单位"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # None with a resolution: the daily check found it in the registry.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("确认人"),
    )
    notes = EncryptedTextField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=HOUSEHOLD_PLACE)

    class Meta:
        verbose_name = _("零就业家庭")
        verbose_name_plural = _("零就业家庭")
        indexes = [
            models.Index(
                fields=["county_code", "status", "recognised_on"], name="household_county_open"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", resolved_on__isnull=True)
                | models.Q(status="resolved", resolved_on__isnull=False),
                name="household_resolved_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"零就业家庭 {self.pk}（{self.county_code}，{self.recognised_on}）"


class HouseholdMember(models.Model):
    """A registered person with a disability of the household, and the flag 零就业家庭 the
    household keeps open on them while it is tracked."""

    household = models.ForeignKey(
        ZeroEmploymentHousehold,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("零就业家庭"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("残疾人")
    )
    flag = models.ForeignKey(
        PersonFlag,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("零就业家庭标记"),
    )

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="household__county_code",
            township="household__township_code",
            community="household__community_code",
        ),
        person="person_id",
    )

    class Meta:
        verbose_name = _("零就业家庭成员")
        verbose_name_plural = _("零就业家庭成员")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_once")
        ]
        indexes = [models.Index(fields=["person", "household"], name="household_member_person")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.person_id}"
