"""The federation's side of the declarations: the queue of those awaiting review in the staff
member's area, and certifying, returning or rejecting one. Each action names the version the
page was opened on: one taken over another's is refused (409) with what they did."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.errors import Conflict
from ablework.core.form_pages import form_page
from ablework.core.forms import VersionedForm
from ablework.core.pagination import parse_cursor
from ablework.employers.models import EmployerKind
from ablework.quota.access import access_for_review
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.forms.review import RejectForm, ReturnForm
from ablework.quota.models import Declaration, DeclarationStatus, RejectionKind, RosterLine
from ablework.quota.risk.parameters import REVIEW_DAYS
from ablework.quota.risk.signals import LEVEL_LABELS, Level
from ablework.quota.selectors.review import (
    DEADLINE_LABELS,
    ORDER_LABELS,
    SIZE_LABELS,
    UNSCORED,
    Deadline,
    QueueFilters,
    QueueOrder,
    awaiting_review,
    counties_of_area,
    review_queue,
)
from ablework.quota.services.filing import VERSION_ACTIONS
from ablework.quota.services.review import (
    certify_declaration,
    reject_declaration,
    return_declaration,
)
from ablework.quota.transitions import AWAITING_REVIEW, Transition, allowed, refusal


def queue_filters(request: HttpRequest) -> QueueFilters:
    """The queue's filters from the query string; anything unknown means "all"."""
    get = request.GET
    status = get.get("status", "")
    kind = get.get("kind", "")
    size = get.get("size", "")
    deadline = get.get("deadline", "")
    risk = get.get("risk", "")
    order = get.get("order", "")
    return QueueFilters(
        status=status if status in AWAITING_REVIEW else "",
        county=get.get("county", "")[:6],
        kind=kind if kind in EmployerKind.values else "",
        size=size if size in SIZE_LABELS else "",
        deadline=deadline if deadline in set(Deadline) else "",
        risk=risk if risk in {*Level, UNSCORED} else "",
        order=QueueOrder(order) if order in set(QueueOrder) else QueueOrder.RISK,
    )


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """待审核申报: highest risk first (or oldest first), by status, county, employer kind,
    size, deadline and risk level."""
    user: User = request.user  # type: ignore[assignment]
    scoped = visible(user, Declaration, permission=Permission.QUOTA_REVIEW)
    filters = queue_filters(request)
    rows, page = review_queue(
        awaiting_review(scoped, filters=filters),
        after=parse_cursor(request.GET.get("after")),
        order=filters.order,
    )
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "quota/review_list.html",
        {
            "rows": rows,
            "page": page,
            "query": params.urlencode(),
            "filters": filters,
            "statuses": [(value, DeclarationStatus(value).label) for value in AWAITING_REVIEW],
            "counties": counties_of_area(user, scoped),
            "kinds": EmployerKind.choices,
            "sizes": list(SIZE_LABELS.items()),
            "deadlines": list(DEADLINE_LABELS.items()),
            "levels": [*LEVEL_LABELS.items(), (UNSCORED, gettext_lazy("未评分"))],
            "orders": list(ORDER_LABELS.items()),
            "review_days": REVIEW_DAYS,
        },
    )


def review_forms(row: Declaration, data: Any = None) -> dict[str, VersionedForm]:
    """The three action forms of a declaration awaiting review, as the declaration page and the
    action pages show them (each under its own prefix, so the page's ids stay unique)."""
    initial = {"version": row.version}
    lines = RosterLine.objects.filter(declaration=row).order_by("line").only("line", "name")
    return {
        "certify": VersionedForm(data, initial=initial, prefix="certify"),
        "return": ReturnForm(data, initial=initial, prefix="return", lines=lines),
        "reject": RejectForm(data, initial=initial, prefix="reject"),
    }


def _action_page(
    request: HttpRequest,
    declaration_id: int,
    action: str,
    *,
    heading: Promise,
    save: Callable[[User, Declaration, Any, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    row = access_for_review(user, declaration_id)
    transition = Transition(action)
    # Refused outright (a certified one: only a correction changes it) — unless the form was
    # sent on an older version: then the 409 says what changed since (form_page).
    seen = request.POST.get(f"{action}-version")
    if not allowed(transition, row.status) and seen in (None, str(row.version)):
        raise Conflict(refusal(transition, row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED)
    form = review_forms(row, request.POST or None)[action]
    return form_page(
        request,
        form,
        template="quota/review_action.html",
        save=lambda data: save(user, row, form, data),
        done=done,
        next_url=reverse("quota:declaration", args=[row.pk]),
        context={
            "declaration": row,
            "employer": row.employer,
            "heading": heading,
            "action": action,
        },
        versioned=(row, VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def certify(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """审核确认."""
    return _action_page(
        request,
        declaration_id,
        "certify",
        heading=gettext_lazy("审核确认"),
        save=lambda user, row, form, data: certify_declaration(
            actor=user, declaration_id=row.pk, version=data["version"]
        ),
        done=_("已审核确认，已通知用人单位。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_to_employer(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """退回, with a reason overall and/or per roster line."""
    return _action_page(
        request,
        declaration_id,
        "return",
        heading=gettext_lazy("退回"),
        save=lambda user, row, form, data: return_declaration(
            actor=user,
            declaration_id=row.pk,
            version=data["version"],
            reason=data["reason"],
            line_reasons=form.line_reasons(),
        ),
        done=_("已退回，已通知用人单位。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reject(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """不予通过, with a reason."""
    return _action_page(
        request,
        declaration_id,
        "reject",
        heading=gettext_lazy("不予通过"),
        save=lambda user, row, form, data: reject_declaration(
            actor=user,
            declaration_id=row.pk,
            version=data["version"],
            reason=data["reason"],
            reason_kind=data["reason_kind"] or RejectionKind.OTHER,
        ),
        done=_("已作出不予通过的决定，已通知用人单位。"),
    )
