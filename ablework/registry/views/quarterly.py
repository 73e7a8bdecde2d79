"""The quarterly update round: the due list with bulk marking, and the supervisors' completion."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.errors import DomainError, Invalid
from ablework.core.form_values import int_or_none
from ablework.core.models import Region
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import regions_inside
from ablework.registry.access import access_persons, jurisdiction_of, persons_visible_to
from ablework.registry.forms.circumstances import BulkVerifyForm
from ablework.registry.quarters import Quarter
from ablework.registry.selectors.quarterly import (
    persons_due_for_update,
    total_completion,
    update_completion,
)
from ablework.registry.selectors.search import region_q
from ablework.registry.services import mark_verified
from ablework.registry.views.search import township_menu


def _quarter(params: QueryDict, today: date) -> Quarter:
    """The quarter asked for, if it has begun; the current one otherwise."""
    current = Quarter.of(today)
    chosen = Quarter.parse(params.get("quarter", ""))
    return chosen if chosen is not None and chosen <= current else current


def _area(params: QueryDict, counties: list[Region]) -> tuple[str, str]:
    """The chosen county (inside the user's area) and township, or empty strings."""
    county = params.get("region", "")
    if county not in {c.code for c in counties}:
        county = ""
    township = params.get("township", "")[:9]
    if not (county and township.startswith(county)):
        township = ""
    return county, township


@login_required
@require_http_methods(["GET", "POST"])
def update_round(request: HttpRequest) -> HttpResponse:
    """Persons in the user's area not yet updated this quarter; mark a selection as updated."""
    user: User = request.user  # type: ignore[assignment]
    persons = persons_visible_to(user, permission=Permission.PERSONS_EDIT)
    if request.method == "POST":
        return _mark_selection(request, user)
    today = timezone.localdate()
    quarter = _quarter(request.GET, today)
    counties = list(regions_inside(user).only("code", "name"))
    county, township = _area(request.GET, counties)
    if township:
        persons = persons.filter(region_q(township))
    elif county:
        persons = persons.filter(region_q(county))
    due = persons_due_for_update(
        persons=persons, quarter=quarter, today=today, jurisdiction=jurisdiction_of(user)
    )
    page = keyset_page(due, after=parse_cursor(request.GET.get("after")))
    query = request.GET.copy()
    query.pop("after", None)
    townships = township_menu(user, counties, county)
    return render(
        request,
        "registry/update_round.html",
        {
            "quarter": quarter,
            "is_current": quarter == Quarter.of(today),
            "page": page,
            # Counting a whole city's round scans it: the count waits until one county is chosen
            # (the progress page has every county's figures from one GROUP BY).
            "due_count": due.count() if county or len(counties) == 1 else None,
            "counties": counties,
            "townships": townships,
            "county": county,
            "township": township,
            "form": BulkVerifyForm(person_ids=[p.pk for p in page.items]),
            "query": query.urlencode(),
        },
    )


def _mark_selection(request: HttpRequest, user: User) -> HttpResponse:
    posted = [int_or_none(raw) for raw in request.POST.getlist("persons")]
    ids = [pk for pk in posted if pk is not None]
    if len(ids) != len(posted):
        raise Invalid(_("所选人员的编号无法识别，请返回名单重新勾选。"), field="persons")
    form = BulkVerifyForm(request.POST, person_ids=ids)
    back = reverse("registry:update_round") + "?" + request.POST.get("back", "")
    if form.is_valid():
        data = form.cleaned_data
        chosen = access_persons(user, data["persons"])
        try:
            count = mark_verified(
                actor=user,
                persons=chosen,
                on=data["verified_on"],
                method=data["method"],
                note=data["note"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已将 %(count)d 人标记为本季度已更新。") % {"count": count})
            return HttpResponseRedirect(back)
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))
    return HttpResponseRedirect(back)


def _recent_quarters(today: date, count: int = 4) -> list[Quarter]:
    """The current quarter and the ones before it, newest first."""
    quarters = [Quarter.of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def progress_figures(params: QueryDict, user: User) -> dict[str, Any]:
    """更新率 by county, and by township for the chosen county, in the user's area."""
    persons = persons_visible_to(user, permission=Permission.PERSONS_SUPERVISE)
    today = timezone.localdate()
    quarter = _quarter(params, today)
    counties = list(regions_inside(user).only("code", "name"))
    county, _township = _area(params, counties)
    if county == "" and len(counties) == 1:
        county = counties[0].code
    jurisdiction = jurisdiction_of(user)
    by_county = update_completion(
        persons=persons, quarter=quarter, today=today, by="county", jurisdiction=jurisdiction
    )
    by_township = (
        update_completion(
            persons=persons.filter(region_q(county)),
            quarter=quarter,
            today=today,
            by="township",
            jurisdiction=jurisdiction,
        )
        if county
        else []
    )
    return {
        "quarter": quarter,
        "quarters": _recent_quarters(today),
        "by_county": by_county,
        "county_total": total_completion(by_county),
        "by_township": by_township,
        "county": county,
        "county_name": next((c.name for c in counties if c.code == county), ""),
        "counties": counties,
    }


@login_required
@require_GET
def update_progress(request: HttpRequest) -> HttpResponse:
    """更新率 by county and by township for a quarter, with links to the people still due."""
    user: User = request.user  # type: ignore[assignment]
    figures = progress_figures(request.GET, user)
    # An official report is issued by the federation of the user's region (see quarterly_report).
    figures["can_print"] = user.region_id is not None
    return render(request, "registry/update_progress.html", figures)
