"""A report's .xlsx or PDF built in the background (在后台生成): for a province the report takes
tens of seconds, longer than a page should wait. The job builds the same file the download
builds in the request, hands it back through the job (jobs/results.py: the job's page offers
下载 to the one who started it, each download audited) and records the export like the
in-request download does."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind, Region
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.indicators.periods import Period
from ablework.indicators.reports.audit_actions import ReportAction
from ablework.indicators.reports.model import Report, build_report, report_period, report_title
from ablework.indicators.reports.pdf import issue_report_pdf
from ablework.indicators.reports.xlsx import write_report_xlsx
from ablework.jobs.models import Job
from ablework.jobs.progress import job_progress
from ablework.jobs.results import keep_result_file
from ablework.jobs.services import enqueue_job
from ablework.printing.services import DOCUMENT_LANGUAGE

XLSX, PDF = "xlsx", "pdf"
FORMATS = {XLSX: "Excel", PDF: "PDF"}


def record_report_audit(user: User, report: Report, *, kind: AuditKind, what: str) -> None:
    """A report read (VIEW) or downloaded (EXPORT, `what` naming the file's kind)."""
    record_audit(
        actor=user,
        kind=kind,
        action=ReportAction.EXPORT if kind == AuditKind.EXPORT else ReportAction.VIEW,
        target_label=report.title + what,
        region_code=report.region.code,
        detail={"region": report.region.code, "period": report.period.code},
    )


def report_query(region: Region, period: Period) -> str:
    return f"?region={region.code}&period={period.code}"


def build_report_file(
    region_code: str, period_code: str, file_format: str, actor_id: int, base_url: str
) -> str:
    """The job's work: build the report in Chinese, write its .xlsx or issue its PDF, and keep
    the file for the job's starter."""
    progress = job_progress()
    progress(0, 2)
    actor = User.objects.get(pk=actor_id)
    region = Region.objects.get(code=region_code)
    with translation.override(DOCUMENT_LANGUAGE):
        report = build_report(region, report_period(period_code))
    progress(1, 2)
    if file_format == XLSX:
        filename = f"{report.title}.xlsx"
        with translation.override(DOCUMENT_LANGUAGE):
            keep_result_file(
                lambda handle: write_report_xlsx(report, handle),
                filename=filename,
                content_type=XLSX_TYPE,
            )
    else:
        filename = f"{report.title}.pdf"
        issued = issue_report_pdf(actor, report, base_url=base_url)
        keep_result_file(
            lambda handle: handle.write(issued.pdf),
            filename=filename,
            content_type="application/pdf",
        )
    with translation.override(DOCUMENT_LANGUAGE):
        record_report_audit(
            actor, report, kind=AuditKind.EXPORT, what=f"（{FORMATS[file_format]}，后台生成）"
        )
    progress(2, 2)
    return _("已生成“%(name)s”，可以下载。") % {"name": filename}


def start_report_file(
    *, actor: User, region: Region, period: Period, file_format: str, base_url: str
) -> Job:
    """Queue the report's .xlsx or PDF (FORMATS) as a job; its page follows it."""
    with translation.override(DOCUMENT_LANGUAGE):
        title = report_title(region, period)
    return enqueue_job(
        actor=actor,
        kind=f"indicators.report.{file_format}",
        label=_("生成报告：%(title)s（%(format)s）")
        % {"title": title, "format": FORMATS[file_format]},
        work=build_report_file,
        arguments=[region.code, period.code, file_format, actor.pk, base_url],
        result_url=reverse("indicators:report") + report_query(region, period),
    )
