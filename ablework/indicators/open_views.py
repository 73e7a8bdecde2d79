"""The indicators' open data for everyone, signed in or not (docs/open-data.md): a page to
choose a province, city or county and a year or a quarter, the figures shown with the small ones
withheld, and the same as CSV and JSON with their Table Schema. Only periods begun are offered; a
period still running is read up to today and says so (截至). The files hold figures, never a
person; they are served as the public notice's are (core/open_data.py) and, like them, not
logged (no person is shown)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ablework.core.errors import Invalid, NotFound
from ablework.core.models import Region, RegionLevel
from ablework.core.open_data import csv_download, json_download, public
from ablework.indicators.open_schema import SCHEMA_VERSION, open_data_schema
from ablework.indicators.periods import (
    QUARTER,
    YEAR,
    Period,
    parse_period,
    quarters_of,
    year_period,
)
from ablework.indicators.selectors.figures import child_regions
from ablework.indicators.selectors.open_data import (
    COLUMNS,
    OPEN_LEVELS,
    THRESHOLD,
    open_figures,
    open_rows,
)
from ablework.indicators.suppression import WITHHELD_LABELS

# Years offered on the page: this one and the ones before it (Ablework's own setting; any
# begun year or quarter since 2000 can still be asked for in the address).
YEARS_OFFERED = 5


def _region(raw: str) -> Region:
    region = Region.objects.filter(code=raw.strip()[:12], level__in=OPEN_LEVELS).first()
    if region is None:
        raise NotFound(_("没有找到该地区。开放数据按省、市、县（市、区）提供。"))
    return region


def _period(raw: str) -> Period:
    """A year or a quarter that has begun, this year by default."""
    today = timezone.localdate()
    if not raw.strip():
        return year_period(today.year)
    code = raw.strip().upper()[:8]
    if not (YEAR.fullmatch(code) or QUARTER.fullmatch(code)):
        raise NotFound(_("开放数据按年度（如 2026）或季度（如 2026Q3）提供。"))
    try:
        period = parse_period(code)
    except Invalid as error:
        raise NotFound(error.message) from error
    if not period.has_started(today):
        raise NotFound(_("该期间尚未开始，没有数据。"))
    return period


def periods_offered() -> list[tuple[Period, list[Period]]]:
    """The years offered, latest first, each with its quarters begun."""
    today = timezone.localdate()
    return [
        (year_period(year), [q for q in quarters_of(year) if q.has_started(today)])
        for year in range(today.year, today.year - YEARS_OFFERED, -1)
    ]


def _file_name(region: Region, period: Period, suffix: str) -> tuple[str, str]:
    return (
        _("残疾人就业监测指标_%(region)s_%(period)s")
        % {"region": region.name, "period": period.label}
        + suffix,
        f"indicators-{region.code}-{period.code}{suffix}",
    )


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    """`/open-data/?region=370800&period=2026`: without a region, the provinces."""
    period = _period(request.GET.get("period", ""))
    raw = request.GET.get("region", "")
    context: dict[str, Any] = {"period": period, "periods": periods_offered()}
    if not raw.strip():
        provinces = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
        return public(render(request, "indicators/open_data.html", {**context, "below": provinces}))
    region = _region(raw)
    figures, threshold = open_figures(region, period)
    path: list[Region] = []
    above = region.parent
    while above is not None and above.level in OPEN_LEVELS:
        path.insert(0, above)
        above = above.parent
    totals = [
        (figure, WITHHELD_LABELS.get(figure.withheld) if figure.withheld else "")
        for figure in figures
        if figure.is_total
    ]
    below = child_regions(region) if region.level != RegionLevel.COUNTY else []
    return public(
        render(
            request,
            "indicators/open_data.html",
            {
                **context,
                "region": region,
                "path": path,
                "below": below,
                "totals": totals,
                "threshold": threshold,
                "read_until": period.read_until(),
                "running": period.read_until() < period.end,
                "query": f"region={region.code}&period={period.code}",
            },
        )
    )


def _rows(request: HttpRequest) -> tuple[Region, Period, list[dict[str, Any]], int]:
    region = _region(request.GET.get("region", ""))
    period = _period(request.GET.get("period", ""))
    figures, threshold = open_figures(region, period)
    return region, period, open_rows(region, period, figures), threshold


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    region, period, rows, _threshold = _rows(request)
    name, fallback = _file_name(region, period, ".csv")
    return csv_download(COLUMNS, rows, name=name, fallback=fallback)


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    """A Frictionless tabular data resource: the rows inline, the schema by its address."""
    region, period, rows, threshold = _rows(request)
    name, fallback = _file_name(region, period, ".json")
    until = period.read_until()
    data = {
        "profile": "tabular-data-resource",
        "name": f"ablework-indicators-{region.code}-{period.code}",
        "title": name.removesuffix(".json"),
        "schema_version": SCHEMA_VERSION,
        "schema": request.build_absolute_uri(reverse("open_data:schema")),
        "region": {"code": region.code, "name": region.name, "level": region.level},
        "period": {
            "code": period.code,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "read_until": until.isoformat(),
            "complete": until >= period.end,
        },
        "suppression": {"threshold": threshold, "parameter": THRESHOLD},
        "data": rows,
    }
    return json_download(data, name=name, fallback=fallback)


@require_GET
def open_data_schema_view(request: HttpRequest) -> HttpResponse:
    return public(
        JsonResponse(open_data_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    )
