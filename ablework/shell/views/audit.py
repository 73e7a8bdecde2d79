"""The audit trail: a filtered, keyset-paginated list in words, and its .xlsx export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.core.audit_export import export_audit
from ablework.core.audit_reading import readable_records
from ablework.core.downloads import file_download
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import audit_records_visible_to, search_audit_records
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.shell.forms import AuditFilterForm


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """Search the audit trail: who changed what and when, who viewed or exported what."""
    user: User = request.user  # type: ignore[assignment]
    visible = audit_records_visible_to(user)
    form = AuditFilterForm(request.GET or None, actor=user)
    records = search_audit_records(records=visible, filters=form.filters())
    page = keyset_page(
        records.select_related(None),
        after=parse_cursor(request.GET.get("after")),
        newest_first=True,
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "shell/audit_list.html",
        {
            "page": page,
            "rows": readable_records(page.items),
            "form": form,
            "query": query.urlencode(),
            "export_fields": [(key, value) for key, value in query.items() if value],
        },
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def audit_export(request: HttpRequest) -> FileResponse:
    """The filtered audit trail as .xlsx, in the page's words; the export is itself audited."""
    user: User = request.user  # type: ignore[assignment]
    visible = audit_records_visible_to(user)
    posted = request.POST.copy()
    posted.pop("csrfmiddlewaretoken", None)
    form = AuditFilterForm(posted or None, actor=user)
    filters = form.filters()
    records = search_audit_records(records=visible, filters=filters)
    return file_download(
        lambda target: export_audit(
            actor=user, records=records, filters=_described(form), target=target
        ),
        filename="audit.xlsx",
        content_type=XLSX_TYPE,
    )


def _described(form: AuditFilterForm) -> dict[str, str]:
    """The filters as typed, for the export's own audit record."""
    if not form.is_bound:
        return {}
    return {name: str(value) for name, value in form.data.items() if value and name != "after"}
