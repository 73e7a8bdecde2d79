"""Referrals (岗位推荐): a person sent to one job posting, with their recorded consent, and each
step of what came of it — requested (the person asked) → referred → interview → hired, not hired
or withdrawn. Every step is a dated row naming who recorded it (`ReferralStep`); the referral
carries a `version` that every step advances (core/versioning.py), so of two people acting on
the same referral the second is refused and told what the first recorded.

A referral lies where its person lives (staff reach it through the person's place, as every
employment service), belongs to the posting's employer (its accounts see the referrals to their
own postings) and to its person (their own account, a family member with consent)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy

# A referral is reached through its person's place: county, township and community.
REFERRAL_PLACE = RegionFields(
    county="person__county_code",
    township="person__township_code",
    community="person__residence_region_code",
)


class ReferralState(models.TextChoices):
    REQUESTED = "requested", _("本人申请推荐")
    REFERRED = "referred", _("已推荐")
    INTERVIEW = "interview", _("已安排面试")
    HIRED = "hired", _("已录用")
    NOT_HIRED = "not_hired", _("未录用")
    WITHDRAWN = "withdrawn", _("已撤回")


# States a referral does not leave.
ENDED_STATES = (ReferralState.HIRED, ReferralState.NOT_HIRED, ReferralState.WITHDRAWN)
# States in which the referral is under way (the employer may contact the person).
ACTIVE_STATES = (ReferralState.REFERRED, ReferralState.INTERVIEW)


class ReferralSource(models.TextChoices):
    """How the job came to be proposed."""

    BATCH = "batch", _("批量推荐结果")
    SEARCH = "search", _("工作人员查找岗位")
    REQUEST = "request", _("本人申请")
    EVENT = "event", _("招聘活动现场")


class ConsentHow(models.TextChoices):
    """How the person agreed to be referred (and to their name and phone going to the
    employer)."""

    WRITTEN = "written", _("书面同意")
    ORAL = "oral", _("口头同意")
    ONLINE = "online", _("本人在线申请")
    PROXY = "proxy", _("经授权的家属代为在线申请")
    # The person came to a recruitment event and applied for the posting there, in person.
    AT_EVENT = "at_event", _("本人在招聘活动现场应聘")


class NotHiredReason(models.TextChoices):
    SKILLS = "skills", _("技能或经验与岗位要求不符")
    DECLINED = "declined", _("本人放弃或未参加面试")
    CONDITIONS = "conditions", _("工作条件或便利条件未能谈妥")
    PAY_HOURS = "pay_hours", _("工资或工时未能谈妥")
    POSTING_ENDED = "posting_ended", _("岗位已招满或取消招聘")
    OTHER = "other", _("其他原因")


class WithdrawnBy(models.TextChoices):
    PERSON = "person", _("本人")
    STAFF = "staff", _("残联工作人员")
    EMPLOYER = "employer", _("招聘单位")


class Referral(TimestampedModel):
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("残疾人"),
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("招聘岗位"),
    )
    state = models.CharField(_("推荐状态"), max_length=12, choices=ReferralState.choices)
    source = models.CharField(_("推荐来源"), max_length=12, choices=ReferralSource.choices)
    # The person's consent: how, on which day, recorded by whom (a request made online is the
    # person's own consent, or their family member's under a recorded proxy consent).
    consent_how = models.CharField(_("本人同意方式"), max_length=10, choices=ConsentHow.choices)
    consent_on = models.DateField(_("本人同意日期"))
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("同意记录人"),
    )
    referred_on = models.DateField(_("推荐日期"), null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("推荐人"),
    )
    # The day of the latest step (the list's order and its "since").
    state_on = models.DateField(_("状态日期"))
    # Optimistic locking (core/versioning.py): every step advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("岗位推荐")
        verbose_name_plural = _("岗位推荐")
        indexes = [
            models.Index(fields=["posting", "state"], name="referral_posting_state"),
            models.Index(fields=["person", "state"], name="referral_person_state"),
            models.Index(fields=["state", "state_on"], name="referral_state_on"),
        ]
        constraints = [
            # One referral under way per person and posting (a second ask or referral while one
            # is open would be the same referral twice).
            models.UniqueConstraint(
                fields=["person", "posting"],
                condition=Q(state__in=["requested", "referred", "interview"]),
                name="referral_one_open_per_pair",
            ),
        ]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(
        region=REFERRAL_PLACE, employer="posting__employer_id", person="person_id"
    )

    def __str__(self) -> str:
        return str(_("%(posting)s的推荐") % {"posting": self.posting.title})

    @property
    def ended(self) -> bool:
        return self.state in ENDED_STATES


class ReferralStep(models.Model):
    """One step of a referral: the state it moved to, the day it happened, who recorded it and
    the step's own facts (the interview's time and place, the start day, the reason)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="steps", verbose_name=_("岗位推荐")
    )
    state = models.CharField(_("推荐状态"), max_length=12, choices=ReferralState.choices)
    on = models.DateField(_("日期"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    interview_at = models.DateTimeField(_("面试时间"), null=True, blank=True)
    interview_online = models.BooleanField(_("线上面试"), default=False)
    interview_place = models.CharField(_("面试地点或方式"), max_length=200, blank=True)
    started_on = models.DateField(_("入职日期"), null=True, blank=True)
    reason = models.CharField(
        _("未录用原因"), max_length=16, choices=NotHiredReason.choices, blank=True
    )
    withdrawn_by = models.CharField(
        _("撤回方"), max_length=10, choices=WithdrawnBy.choices, blank=True
    )
    # What was said, in the recorder's words; may name health matters: encrypted, never audited.
    note = EncryptedTextField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("推荐进展")
        verbose_name_plural = _("推荐进展")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.on:%Y-%m-%d}"
