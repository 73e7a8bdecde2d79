"""Recruitment events (专场招聘): a day on which employers meet job seekers, on site or online
(seeds 000, 001, 002, 004: 助残就业专场招聘, at least once a year).

- `RecruitmentEvent`: name, organiser (the federation or employment service centre), the county
  or city it is held for (the one scope: `region_code`, the region's code prefix, 4 or 6
  digits), the day and hours, on site (the place and its accessibility) or online (platform
  and link). Every write advances `version` (core.versioning).
- `EventEmployer` / `EventPosting`: the employers taking part and the open postings they bring.
- `EventRegistration`: a person registered for the event, with the access needs to prepare
  for the day (the free text encrypted), then whether they came and whether the needs were met.
- `EventInterview`: a registered person's interview with one of the event's postings, and
  whether it ended in a hire (then the referral, source 招聘活动现场, that recorded the hire) or
  why not.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ablework.core.models import TimestampedModel
from ablework.core.models.fields import EncryptedTextField
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.matching.models.referrals import NotHiredReason


class EventMode(models.TextChoices):
    ON_SITE = "on_site", _("现场招聘")
    ONLINE = "online", _("网络招聘（线上）")


class VenueAccess(models.TextChoices):
    """What the venue or the online event provides. The codes of the matching contract's
    accommodation vocabulary where one fits (step_free … quiet_space, the same words as a
    posting's), and our own for what an event has and a workplace does not (large print)."""

    STEP_FREE = "step_free", _("无障碍通道")
    ACCESSIBLE_TOILET = "accessible_toilet", _("无障碍卫生间")
    SIGN_LANGUAGE = "sign_language", _("手语翻译")
    CAPTIONING = "captioning", _("文字转写/字幕")
    BRAILLE = "braille", _("盲文材料")
    LARGE_PRINT = "large_print", _("大字版资料")
    QUIET_SPACE = "quiet_space", _("安静空间")


class AccessNeed(models.TextChoices):
    """What a registered person needs on the day."""

    SIGN_LANGUAGE = "sign_language", _("手语翻译")
    WHEELCHAIR = "wheelchair", _("轮椅无障碍通行")
    LARGE_PRINT = "large_print", _("大字版资料")
    COMPANION = "companion", _("陪同人员")


# Which provision of the venue answers each need (a need with none is prepared by hand).
NEED_PROVIDED_BY: dict[str, str] = {
    AccessNeed.SIGN_LANGUAGE: VenueAccess.SIGN_LANGUAGE,
    AccessNeed.WHEELCHAIR: VenueAccess.STEP_FREE,
    AccessNeed.LARGE_PRINT: VenueAccess.LARGE_PRINT,
}

# An event lies in the county or city it is held for (a code prefix: `3708`, `370811`).
EVENT_PLACE = RegionFields(code="region_code")


class RecruitmentEvent(TimestampedModel):
    name = models.CharField(_("活动名称"), max_length=100)
    organiser = models.CharField(_("主办单位"), max_length=100)
    region_code = models.CharField(_("举办地区"), max_length=6)
    held_on = models.DateField(_("举办日期"))
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    mode = models.CharField(_("举办方式"), max_length=8, choices=EventMode.choices)
    # On site: the place (not personal data) and its accessibility.
    place = models.CharField(_("举办地点"), max_length=200, blank=True)
    # Online: the platform and the address to join.
    platform = models.CharField(_("网络平台"), max_length=100, blank=True)
    link = models.URLField(_("参加网址"), max_length=300, blank=True)
    # VenueAccess codes.
    access = models.JSONField(_("无障碍服务"), default=list, blank=True)
    description = models.TextField(_("活动说明"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("招聘活动")
        verbose_name_plural = _("招聘活动")
        indexes = [
            models.Index(fields=["region_code", "held_on"], name="event_region_day"),
            models.Index(fields=["held_on", "id"], name="event_day_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_hours_in_order"
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=EVENT_PLACE)

    def __str__(self) -> str:
        return self.name


class EventEmployer(models.Model):
    event = models.ForeignKey(RecruitmentEvent, on_delete=models.CASCADE, related_name="employers")
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("参会单位"),
    )

    class Meta:
        verbose_name = _("参会单位")
        verbose_name_plural = _("参会单位")
        constraints = [
            models.UniqueConstraint(fields=["event", "employer"], name="event_employer_once")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="event__region_code"))

    def __str__(self) -> str:
        return str(self.employer)


class EventPosting(models.Model):
    event = models.ForeignKey(RecruitmentEvent, on_delete=models.CASCADE, related_name="postings")
    posting = models.ForeignKey(
        "matching.JobPosting",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("招聘岗位"),
    )

    class Meta:
        verbose_name = _("活动岗位")
        verbose_name_plural = _("活动岗位")
        constraints = [
            models.UniqueConstraint(fields=["event", "posting"], name="event_posting_once")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="event__region_code"))

    def __str__(self) -> str:
        return str(self.posting)


# A registration lies where its person lives: staff see their own persons' registrations.
REGISTRATION_PLACE = RegionFields(county="person__county_code", township="person__township_code")


class EventRegistration(TimestampedModel):
    event = models.ForeignKey(
        RecruitmentEvent, on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("报名人"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("报名登记人"),
    )
    # AccessNeed codes; the free text (health data may be written there) is encrypted.
    needs = models.JSONField(_("当天需要的无障碍服务"), default=list, blank=True)
    needs_other = EncryptedTextField(_("其他需要"), blank=True, default="")
    attended = models.BooleanField(_("是否到场"), null=True, blank=True)
    # Whether what the person asked for was there on the day (None: not recorded, or no needs).
    needs_met = models.BooleanField(_("无障碍需要是否满足"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        indexes = [models.Index(fields=["event", "id"], name="eventreg_event_id")]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="event_person_once")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=REGISTRATION_PLACE, person="person_id")

    def __str__(self) -> str:
        return f"{self.event}：{self.person.name}"


class EventInterview(models.Model):
    registration = models.ForeignKey(
        EventRegistration, on_delete=models.CASCADE, related_name="interviews"
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("面试岗位"),
    )
    hired = models.BooleanField(_("是否录用"), default=False)
    # Why an interview did not end in a hire (the referral pipeline's reasons); blank when hired
    # or not recorded.
    not_hired_reason = models.CharField(
        _("未录用原因"), max_length=16, choices=NotHiredReason.choices, blank=True
    )
    # A hire goes through the referral pipeline (a referral with source 招聘活动现场), which
    # records it in the registry, on the posting and as an employment service.
    referral = models.ForeignKey(
        "matching.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("岗位推荐"),
    )

    class Meta:
        verbose_name = _("活动面试")
        verbose_name_plural = _("活动面试")
        constraints = [
            models.UniqueConstraint(fields=["registration", "posting"], name="event_interview_once")
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=RegionFields(
            county="registration__person__county_code",
            township="registration__person__township_code",
        ),
        person="registration__person_id",
    )

    def __str__(self) -> str:
        return str(self.posting)
