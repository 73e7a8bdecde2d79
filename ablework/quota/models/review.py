"""The federation's review of declarations (issue 11): the precomputed risk score, the
risk-drawn deeper check and its proofs, recorded corrections and reminder rounds."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy
from ablework.quota.models.declarations import THROUGH_DECLARATION, Declaration, scoped_through

# --- Review risk (issue 11): the precomputed score, the risk-drawn sample and its proofs ------


class RiskAssessment(models.Model):
    """A declaration's risk score as last computed (quota/risk/, by the scoring job or on
    (re)submission): the sum of the raised signals' weights, its level, and each raised signal
    as structured data (code, weight, lines, values) from which the page writes its words."""

    declaration = models.OneToOneField(
        Declaration, on_delete=models.CASCADE, related_name="risk", verbose_name=_("申报")
    )
    score = models.PositiveSmallIntegerField(_("风险分"))
    level = models.CharField(_("风险等级"), max_length=8)
    # [{"code", "weight", "lines", "values"}], the heaviest first.
    signals = models.JSONField(_("风险信号"), default=list, blank=True)
    top_signal = models.CharField(_("主要风险信号"), max_length=32, blank=True)
    # The declaration's version when scored: a later change makes the score stale.
    declaration_version = models.PositiveIntegerField(_("评分时的申报版本"))
    computed_at = models.DateTimeField(_("评分时间"))

    class Meta:
        verbose_name = _("申报风险评分")
        verbose_name_plural = _("申报风险评分")
        indexes = [models.Index(fields=["score", "declaration"], name="risk_score_declaration")]

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return f"{self.score}"

    @property
    def top_signal_title(self) -> str:
        """The top signal's title in the reader's language ("" when none was raised)."""
        from ablework.quota.risk.signals import TITLES, SignalCode

        return str(TITLES[SignalCode(self.top_signal)]) if self.top_signal else ""


class DeepCheckOutcome(models.TextChoices):
    PENDING = "pending", _("核查中")
    CONFIRMED = "confirmed", _("核查属实")
    PROBLEMS = "problems", _("发现问题")


class DeepCheck(models.Model):
    """A declaration drawn by risk for a deeper check (抽查): who drew it at which score, and
    the reviewer's outcome once the proofs are seen."""

    declaration = models.OneToOneField(
        Declaration, on_delete=models.CASCADE, related_name="deep_check", verbose_name=_("申报")
    )
    drawn_at = models.DateTimeField(_("抽取时间"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("抽取人"),
    )
    score_at_draw = models.PositiveSmallIntegerField(_("抽取时的风险分"))
    outcome = models.CharField(
        _("核查结论"),
        max_length=16,
        choices=DeepCheckOutcome.choices,
        default=DeepCheckOutcome.PENDING,
    )
    outcome_note = models.TextField(_("核查说明"), blank=True)
    decided_at = models.DateTimeField(_("结论时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("结论人"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("申报抽查")
        verbose_name_plural = _("申报抽查")

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return self.get_outcome_display()


class ProofKind(models.TextChoices):
    CONTRACT = "contract", _("劳动合同")
    WAGE_SLIPS = "wage_slips", _("工资发放记录")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险缴费记录")


class Proof(models.Model):
    """A proof file of a sampled declaration (for one roster line, or the whole declaration),
    kept through Django's default storage under a random name; served only to those who may
    see the declaration, each download audited."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("申报")
    )
    # The 0-based roster index, or None for the whole declaration.
    line = models.PositiveIntegerField(_("行号"), null=True, blank=True)
    kind = models.CharField(_("材料类型"), max_length=24, choices=ProofKind.choices)
    file = models.FileField(_("文件"), upload_to="quota/proofs/", max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=64)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("核查材料")
        verbose_name_plural = _("核查材料")
        ordering = ["uploaded_at", "id"]

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return self.original_name


class DeclarationCorrection(models.Model):
    """A correction of a certified declaration: who, when, why, and what changed (old → new,
    the figures and each line by its number and masked certificate; no other personal data).
    The original stays as it was certified (status corrected); `corrected` is the new,
    certified declaration that replaces it."""

    original = models.OneToOneField(
        Declaration,
        on_delete=models.PROTECT,
        related_name="correction",
        verbose_name=_("原申报"),
    )
    corrected = models.OneToOneField(
        Declaration,
        on_delete=models.PROTECT,
        related_name="correction_made",
        verbose_name=_("更正后的申报"),
    )
    reason = models.TextField(_("更正理由"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("更正人"),
    )
    at = models.DateTimeField(_("更正时间"))
    # [{"what": "在职职工工资总额", "old": "…", "new": "…"}, …] in the order shown.
    changes = models.JSONField(_("更正内容"), default=list)

    class Meta:
        verbose_name = _("申报更正")
        verbose_name_plural = _("申报更正")

    scoped_by: ClassVar[ScopedBy] = scoped_through("original__employer")

    def __str__(self) -> str:
        return f"{self.original_id} → {self.corrected_id}"


class ReminderRound(models.Model):
    """One sending of reminders (催报) for a levy year in an area: who sent it, when, and how
    many employers and messages it reached (services/reminders.py). Employers that have
    complied — submitted, resubmitted or certified — are never reminded."""

    levy_year = models.PositiveSmallIntegerField(_("费款所属期"))
    # The area's code as the region table keeps it (a province's 2 digits, a city's 4, a
    # county's 6).
    region_code = models.CharField(_("区划"), max_length=12)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发送人"),
    )
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("发送完成时间"), null=True, blank=True)
    employers = models.PositiveIntegerField(_("提醒的用人单位数"), default=0)
    messages = models.PositiveIntegerField(_("发出的站内消息数"), default=0)
    # Employers to remind that have no active user to receive a message on the site.
    unreachable = models.PositiveIntegerField(_("无账号可接收的用人单位数"), default=0)
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("后台任务"),
    )

    class Meta:
        verbose_name = _("催报提醒")
        verbose_name_plural = _("催报提醒")
        ordering = ["-created_at", "-id"]

    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="region_code"))

    def __str__(self) -> str:
        return f"{self.levy_year} {self.region_code}"
