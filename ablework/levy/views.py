"""征收核定 pages: start the season assessment of one's region, follow its job, read the
result, download the tax bureau's list and mark it as sent."""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.models import Region, RegionLevel
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import csv_lines
from ablework.jobs.selectors import status_of
from ablework.jobs.services import notice_stopped_worker
from ablework.levy.forms import AssessForm
from ablework.levy.jobs import start_assessment
from ablework.levy.models import Assessment, TaxListExport
from ablework.levy.selectors.assessments import access_run, exports_of, runs_visible_to
from ablework.levy.selectors.fund import (
    collected_by_employer,
    fund_figures_for,
    totals,
    years_assessed,
)
from ablework.levy.services.tax_list import export_tax_list, file_names, mark_sent

LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
ROWS_PER_PAGE = 50


@login_required
def assessments(request: HttpRequest) -> HttpResponse:
    """征收核定: the runs of one's region, and (with the permission) the form to start one."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.LEVY_VIEW)
    runs = list(runs_visible_to(user).select_related("job", "started_by")[:20])
    may_assess = user.has_named_permission(Permission.LEVY_ASSESS)
    context: dict[str, Any] = {"runs": runs, "may_assess": may_assess}
    if not may_assess:
        return render(request, "levy/assessments.html", context)
    regions = scope_of(user).apply(Region.objects.filter(level__in=LEVELS)).order_by("code")
    form = AssessForm(
        request.POST or None,
        regions=regions,
        initial={"levy_year": timezone.localdate().year - 1},
    )
    return form_page(
        request,
        form,
        template="levy/assessments.html",
        save=lambda data: start_assessment(
            actor=user, levy_year=data["levy_year"], region_code=data["region"]
        ),
        done=_("征收核定已开始，可以在本页查看进度。"),
        next_url=lambda run: reverse("levy:run", args=[run.pk]),
        context=context,
    )


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run: its job's progress, what it found, its rows and the lists exported."""
    user: User = request.user  # type: ignore[assignment]
    run = access_run(user, run_id)
    job = notice_stopped_worker(run.job) if run.job else None
    rows = keyset_page(
        Assessment.objects.filter(run=run).select_related("employer"),
        after=parse_cursor(request.GET.get("after")),
        size=ROWS_PER_PAGE,
    )
    paid = collected_by_employer(run.levy_year, [row.employer_id for row in rows.items])
    for row in rows.items:
        row.collected = paid.get(row.employer_id)  # type: ignore[attr-defined]
        row.outstanding = (  # type: ignore[attr-defined]
            max(row.levy_due - (row.collected or 0), 0)  # type: ignore[attr-defined]
            if row.levy_due is not None
            else None
        )
    return render(
        request,
        "levy/run_detail.html",
        {
            "run": run,
            "job": job,
            "status": status_of(job) if job else None,
            "page": rows,
            "rows": rows.items,
            "query": "",
            "exports": list(exports_of(run)),
            "may_assess": user.has_named_permission(Permission.LEVY_ASSESS),
        },
    )


@login_required
@require_POST
def tax_list(request: HttpRequest, run_id: int) -> HttpResponseBase:
    """The tax bureau's list as one download: the CSV, the .xlsx and the signed manifest."""
    user: User = request.user  # type: ignore[assignment]
    run = access_run(user, run_id)
    built = export_tax_list(actor=user, run=run)
    csv_name, xlsx_name = file_names(run)
    stem = csv_name.removesuffix(".csv")

    def write(handle: IO[bytes]) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(csv_name, built.csv)
            archive.writestr(xlsx_name, built.xlsx)
            archive.writestr(f"{stem}.manifest.json", built.manifest_bytes())

    return file_download(write, filename=f"{stem}.zip", content_type="application/zip")


@login_required
@require_POST
def export_sent(request: HttpRequest, run_id: int, export_id: int) -> HttpResponse:
    """Mark an exported list as handed to the tax bureau."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.LEVY_ASSESS)
    run = access_run(user, run_id)
    export = TaxListExport.objects.filter(run=run, pk=export_id).first()
    if export is None:
        raise NotFound(_("没有找到该清单。"))
    mark_sent(actor=user, export=export)
    messages.success(request, _("已记录：清单已送交税务部门。"))
    return HttpResponseRedirect(reverse("levy:run", args=[run.pk]))


@login_required
def fund(request: HttpRequest) -> HttpResponseBase:
    """残保金征收情况: assessed, collected and outstanding by county and year; as CSV too."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.LEVY_VIEW)
    years = years_assessed(user)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else (years[0] if years else None)
    rows = fund_figures_for(user, levy_year=year) if year is not None else []
    summary = totals(rows)
    if request.GET.get("format") == "csv":
        header = [
            _("费款所属期"),
            _("县级区划"),
            _("核定单位数"),
            _("核定应缴（元）"),
            _("实缴（元）"),
            _("欠缴（元）"),
            _("已缴款单位数"),
            _("欠缴单位数"),
        ]
        lines = [
            [
                str(r.levy_year),
                region_name(r.county_code) if r.county_code else _("合计"),
                str(r.employers_assessed),
                f"{r.assessed:.2f}",
                f"{r.collected:.2f}",
                f"{r.outstanding:.2f}",
                str(r.employers_paid),
                str(r.employers_owing),
            ]
            for r in [*rows, *summary]
        ]
        response = StreamingHttpResponse(csv_lines(header, lines), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="levy-fund-{year}.csv"'
        return response
    return render(
        request,
        "levy/fund.html",
        {"rows": rows, "totals": summary, "years": years, "year": year},
    )
