"""The quarterly update progress as an official report (PDF) with a verification code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.core.errors import NotFound
from ablework.printing.issuers import federation_of
from ablework.printing.responses import pdf_response, public_base_url
from ablework.printing.services import DOCUMENT_LANGUAGE, issue_document
from ablework.registry.templatetags.registry_pages import percent
from ablework.registry.views.quarterly import progress_figures

REPORT_KIND = "registry.update_progress"


@login_required
@require_POST
def update_report(request: HttpRequest) -> HttpResponse:
    """The 更新进度 page's figures, issued as a report by the federation of the user's region."""
    user: User = request.user  # type: ignore[assignment]
    figures = progress_figures(request.POST, user)
    region = user.region
    if region is None:
        raise NotFound("没有找到该页面或记录。")
    with translation.override(DOCUMENT_LANGUAGE):
        quarter, total = figures["quarter"], figures["county_total"]
        title = f"{region.name}{quarter.label}残疾人信息更新进度报告"
        scope = region.name
        if figures["by_township"] and figures["county_name"] != region.name:
            scope += f"（附{figures['county_name']}分乡镇（街道）情况）"
        statements = [
            ("报告期", f"{quarter.label}（{quarter.start:%Y-%m-%d} 至 {quarter.end:%Y-%m-%d}）"),
            ("统计范围", scope),
            ("登记的就业年龄段持证残疾人", f"{total.registered} 人"),
            ("本季度已更新", f"{total.updated} 人"),
            ("更新率", percent(total.rate)),
        ]
    issued = issue_document(
        actor=user,
        kind=REPORT_KIND,
        title=title,
        issuing_body=federation_of(region),
        region_code=region.code,
        template="registry/update_report_pdf.html",
        context={**figures, "area_name": region.name},
        statements=statements,
        base_url=public_base_url(request),
    )
    return pdf_response(issued, filename=title)
