"""An employer's declaration of a levy year (按比例就业年审), its roster of disabled employees, the
result of each line's months as checked at submission, and the declaration's steps."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy


class DeclarationStatus(models.TextChoices):
    """draft → submitted → returned → resubmitted → certified or rejected (issue 10); a certified
    declaration changes only by a correction, which keeps it as corrected (已更正) beside the new,
    certified one (issue 11)."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    RESUBMITTED = "resubmitted", _("已重新提交")
    CERTIFIED = "certified", _("已审核确认")
    REJECTED = "rejected", _("未通过审核")
    CORRECTED = "corrected", _("已更正")


# A rejected declaration is closed: the employer may open a new one for the year. A corrected
# one is kept as it was certified, replaced by its correction.
CLOSED_STATUSES = (DeclarationStatus.REJECTED, DeclarationStatus.CORRECTED)
OPEN_STATUSES = tuple(status for status in DeclarationStatus if status not in CLOSED_STATUSES)
# Declarations whose counted months another employer may not count again (counted_elsewhere).
FILED_STATUSES = (
    DeclarationStatus.SUBMITTED,
    DeclarationStatus.RESUBMITTED,
    DeclarationStatus.CERTIFIED,
)


class RejectionKind(models.TextChoices):
    """Why a declaration was not certified: faked placements (虚假安排残疾人就业) propose a
    credit entry (ablework/credit); any other reason does not."""

    FAKE_PLACEMENT = "fake_placement", _("虚假安排残疾人就业")
    OTHER = "other", _("其他原因")


class CertificateKind(models.TextChoices):
    DISABILITY = "disability", _("残疾人证")
    VETERAN = "veteran", _("残疾军人证")


class EmploymentForm(models.TextChoices):
    ESTABLISHED = "established", _("在编")
    LABOUR_CONTRACT = "labour_contract", _("劳动合同")
    SERVICE_AGREEMENT = "service_agreement", _("服务协议")
    DISPATCHED = "dispatched", _("劳务派遣")


class DispatchAssignment(models.TextChoices):
    HOST = "host", _("用工单位")
    AGENCY = "agency", _("派遣单位")


def scoped_through(employer: str) -> ScopedBy:
    """Scoped as the employer at the end of this path is: its region and its id."""
    return ScopedBy(
        region=RegionFields(
            county=f"{employer}__county_code", township=f"{employer}__township_code"
        ),
        employer=f"{employer}_id",
    )


class Declaration(TimestampedModel):
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="quota_declarations",
        verbose_name=_("用人单位"),
    )
    levy_year = models.PositiveSmallIntegerField(_("费款所属期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=DeclarationStatus.choices, default="draft"
    )
    # 在职职工人数: twelve monthly counts, or the annual average (one of the two).
    headcount_monthly = models.JSONField(_("各月在职职工人数"), null=True, blank=True)
    headcount_annual_average = models.DecimalField(
        _("在职职工年平均人数"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Empty while a draft has no figures yet; always there once submitted.
    wage_total = models.DecimalField(
        _("在职职工工资总额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
    )
    # The rules engine's levy result with its trace, as computed at submission, so the number
    # can be reproduced later whatever the parameters become.
    rules_trace = models.JSONField(_("计算过程"), default=dict, blank=True)
    # Optimistic locking (core/versioning.py): every write advances it in a guarded UPDATE.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    # The stored risk score (RiskAssessment.score; 0 while unscored), kept here beside the status
    # by whatever stores the scores (services/risk.py `store_scores`) so that the review queue,
    # sorted by it, is read in index order (docs/benchmarks.md, "Review queue").
    risk_score = models.PositiveSmallIntegerField(
        _("风险分"), default=0, db_default=0, editable=False
    )

    class Meta:
        verbose_name = _("按比例就业申报")
        verbose_name_plural = _("按比例就业申报")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "levy_year"],
                condition=~models.Q(status__in=["rejected", "corrected"]),
                name="declaration_one_open_per_year",
            )
        ]
        indexes = [
            models.Index(fields=["levy_year", "status"], name="declaration_year_status"),
            models.Index(fields=["risk_score", "id"], name="declaration_risk_queue"),
            # The queue oldest first (`review_queue`): read in this order, not sorted.
            models.Index(fields=["submitted_at", "id"], name="declaration_oldest_queue"),
        ]

    scoped_by: ClassVar[ScopedBy] = scoped_through("employer")

    def __str__(self) -> str:
        return f"{self.levy_year}"


# The records of a declaration are scoped as the declaration is.
THROUGH_DECLARATION = scoped_through("declaration__employer")


class RosterLine(models.Model):
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="lines", verbose_name=_("申报")
    )
    # The 0-based index in the declaration's roster (for a file, the row number Excel shows).
    line = models.PositiveIntegerField(_("行号"))
    certificate_kind = models.CharField(
        _("证件类型"), max_length=16, choices=CertificateKind.choices
    )
    certificate_number = EncryptedTextField(_("证件号码"))
    certificate_hash = models.CharField(max_length=64, db_index=True, editable=False)
    certificate_masked = models.CharField(_("证件号码"), max_length=24, editable=False)
    name = models.CharField(_("姓名"), max_length=64)
    grade = models.PositiveSmallIntegerField(_("等级"), null=True, blank=True)
    resident_id = EncryptedTextField(_("公民身份号码"), blank=True)
    resident_id_masked = models.CharField(
        _("公民身份号码"), max_length=18, blank=True, editable=False
    )
    employment_form = models.CharField(_("用工形式"), max_length=24, choices=EmploymentForm.choices)
    contract_start = models.DateField(_("合同起始日期"), null=True, blank=True)
    contract_end = models.DateField(_("合同终止日期"), null=True, blank=True)
    post = models.CharField(_("岗位"), max_length=100, blank=True)
    dispatch_agency = models.CharField(_("派遣单位统一社会信用代码"), max_length=18, blank=True)
    dispatch_assigns_to = models.CharField(
        _("派遣协议约定计入"), max_length=8, choices=DispatchAssignment.choices, blank=True
    )
    # The line's counted months folded into one integer (quota/folding.py: bit m-1 counted,
    # bit m+11 at the severe weight), written with the months by every writer of a roster.
    counted_months = models.PositiveIntegerField(_("计入月份"), default=0, editable=False)

    class Meta:
        verbose_name = _("残疾职工名单行")
        verbose_name_plural = _("残疾职工名单")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "line"], name="roster_line_once")
        ]

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_masked}）"


