"""“四个一”完成情况 for supervisors: completion of each of the four services by county, township
and counsellor against the cycle's targets, the persons missing one click away (the queue,
filtered), and the same tables as .xlsx."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.models import Region
from ablework.core.selectors import regions_inside
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.support import exports
from ablework.support.access import RECORD, SUPERVISE
from ablework.support.models import Pillar
from ablework.support.selectors.completion import Counted, completion, total, totals_visible_to
from ablework.support.selectors.due import cycle_on, targets
from ablework.support.selectors.follow_up import (
    FOLLOW_UP_FILTERS,
    follow_up_figures,
    follow_up_persons,
    follow_up_total,
)
from ablework.support.selectors.queue import cases_visible_to


def _county(params: QueryDict, user: User, counties: list[Region]) -> str:
    prefix = scope_of(user).region_prefix or ""
    if len(prefix) >= 6:
        return prefix[:6]
    county = params.get("region", "")
    if county in {c.code for c in counties}:
        return county
    return counties[0].code if len(counties) == 1 else ""


def completion_figures(params: QueryDict, user: User) -> dict[str, Any]:
    """The tables of the page and of its export."""
    require_permission(user, SUPERVISE)
    today = timezone.localdate()
    counties = list(regions_inside(user).only("code", "name"))
    county = _county(params, user, counties)
    jurisdiction = county or (user.region.code if user.region_id and user.region else "")
    cycle = cycle_on(today, jurisdiction=jurisdiction)
    years = [cycle.year, cycle.year - 1]
    raw = params.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else cycle.year
    goals = targets(
        on=today if year == cycle.year else date(year, 12, 31), jurisdiction=jurisdiction
    )
    cases = totals_visible_to(user, permission=SUPERVISE)
    by_county = completion(cases, year=year, by="county", targets=goals)
    in_county = cases.filter(county_code=county)
    return {
        "year": year,
        "years": years,
        "is_current": year == cycle.year,
        "cycle": cycle,
        "pillars": Pillar.choices,
        "goals": [(label, goals[value]) for value, label in Pillar.choices],
        "counties": counties,
        "county": county,
        "county_name": next((c.name for c in counties if c.code == county), ""),
        "by_county": by_county,
        "county_total": total(by_county, goals),
        "by_township": completion(in_county, year=year, by="township", targets=goals)
        if county
        else [],
        "by_owner": completion(in_county, year=year, by="owner", targets=goals) if county else [],
        "can_record": user.has_named_permission(RECORD),
        **_follow_up(cases, in_county, year=year, county=county),
    }


def _follow_up(cases: Counted, in_county: Counted, *, year: int, county: str) -> dict[str, Any]:
    """Plan coverage, overdue plan actions and escalations, by the same groupings."""
    by_county = follow_up_figures(cases, year=year, by="county")
    return {
        "follow_by_county": by_county,
        "follow_total": follow_up_total(by_county),
        "follow_by_township": follow_up_figures(in_county, year=year, by="township")
        if county
        else [],
        "follow_by_owner": follow_up_figures(in_county, year=year, by="owner") if county else [],
    }


@login_required
@require_GET
def completion_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(request, "support/completion.html", completion_figures(request.GET, user))


FOLLOW_UP_TITLES = {
    "no_plan": gettext_lazy("没有已批准一人一策计划的服务对象"),
    "actions_overdue": gettext_lazy("有逾期计划行动的服务对象"),
    "escalation_open": gettext_lazy("有待决定升级帮扶建议的服务对象"),
    "escalation_overdue": gettext_lazy("升级帮扶建议已逾期的服务对象"),
}
PERSONS_SHOWN = 200


@login_required
@require_GET
def completion_persons(request: HttpRequest) -> HttpResponse:
    """The persons behind one figure of the follow-up tables, of one county (a township, a
    counsellor), this cycle; each links to their services page."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, SUPERVISE)
    what = request.GET.get("what", "")
    if what not in FOLLOW_UP_FILTERS:
        raise NotFound(_("没有找到该页面或记录。"))
    counties = list(regions_inside(user).only("code", "name"))
    county = _county(request.GET, user, counties)
    if not county:
        raise NotFound(_("请先选择县（市、区）。"))
    township = request.GET.get("township", "")[:9]
    if not township.startswith(county):
        township = ""
    year = cycle_on(timezone.localdate(), jurisdiction=county).year
    rows = list(
        follow_up_persons(
            cases_visible_to(user, permission=SUPERVISE),
            year=year,
            what=what,
            county=county,
            township=township,
            owner=request.GET.get("owner", ""),
        ).order_by("person__name", "pk")[: PERSONS_SHOWN + 1]
    )
    return render(
        request,
        "support/completion_persons.html",
        {
            "title": FOLLOW_UP_TITLES[what],
            "county_name": next((c.name for c in counties if c.code == county), ""),
            "township": township,
            "year": year,
            "rows": rows[:PERSONS_SHOWN],
            "more": len(rows) > PERSONS_SHOWN,
        },
    )


@login_required
@require_GET
def completion_export(request: HttpRequest) -> FileResponse:
    """The page's tables as .xlsx (figures only, no personal data)."""
    user: User = request.user  # type: ignore[assignment]
    figures = completion_figures(request.GET, user)
    name = _("四个一完成情况-%(year)s") % {"year": figures["year"]}
    return file_download(
        lambda handle: exports.write_completion_xlsx(figures, handle),
        filename=f"{name}.xlsx",
        content_type=XLSX_TYPE,
    )
