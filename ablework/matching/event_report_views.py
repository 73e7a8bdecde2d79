"""An event's outcome report (成果报告): the page, its .xlsx and its PDF with a verification code
(ablework/printing). Figures only, over the registrations of the viewer's area; each view and
each export is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.downloads import file_download
from ablework.core.models import AuditKind, Region
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.matching.event_audit_actions import EventAction
from ablework.matching.event_report_export import write_report_xlsx
from ablework.matching.models import RecruitmentEvent
from ablework.matching.selectors.event_report import EventReport, event_report
from ablework.matching.selectors.events import MANAGE, access_event, may_keep, viewer_region
from ablework.matching.services.events import event_place_in_words
from ablework.printing.issuers import federation_of
from ablework.printing.responses import pdf_response, public_base_url
from ablework.printing.services import DOCUMENT_LANGUAGE, issue_document

REPORT_KIND = "matching.event_report"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _audit(user: User, event: RecruitmentEvent, report: EventReport, *, what: str) -> None:
    """One audit row per view or export, in the finer of the event's and the viewer's area."""
    record_audit(
        actor=user,
        kind=AuditKind.EXPORT if what else AuditKind.VIEW,
        action=EventAction.REPORT_EXPORT if what else EventAction.REPORT_VIEW,
        target=event,
        target_label=_("%(event)s 成果报告%(what)s（%(count)d 人）")
        % {"event": event.name, "what": what, "count": report.registered},
        region_code=viewer_region(user, event),
        detail={"registrations": report.registered},
    )


@login_required
@require_GET
def report_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """成果报告: registrations, attendance, needs asked and met, interviews, hires, the reasons
    interviews ended without one, per employer and posting."""
    user = _user(request)
    event = access_event(user, event_id)
    report = event_report(user, event)
    _audit(user, event, report, what="")
    return render(
        request,
        "matching/events/report.html",
        {
            "event": event,
            "report": report,
            "place": event_place_in_words(event),
            "held": event.held_on <= timezone.localdate(),
            "can_keep": may_keep(user, event),
            "can_register": user.has_named_permission(MANAGE),
        },
    )


@login_required
@require_GET
def report_xlsx(request: HttpRequest, event_id: int) -> FileResponse:
    """The report as an .xlsx workbook, one sheet per table."""
    user = _user(request)
    event = access_event(user, event_id)
    report = event_report(user, event)
    _audit(user, event, report, what=_("（Excel）"))
    return file_download(
        lambda handle: write_report_xlsx(report, handle),
        filename=_("%(event)s成果报告.xlsx") % {"event": event.name},
        content_type=XLSX_TYPE,
    )


def _issuer(user: User, event: RecruitmentEvent) -> Region:
    """The region whose federation issues the report: the viewer's, else the event's."""
    code = viewer_region(user, event)
    return Region.objects.filter(code=code).first() or Region.objects.get(code=event.region_code)


@login_required
@require_POST
def report_pdf(request: HttpRequest, event_id: int) -> HttpResponse:
    """The report issued as a PDF by the federation of the viewer's area, with a verification
    code; a later one for the same event and area supersedes it."""
    user = _user(request)
    event = access_event(user, event_id)
    report = event_report(user, event)
    region = _issuer(user, event)
    with translation.override(DOCUMENT_LANGUAGE):
        title = f"{event.name}成果报告"
        scope = f"{region.name}报名人员" if report.partial else "本次活动的全部报名人员"
        statements = [
            ("活动名称", event.name),
            ("举办日期", event.held_on.isoformat()),
            ("主办单位", event.organiser),
            ("统计范围", scope),
            ("报名", f"{report.registered} 人"),
            ("到场", f"{report.attended} 人"),
            ("参加面试", f"{report.interviewed} 人"),
            ("录用", f"{report.hired} 人"),
        ]
        place = event_place_in_words(event)
    subject = f"matching.event:{event.pk}:{region.code}"
    issued = issue_document(
        actor=user,
        kind=REPORT_KIND,
        title=title,
        issuing_body=federation_of(region),
        region_code=region.code,
        template="matching/events/report_pdf.html",
        context={"event": event, "report": report, "place": place},
        statements=statements,
        base_url=public_base_url(request),
        subject=subject,
        supersedes=[subject],
    )
    _audit(user, event, report, what=_("（PDF）"))
    return pdf_response(issued, filename=title)
