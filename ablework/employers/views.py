"""Pages for employers: list, one employer, registering and changing one, export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.form_pages import form_page, show_conflict
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import place_menus
from ablework.core.versioning import StaleRecord
from ablework.employers.access import access_employer, employers_visible_to
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.forms import FIELDS, EmployerForm
from ablework.employers.models import PUBLIC_KINDS, Employer, EmployerKind
from ablework.employers.selectors import search_employers
from ablework.employers.services import create_employer, export_employers_csv, update_employer


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
    can_edit = user.has_named_permission(Permission.EMPLOYERS_EDIT)
    parent = employer.parent
    visible_here = employers_visible_to(user)
    context = {
        "employer": employer,
        "can_edit": can_edit,
        "public_kinds": [str(kind) for kind in PUBLIC_KINDS],
        "parent": parent,
        "parent_visible": parent is not None and visible_here.filter(pk=parent.pk).exists(),
        "branches": visible_here.filter(parent=employer).only("id", "name", "uscc")[:200],
    }
    return render(request, "employers/employer_detail.html", context)


def _employer_url(employer: Employer) -> str:
    return reverse("employers:employer_detail", args=[employer.pk])


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    """Register an employer in the actor's area."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.EMPLOYERS_EDIT)
    form = EmployerForm(request.POST or None, **place_menus(user))
    return form_page(
        request,
        form,
        template="employers/employer_form.html",
        save=lambda data: create_employer(actor=user, details=form.details()),
        done=lambda employer: _("已登记 %(name)s。") % {"name": employer.name},
        next_url=_employer_url,
        context={"employer": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Change an employer's record, its township included; a save on a version older than the
    stored one is refused (409) with what the others changed."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_employer(user, employer_id, permission=Permission.EMPLOYERS_EDIT)
    initial = {
        name: getattr(employer, name)
        for name in FIELDS
        if name not in ("contact_phone", "parent_uscc")
    }
    initial["parent_uscc"] = employer.parent.uscc if employer.parent else ""
    form = EmployerForm(
        request.POST or None,
        initial={**initial, "version": employer.version},
        stored_phone=employer.contact_phone or "",
        **place_menus(user),
    )
    conflict: dict[str, Any] = {}

    def save(data: dict[str, Any]) -> Employer:
        try:
            return update_employer(
                actor=user, employer=employer, details=form.details(), seen_version=data["version"]
            )
        except StaleRecord as error:
            show_conflict(
                conflict, form, employer, error, actions=[EmployersAction.EMPLOYER_UPDATE]
            )
            raise

    response = form_page(
        request,
        form,
        template="employers/employer_form.html",
        save=save,
        done=_("已保存修改。"),
        next_url=_employer_url(employer),
        context={"employer": employer, "conflict": conflict},
    )
    if conflict:
        response.status_code = StaleRecord.http_status
    return response


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
