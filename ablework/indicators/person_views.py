"""The persons behind a figure (issue 14, drill-down): for an indicator that says who it counts
(`Measure.persons`; for a rate `Measure.rate_persons`, its numerator or the rest of its
denominator, `?group=in|out`), the persons of a county or a township over a period, as the
measure counts them, masked as the registry's list is and within the viewer's area; each page
shown writes one access-log record naming every person on it."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.errors import NotFound
from ablework.core.measure_parts import Measure
from ablework.core.pagination import Page, parse_cursor
from ablework.indicators.access import access_region
from ablework.indicators.catalogue import measure_named
from ablework.indicators.periods import Period
from ablework.indicators.selectors.source import tallies_of
from ablework.indicators.services.viewing import record_persons_view
from ablework.indicators.views import PERSON_LEVELS, period_asked
from ablework.registry.access import persons_visible_to

PAGE_SIZE = 50


def _persons(measure: Measure, prefix: str, period: Period, group: str) -> Collection[int]:
    until = period.read_until()
    if measure.is_rate and measure.rate_persons is not None:
        numerator, rest = measure.rate_persons(prefix, period.start, until)
        return rest if group == "out" else numerator
    assert measure.persons is not None
    return measure.persons(prefix, period.start, until)


@login_required
@require_GET
def indicator_persons(request: HttpRequest, code: str) -> HttpResponse:
    """`/indicators/new_employment/persons/?region=370811&period=2026Q3`: the persons counted,
    50 a page in order of registration."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.PERSONS_VIEW)
    measure = measure_named(code)
    if not measure.lists_persons:
        raise NotFound(_("该指标不列出人员名单。"))
    group = "out" if request.GET.get("group") == "out" else "in"
    region = access_region(user, request.GET.get("region", "").strip()[:12])
    if region.level not in PERSON_LEVELS:
        raise NotFound(
            _("人员名单按县（市、区）或乡镇（街道）查看，请先在指标看板中选择下级地区。")
        )
    period, problem = period_asked(request.GET.get("period", "")[:12])
    until = period.read_until()
    started = until >= period.start
    ids = sorted(_persons(measure, region.scope_prefix, period, group)) if started else []
    # A count of attendances may count a person twice; the list names each once.
    # Live, as the list is: the count agrees with the persons named.
    counted = (
        sum(
            t.numerator
            for t in tallies_of(
                measure, region.scope_prefix, period.start, until, live=True
            ).values()
        )
        if started and not measure.is_rate
        else len(ids)
    )
    after = parse_cursor(request.GET.get("after"))
    following = [pk for pk in ids if after is None or pk > after][: PAGE_SIZE + 1]
    shown = list(persons_visible_to(user).filter(pk__in=following[:PAGE_SIZE]).order_by("pk"))
    page = Page(
        items=shown,
        next_after=following[PAGE_SIZE - 1] if len(following) > PAGE_SIZE else None,
        is_first=after is None,
    )
    record_persons_view(
        actor=user, measure=measure, region=region, period=period, persons=shown, group=group
    )
    return render(
        request,
        "indicators/persons.html",
        {
            "measure": measure,
            "region": region,
            "period": period,
            "period_problem": problem,
            "total": len(ids),
            "counted": counted,
            "page": page,
            "group": group,
            "query": f"region={region.code}&period={period.code}&group={group}",
        },
    )
