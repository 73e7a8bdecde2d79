"""Import batches: one uploaded file, its checks, its problems and what it wrote."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.models import EncryptedTextField, TimestampedModel
from ablework.core.scoping import RegionFields, ScopedBy
from ablework.exchange.importing.kinds import UnknownKind, import_kind


class BatchKind(models.TextChoices):
    """Other departments' lists, compared with the registry (never imported). A batch's kind is
    one of these or the code of a registered import kind (`exchange/importing/kinds.py`)."""

    DEATHS = "deaths", _("民政：死亡人员名单")
    MINIMUM_LIVING_ALLOWANCE = "minimum_living_allowance", _("民政：低保对象名单")
    SOCIAL_INSURANCE = "social_insurance", _("人社：社会保险参保缴费人员名单")
    BUSINESS_REGISTRATION = "business_registration", _("市场监管：个体工商户登记名单")


DEPARTMENT_KINDS = frozenset(BatchKind)


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("排队等待")
    CHECKING = "checking", _("正在检查")
    CHECKED = "checked", _("检查完成")
    WRITING = "writing", _("正在写入登记库")
    COMMITTED = "committed", _("已导入")
    NOTHING_WRITTEN = "nothing_written", _("未写入任何记录")
    DISCARDED = "discarded", _("已放弃")
    FAILED = "failed", _("无法读取")


RUNNING_STATUSES = frozenset({BatchStatus.QUEUED, BatchStatus.CHECKING, BatchStatus.WRITING})


class CommitMode(models.TextChoices):
    VALID_ROWS = "valid", _("只导入通过检查的行")
    ALL_OR_NOTHING = "all-or-nothing", _("全部通过才导入，否则一行也不导入")


class ImportBatch(TimestampedModel):
    """One uploaded file. Every registry change an import makes names its batch in the audit
    trail, so it can be traced back to the file (name and SHA-256)."""

    # A department list (BatchKind) or an import kind's code: kinds register without a migration.
    kind = models.CharField(_("文件内容"), max_length=32)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件SHA-256"), max_length=64, db_index=True)
    file_size = models.BigIntegerField(_("文件大小（字节）"), default=0)
    # The upload, encrypted at rest, kept until the batch is committed or discarded.
    stored_file = models.CharField(max_length=255, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("导入人"),
    )
    actor_label = models.CharField(_("导入人"), max_length=150)
    scope_code = models.CharField(_("导入人所在区划"), max_length=12, blank=True)
    source = models.CharField(_("方式"), max_length=8, default="web")
    status = models.CharField(
        _("状态"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    commit_mode = models.CharField(
        _("提交方式"), max_length=16, choices=CommitMode.choices, blank=True
    )
    header = models.JSONField(_("表头"), default=list, blank=True)
    rows_total = models.PositiveIntegerField(_("数据行数（估计）"), default=0)
    rows_checked = models.PositiveIntegerField(_("已检查行数"), default=0)
    rows_written = models.PositiveIntegerField(_("已写入行数"), default=0)
    rows_valid = models.PositiveIntegerField(_("通过检查的行"), default=0)
    rows_rejected = models.PositiveIntegerField(_("未通过检查的行"), default=0)
    rows_created = models.PositiveIntegerField(_("新增人员"), default=0)
    rows_updated = models.PositiveIntegerField(_("更新人员"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("无变化"), default=0)
    rows_unmatched = models.PositiveIntegerField(_("登记库中没有的人"), default=0)
    proposals_made = models.PositiveIntegerField(_("提出的变更建议"), default=0)
    message = models.TextField(_("说明"), blank=True)
    # Problems found beyond the IMPORT_MAX_PROBLEMS stored for the batch: counted, not stored.
    problems_unlisted = models.PositiveIntegerField(_("未列出的问题"), default=0)
    # The job running (or that last ran) this batch's check or commit: its progress and state.
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    worker_pid = models.PositiveIntegerField(null=True, blank=True, editable=False)
    worker_host = models.CharField(max_length=255, blank=True, editable=False)
    checked_at = models.DateTimeField(_("检查完成时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # When the upload, problems and rejected rows were deleted at the end of their retention
    # period (IMPORT_RETENTION_DAYS); the batch itself stays, since the audit trail names it.
    contents_purged_at = models.DateTimeField(_("内容删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-id"]
        indexes = [models.Index(fields=["uploaded_by", "-id"], name="batch_uploader")]

    # Seen by the uploader's colleagues in the same region (township, county …) and above.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="scope_code"))

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How people tell batches apart: the file and when it was uploaded, never an id."""
        if self.created_at is None:
            return self.file_name
        return f"{self.file_name}（{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} 上传）"

    @property
    def kind_label(self) -> str:
        """What the file holds, as pages name it."""
        if self.kind in DEPARTMENT_KINDS:
            return str(BatchKind(self.kind).label)
        try:
            return str(import_kind(self.kind).label)
        except UnknownKind:
            return self.kind

    @property
    def is_department_list(self) -> bool:
        """Whether the file is another department's list (compared, never imported)."""
        return self.kind in DEPARTMENT_KINDS


class ImportProblem(models.Model):
    """One problem found in a file: (file, row, column, message). Row is empty for the file
    as a whole; notices are told to the user but reject nothing."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="problems")
    row_number = models.PositiveIntegerField(_("行号"), null=True, blank=True)
    column = models.CharField(_("列"), max_length=64, blank=True)
    message = models.CharField(_("问题"), max_length=300)
    is_notice = models.BooleanField(_("仅为提示"), default=False)

    class Meta:
        verbose_name = _("导入问题")
        verbose_name_plural = _("导入问题")
        ordering = ["batch_id", "id"]
        indexes = [models.Index(fields=["batch", "id"], name="problem_batch_id")]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.row_number} {self.column}: {self.message}"


class RejectedRow(models.Model):
    """A row that did not pass, with its original cells (encrypted: they hold identifiers), for
    the rejected-rows download."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rejected_rows")
    row_number = models.PositiveIntegerField(_("行号"))
    cells = EncryptedTextField(_("原始内容"))
    reasons = models.TextField(_("原因"))

    class Meta:
        verbose_name = _("未通过的行")
        verbose_name_plural = _("未通过的行")
        ordering = ["batch_id", "row_number"]
        indexes = [models.Index(fields=["batch", "row_number"], name="rejected_batch_row")]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.row_number}"
