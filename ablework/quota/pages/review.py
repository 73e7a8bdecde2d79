"""The federation's side of the declarations: the queue of those awaiting review in the staff
member's area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.pagination import parse_cursor
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.quota.selectors.review import awaiting_review, counties_awaiting, review_queue
from ablework.quota.transitions import AWAITING_REVIEW


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """待审核申报: oldest first, by status and county."""
    user: User = request.user  # type: ignore[assignment]
    scoped = visible(user, Declaration, permission=Permission.QUOTA_REVIEW)
    status = request.GET.get("status", "")
    status = status if status in AWAITING_REVIEW else ""
    county = request.GET.get("county", "")[:6]
    rows, page = review_queue(
        awaiting_review(scoped, status=status, county=county),
        after=parse_cursor(request.GET.get("after")),
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
            "status": status,
            "statuses": [(value, DeclarationStatus(value).label) for value in AWAITING_REVIEW],
            "county": county,
            "counties": counties_awaiting(scoped),
        },
    )
