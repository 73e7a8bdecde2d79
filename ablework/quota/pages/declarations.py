"""The employer's declarations by year, opening this year's, and one declaration's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import visible
from ablework.core.downloads import file_download
from ablework.core.notifications import mark_read_about
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.employers.access import access_employer
from ablework.employers.models import Employer
from ablework.quota.access import access_declaration
from ablework.quota.forms.facts import FactsForm
from ablework.quota.forms.roster_file import OpenForm
from ablework.quota.forms.what_if import WhatIfForm
from ablework.quota.models import (
    OPEN_STATUSES,
    Declaration,
    DeclarationCorrection,
    DeclarationStatus,
)
from ablework.quota.pages.reading import (
    decisions_of,
    figures_of,
    last_return,
    shown_lines,
)
from ablework.quota.pages.review import review_forms
from ablework.quota.roster import write_roster_template
from ablework.quota.selectors import CheckResult
from ablework.quota.selectors.drafts import (
    check_stored,
    declaration_input,
    declarations_of,
    facts_missing,
)
from ablework.quota.selectors.what_if import countable_grades, what_if
from ablework.quota.selectors.worksheet import worksheet_of
from ablework.quota.services.drafts import EDITABLE, open_declaration
from ablework.quota.transitions import Transition, allowed

TEMPLATE_NAME = "残疾职工名单模板.xlsx"
# Staff open an employer's declarations from its page; their list shows the latest few.
RECENT_FOR_STAFF = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def levy_year_now() -> int:
    """The levy year declared now: the previous calendar year."""
    return timezone.localdate().year - 1


def declaration_url(row: Declaration) -> str:
    return reverse("quota:declaration", args=[row.pk])


def _list_page(request: HttpRequest, employer: Employer) -> HttpResponse:
    declarations = list(declarations_of(employer))
    year = levy_year_now()
    current = next(
        (row for row in declarations if row.levy_year == year and row.status in OPEN_STATUSES),
        None,
    )
    return render(
        request,
        "quota/declaration_list.html",
        {
            "employer": employer,
            "rows": [
                {"row": row, "figures": figures_of(row.rules_trace or None)} for row in declarations
            ],
            "year": year,
            "current": current,
            "open_form": OpenForm(),
            "has_last_year": any(row.levy_year == year - 1 for row in declarations),
        },
    )


@login_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    """本单位按比例就业申报: an employer user's own; staff choose the employer first."""
    user = _user(request)
    if user.role == Role.EMPLOYER and user.employer_id is not None:
        employer = access_employer(user, user.employer_id, permission=Permission.QUOTA_DECLARE)
        return _list_page(request, employer)
    recent = (
        visible(user, Declaration, permission=Permission.QUOTA_DECLARE)
        .select_related("employer")
        .order_by("-updated_at", "-id")[:RECENT_FOR_STAFF]
    )
    return render(request, "quota/declaration_list.html", {"employer": None, "recent": recent})


@login_required
def employer_declarations(request: HttpRequest, employer_id: int) -> HttpResponse:
    """One employer's declarations, for the staff of its region (and its own users)."""
    employer = access_employer(_user(request), employer_id, permission=Permission.QUOTA_DECLARE)
    return _list_page(request, employer)


@login_required
@require_POST
def declaration_open(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Open this year's declaration (or go to the one already open)."""
    user = _user(request)
    employer = access_employer(user, employer_id, permission=Permission.QUOTA_DECLARE)
    form = OpenForm(request.POST)
    reuse = form.is_valid() and form.cleaned_data["reuse_last_year"]
    row = open_declaration(
        actor=user, uscc=employer.uscc, levy_year=levy_year_now(), reuse_last_year=reuse
    )
    return HttpResponseRedirect(declaration_url(row))


def detail_context(
    user: User, row: Declaration, what_if_data: QueryDict | None = None, **extra: Any
) -> dict[str, Any]:
    """Everything the declaration page shows; `what_if_data` is the what-if form's GET (nothing
    is saved); `extra` replaces a part."""
    editable = row.status in EDITABLE
    missing = facts_missing(row)
    result = check_stored(row) if editable else None
    stored_trace = row.rules_trace or {}
    returned = last_return(row) if row.status == DeclarationStatus.RETURNED else None
    lines, general = shown_lines(row, result, returned)
    events = list(row.events.select_related("actor__employer", "actor__region"))
    context: dict[str, Any] = {
        "declaration": row,
        "employer": row.employer,
        "editable": editable,
        "facts_missing": missing,
        "figures": figures_of(
            result.worksheet if result is not None else stored_trace,
            facts_missing=missing if editable else (),
        ),
        "lines": lines,
        "general_problems": general,
        "has_errors": result is not None and result.has_errors,
        "returned": returned,
        "events": events,
        # The levy each decision computed (its parameters, dates in force and references).
        "decisions": decisions_of(events),
        "facts_form": FactsForm(initial=FactsForm.initial_for(row), prefix="facts")
        if editable
        else None,
        "certified": row.status == DeclarationStatus.CERTIFIED,
        "may_correct": row.status == DeclarationStatus.CERTIFIED
        and user.has_named_permission(Permission.QUOTA_CORRECT),
        # the correction that replaced this declaration, and the one that made it
        "corrected_by": DeclarationCorrection.objects.filter(original=row)
        .select_related("actor", "corrected")
        .first(),
        "corrects": DeclarationCorrection.objects.filter(corrected=row)
        .select_related("actor", "original")
        .first(),
        "own_list_url": reverse("quota:declarations")
        if user.role == Role.EMPLOYER
        else reverse("quota:employer_declarations", args=[row.employer_id]),
    }
    if result is not None:
        context.update(_worksheet_and_what_if(row, result, what_if_data))
    context.update(extra)
    return context


def _worksheet_and_what_if(
    row: Declaration, result: CheckResult, data: QueryDict | None
) -> dict[str, Any]:
    """The live worksheet of the stored draft and, when the what-if form was sent, the
    worksheet under its assumption beside it."""
    declaration = declaration_input(row)
    form = WhatIfForm(
        data or None, grades=countable_grades(row.employer, row.levy_year), auto_id="what-if-%s"
    )
    compare = None
    if form.is_bound and form.is_valid() and not form.change().is_empty:
        compare = what_if(
            declaration=declaration, employer=row.employer, result=result, change=form.change()
        )
    return {
        "worksheet": worksheet_of(result, declaration=declaration),
        "compare": compare,
        "what_if_form": form,
    }


@login_required
def declaration_detail(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """The declaration: status and history, facts, roster with each line's problems, the live
    worksheet and the what-if, and the way to submit."""
    user = _user(request)
    row = access_declaration(user, declaration_id)
    if row.status == DeclarationStatus.RETURNED:
        mark_read_about(user, link=declaration_url(row))
    reviews = user.has_named_permission(Permission.QUOTA_REVIEW) and allowed(
        Transition.CERTIFY, row.status
    )
    context = detail_context(
        user, row, request.GET or None, review=review_forms(row) if reviews else None
    )
    return render(request, "quota/declaration_detail.html", context)


@login_required
def roster_template(request: HttpRequest) -> FileResponse:
    """The roster template (the same file `ablework quota template` writes)."""
    return file_download(write_roster_template, filename=TEMPLATE_NAME, content_type=XLSX_TYPE)
