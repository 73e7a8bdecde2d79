"""The units behind a figure (issue 14, drill-down): for an amount of money or a count of units
whose measure says which units (`Measure.units`: levy assessed and collected, rewards paid,
declarations certified), the employers of the region over the period with their amounts; for a
rate about units (organs' mandate compliance), the units of its denominator, each meeting the
mandate or not with its gap. 50 a page, within the viewer's area (`employers_visible_to`); each
page shown is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.errors import NotFound
from ablework.core.pagination import Page, parse_cursor
from ablework.core.region_names import region_name
from ablework.employers.access import employers_visible_to
from ablework.indicators.access import access_region
from ablework.indicators.catalogue import measure_named
from ablework.indicators.services.viewing import record_units_view
from ablework.indicators.views import period_asked

PAGE_SIZE = 50


@login_required
@require_GET
def indicator_units(request: HttpRequest, code: str) -> HttpResponse:
    """`/indicators/levy_assessed/units/?region=370811&period=2026`: the employers behind the
    figure, in order of registration, each with its amount (元) or count, or for a rate its gap
    (0: in the numerator)."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.EMPLOYERS_VIEW)
    measure = measure_named(code)
    if measure.units is None:
        raise NotFound(_("该指标不列出单位名单。"))
    region = access_region(user, request.GET.get("region", "").strip()[:12])
    period, problem = period_asked(request.GET.get("period", "")[:12])
    until = period.read_until()
    amounts = (
        measure.units(region.scope_prefix, period.start, until) if until >= period.start else {}
    )
    ids = sorted(amounts)
    after = parse_cursor(request.GET.get("after"))
    following = [pk for pk in ids if after is None or pk > after][: PAGE_SIZE + 1]
    employers = list(employers_visible_to(user).filter(pk__in=following[:PAGE_SIZE]).order_by("pk"))
    page = Page(
        items=[
            (
                employer,
                region_name(employer.township_code or employer.county_code),
                amounts[employer.pk],
            )
            for employer in employers
        ],
        next_after=following[PAGE_SIZE - 1] if len(following) > PAGE_SIZE else None,
        is_first=after is None,
    )
    record_units_view(
        actor=user, measure=measure, region=region, period=period, shown=len(employers)
    )
    return render(
        request,
        "indicators/units.html",
        {
            "measure": measure,
            "region": region,
            "period": period,
            "period_problem": problem,
            "total": len(ids),
            "sum": sum(amounts.values()),
            # a rate's units: those in its numerator (no gap) and those short of it
            "met": sum(1 for gap in amounts.values() if not gap),
            "short": sum(1 for gap in amounts.values() if gap),
            "page": page,
            "query": f"region={region.code}&period={period.code}",
        },
    )
