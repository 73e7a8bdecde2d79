"""The indicator pages: the catalogue, each indicator's definition, and a region's dashboard
(figures, targets with progress in words, trends and the children ranked for the 通报, each
child's figure leading to that child's dashboard and, at a county or a township, to the persons
behind it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import Region, RegionLevel
from ablework.indicators.access import VIEW, access_region, home_region
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.charts import chart_data, ranking_words, shown, trend_words
from ablework.indicators.dashboard_tables import ranking_rows, trend_rows
from ablework.indicators.lock_words import lock_words
from ablework.indicators.periods import Period, parse_period, year_period
from ablework.indicators.reports.model import report_links
from ablework.indicators.selectors.dashboard import dashboard_of
from ablework.indicators.selectors.figures import child_regions
from ablework.indicators.selectors.source import Source

# The levels whose persons a figure may be listed for (a city's would be tens of thousands).
PERSON_LEVELS = (RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


RANKING_TITLES = {
    RegionLevel.PROVINCE: gettext_lazy("各市排名"),
    RegionLevel.CITY: gettext_lazy("各县（市、区）排名"),
    RegionLevel.COUNTY: gettext_lazy("各乡镇（街道）排名"),
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator offered, with its unit and the plans that name it."""
    require_permission(_user(request), VIEW)
    return render(request, "indicators/catalogue.html", {"measures": catalogue()})


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator's definition: what it counts and not, from which tables, which plans name
    it and with what words."""
    require_permission(_user(request), VIEW)
    return render(request, "indicators/definition.html", {"measure": measure_named(code)})


def period_asked(raw: str) -> tuple[Period, str]:
    """The period asked for, or this year and why the one asked for is not understood."""
    this_year = year_period(timezone.localdate().year)
    if not raw.strip():
        return this_year, ""
    try:
        return parse_period(raw), ""
    except Invalid as error:
        return this_year, error.message + _("下面显示今年。")


def _region(user: User, code: str) -> Region:
    if code:
        return access_region(user, code)
    home = home_region(user)
    if home is None:
        province = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code").first()
        if province is None:
            raise NotFound(_("没有找到该地区，或它不在您的管辖范围内。"))
        return access_region(user, province.code)
    return access_region(user, home.code)


def _path_to(user: User, region: Region) -> list[Region]:
    """The regions above `region` inside the user's area, top first (the way back up)."""
    path: list[Region] = []
    scope = scope_of(user)
    above = region.parent
    while above is not None and scope.covers_code(above.code):
        path.insert(0, above)
        above = above.parent
    return path


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """A region's dashboard for a period (`?region=370800&period=2026Q3`): the user's own region
    and this year by default; a region outside their area answers 404."""
    user = _user(request)
    region = _region(user, request.GET.get("region", "").strip()[:12])
    period, period_problem = period_asked(request.GET.get("period", "")[:12])
    source = Source()
    rows = dashboard_of(region, period, source)
    lists_here = region.level in PERSON_LEVELS and user.has_named_permission(
        Permission.PERSONS_VIEW
    )
    lists_below = region.level == RegionLevel.COUNTY and lists_here
    lists_units = user.has_named_permission(Permission.EMPLOYERS_VIEW)
    indicators: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    for row in rows:
        measure = row.figure.measure
        indicators.append(
            {
                "row": row,
                "measure": measure,
                "shown": shown(measure, row.value),
                "trend": [(point, shown(measure, point.value)) for point in row.trend],
                "ranking": [(ranked, shown(measure, ranked.value)) for ranked in row.ranking],
                "trend_words": trend_words(measure, row.trend),
                "ranking_words": ranking_words(measure, row.ranking),
                "lists_here": lists_here and measure.lists_persons,
                "lists_below": lists_below and measure.lists_persons,
                "lock_words": lock_words(measure, row.lock),
                "lists_units": lists_units and measure.lists_units,
                "trend_rows": trend_rows(measure, row, labels),
                "ranking_rows": ranking_rows(
                    measure, row, region, period, lists_below=lists_below and measure.lists_persons
                ),
            }
        )
    children = child_regions(region)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "region": region,
            "path": _path_to(user, region),
            "children": children,
            "period": period,
            "period_problem": period_problem,
            "indicators": indicators,
            "charts": chart_data(rows),
            "ranking_title": RANKING_TITLES.get(RegionLevel(region.level), ""),
            "report_choices": report_links(period),
            # Where the figures come from: the rollup refreshed then, or computed now.
            "refreshed_at": source.refreshed_at,
            "computed_live": source.computed_live,
        },
    )