class LineMonth(models.Model):
    """One declared month of a roster line: the wage paid, and whether it counted in D."""

    roster_line = models.ForeignKey(
        RosterLine, on_delete=models.CASCADE, related_name="months", verbose_name=_("名单行")
    )
    month = models.PositiveSmallIntegerField(_("月份"))
    wage = models.DecimalField(_("工资"), max_digits=12, decimal_places=2)
    social_insurance_paid = models.BooleanField(_("足额缴纳社会保险"), default=False)
    counted = models.BooleanField(_("计入"), default=False)
    # How many persons the month counts as (severe grades count `levy.severe_weight`); 0 when
    # not counted.
    weight = models.PositiveSmallIntegerField(_("计入人数"), default=0)
    problem_codes = models.JSONField(_("问题"), default=list, blank=True)

    class Meta:
        verbose_name = _("名单行月份")
        verbose_name_plural = _("名单行月份")
        constraints = [
            models.UniqueConstraint(fields=["roster_line", "month"], name="line_month_once")
        ]

    scoped_by: ClassVar[ScopedBy] = scoped_through("roster_line__declaration__employer")

    def __str__(self) -> str:
        return f"{self.month}"


class DeclarationSubmission(models.Model):
    """One submission of a declaration (the first, then each resubmission after a return), with
    the rules trace computed at that moment: every number ever submitted can be reproduced,
    whatever the parameters and the roster become later. Never changed once written."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("申报")
    )
    round = models.PositiveSmallIntegerField(_("第几次提交"))
    submitted_at = models.DateTimeField(_("提交时间"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
    )
    rules_trace = models.JSONField(_("计算过程"), default=dict)

    class Meta:
        verbose_name = _("申报提交记录")
        verbose_name_plural = _("申报提交记录")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "round"], name="submission_round_once")
        ]

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return f"{self.round}"


class DeclarationEvent(models.Model):
    """One status transition of a declaration, with the reasons given (a return's per line and
    overall, a rejection's): what the employer reads, and what the next review starts from."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="events", verbose_name=_("申报")
    )
    transition = models.CharField(_("操作"), max_length=16)
    from_status = models.CharField(_("原状态"), max_length=16, choices=DeclarationStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=16, choices=DeclarationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"))
    reason = models.TextField(_("理由"), blank=True)
    # [{"line": 0-based roster index, "reason": "…"}] for a return.
    line_reasons = models.JSONField(_("各行理由"), default=list, blank=True)
    # A decision's (return, certify, reject, correct) levy as the rules engine computed it at
    # that moment from the stored roster: its result and full trace, each parameter with its
    # value, the date it is in force from and its reference, so the figure can be reproduced
    # whatever the parameters become later. Empty for the employer's own steps.
    rules_trace = models.JSONField(_("审核时的计算"), default=dict, blank=True)
    # A rejection's kind of reason (RejectionKind); empty for every other transition.
    reason_kind = models.CharField(
        _("理由类别"), max_length=16, choices=RejectionKind.choices, blank=True
    )

    class Meta:
        verbose_name = _("申报状态变更")
        verbose_name_plural = _("申报状态变更")
        ordering = ["at", "id"]

    scoped_by: ClassVar[ScopedBy] = THROUGH_DECLARATION

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
