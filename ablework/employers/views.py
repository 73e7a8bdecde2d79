"""Pages for employers: list, one employer, export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.employers.access import access_employer, employers_visible_to
from ablework.employers.models import EmployerKind
from ablework.employers.selectors import search_employers
from ablework.employers.services import export_employers_csv


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    query, kind = request.GET.get("q", "")[:60], request.GET.get("kind", "")
    employers = search_employers(employers=employers_visible_to(user), query=query, kind=kind)
    page = keyset_page(employers, after=parse_cursor(request.GET.get("after")))
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": page,
            "q": query,
            "kind": kind,
            "kinds": EmployerKind.choices,
            "query": params.urlencode(),
            "export_fields": [(key, value) for key, value in params.items() if value],
            "can_export": user.has_named_permission(Permission.EMPLOYERS_EXPORT),
        },
    )


@login_required
def employer_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    employer = access_employer(user, employer_id)
    return render(request, "employers/employer_detail.html", {"employer": employer})


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def employer_export(request: HttpRequest) -> StreamingHttpResponse:
    """The selection as CSV; logged."""
    user: User = request.user  # type: ignore[assignment]
    employers = search_employers(
        employers=employers_visible_to(user, permission=Permission.EMPLOYERS_EXPORT),
        query=request.POST.get("q", ""),
        kind=request.POST.get("kind", ""),
    )
    filters = {key: request.POST[key] for key in ("q", "kind") if request.POST.get(key)}
    lines = export_employers_csv(actor=user, employers=employers, filters=filters)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="employers.csv"'
    return response
