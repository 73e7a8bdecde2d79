"""The quarterly and annual reports (季度通报, 年度报告) of a region: the page, the staff-written
经验做法 and 下一步工作, and the downloads (.xlsx, and PDF with a verification code), built in
the request or, for a large region, in the background (在后台生成: a job whose page offers the
file). Each view and each download is audited; a region outside the user's area answers 404."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.core.downloads import file_download
from ablework.core.errors import Invalid, NotFound
from ablework.core.form_pages import form_page
from ablework.core.forms import VersionedForm
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.indicators.access import MANAGE, access_region
from ablework.indicators.models import ReportNote
from ablework.indicators.periods import Period, quarter_period
from ablework.indicators.reports.audit_actions import NOTE_VERSION_ACTIONS
from ablework.indicators.reports.background import (
    FORMATS,
    record_report_audit,
    report_query,
    start_report_file,
)
from ablework.indicators.reports.model import (
    build_report,
    children_title,
    report_choices,
    report_period,
)
from ablework.indicators.reports.notes import TEXT_LIMIT, note_label, save_report_note
from ablework.indicators.reports.pdf import issue_report_pdf
from ablework.indicators.reports.xlsx import write_report_xlsx
from ablework.indicators.views import _region
from ablework.printing.responses import pdf_response, public_base_url
from ablework.printing.services import DOCUMENT_LANGUAGE


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _current_quarter() -> Period:
    today = timezone.localdate()
    return quarter_period(today.year, (today.month + 2) // 3)


def _asked(request: HttpRequest) -> tuple[Region, Period, str]:
    """The region (the user's own by default) and the quarter or year asked for (this quarter
    by default, with why when the one asked for is not a report's period)."""
    user = _user(request)
    region = _region(user, request.GET.get("region", "").strip()[:12])
    raw = request.GET.get("period", "").strip()[:12]
    if not raw:
        return region, _current_quarter(), ""
    try:
        return region, report_period(raw), ""
    except Invalid as error:
        return region, _current_quarter(), error.message + _("下面显示本季度。")


@login_required
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """A region's report for a quarter or a year, with its tables, charts (each with its data
    table), generated 存在问题 and the staff's own 经验做法 and 下一步工作."""
    user = _user(request)
    region, period, problem = _asked(request)
    report = build_report(region, period)
    record_report_audit(user, report, kind=AuditKind.VIEW, what="")
    year = period.start.year
    return render(
        request,
        "indicators/reports/report.html",
        {
            "report": report,
            "region": region,
            "period": period,
            "period_problem": problem,
            "choices": [*report_choices(year), *report_choices(year - 1)],
            "children_title": children_title(region),
            "query": report_query(region, period),
            "may_write": user.has_named_permission(MANAGE),
            # a province's report takes tens of seconds: its files are built in the background
            "in_background": region.level == RegionLevel.PROVINCE,
        },
    )


class ReportNoteForm(VersionedForm):
    version_required = False
    experience = forms.CharField(
        label=gettext_lazy("经验做法"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("由本地区工作人员填写，报告中署填写人姓名，系统不代写。"),
    )
    next_steps = forms.CharField(
        label=gettext_lazy("下一步工作"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_note(request: HttpRequest) -> HttpResponse:
    """填写经验做法: the staff-written parts of a report, on the version the page was opened on
    (409 with what the other saved)."""
    user = _user(request)
    region, period, _problem = _asked(request)
    access_region(user, region.code, permission=MANAGE)
    note = ReportNote.objects.filter(region_code=region.code, period_code=period.code).first()
    initial = (
        {"experience": note.experience, "next_steps": note.next_steps, "version": note.version}
        if note
        else {}
    )
    form = ReportNoteForm(request.POST or None, initial=initial)
    back = reverse("indicators:report") + report_query(region, period)
    return form_page(
        request,
        form,
        template="indicators/reports/note.html",
        save=lambda data: save_report_note(
            actor=user,
            region=region,
            period=period,
            experience=data["experience"],
            next_steps=data["next_steps"],
            version=data.get("version"),
        ),
        done=_("已保存，下载的报告会包含这些内容。"),
        next_url=back,
        context={
            "region": region,
            "period": period,
            "label": note_label(region, period),
            "back": back,
            "note": note,
        },
        versioned=(note, NOTE_VERSION_ACTIONS) if note else None,
    )


@login_required
@require_GET
def report_xlsx(request: HttpRequest) -> FileResponse:
    """The report as an .xlsx workbook, one sheet per section, in Chinese."""
    user = _user(request)
    region, period, _problem = _asked(request)
    with translation.override(DOCUMENT_LANGUAGE):
        report = build_report(region, period)
        record_report_audit(user, report, kind=AuditKind.EXPORT, what="（Excel）")
        return file_download(
            lambda handle: write_report_xlsx(report, handle),
            filename=f"{report.title}.xlsx",
            content_type=XLSX_TYPE,
        )


@login_required
@require_POST
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The report issued as a PDF by the region's federation, with a verification code; a later
    one of the same region and period supersedes it."""
    user = _user(request)
    region, period, _problem = _asked(request)
    with translation.override(DOCUMENT_LANGUAGE):
        report = build_report(region, period)
    issued = issue_report_pdf(user, report, base_url=public_base_url(request))
    with translation.override(DOCUMENT_LANGUAGE):
        record_report_audit(user, report, kind=AuditKind.EXPORT, what="（PDF）")
    return pdf_response(issued, filename=report.title)


@login_required
@require_POST
def report_background(request: HttpRequest, file_format: str) -> HttpResponse:
    """在后台生成: queue the report's .xlsx or PDF as a job and open the job's page, which
    offers the file to download once it is built."""
    if file_format not in FORMATS:
        raise NotFound(_("没有这种报告文件。"))
    user = _user(request)
    region, period, _problem = _asked(request)
    job = start_report_file(
        actor=user,
        region=region,
        period=period,
        file_format=file_format,
        base_url=public_base_url(request),
    )
    return redirect("jobs:job_detail", job_id=job.pk)
