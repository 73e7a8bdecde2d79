"""就业服务 — the work queue: the persons of the user's area due for each of the "四个一" this
cycle, overdue first then the longest waiting, with one action per service due, and the
reminders to those with an account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import DomainError
from ablework.core.models import Region
from ablework.core.pagination import keyset_page_checked, parse_cursor
from ablework.core.selectors import regions_inside, townships_inside
from ablework.support.access import RECORD, worker_permission
from ablework.support.models import CycleCase, Pillar
from ablework.support.selectors.due import cycle_on, overdue_after
from ablework.support.selectors.queue import (
    FLAG_FILTERS,
    QueueFilters,
    cases_visible_to,
    due_candidates,
    queue_columns,
    still_due,
)
from ablework.support.services.reminders import send_queue_reminders


def queue_filters(params: QueryDict, user: User, counties: list[Region]) -> QueueFilters:
    """The filters asked for, kept inside the user's area: a township's staff see their own
    township; a county's staff their county; wider staff choose a county."""
    prefix = scope_of(user).region_prefix or ""
    codes = {county.code for county in counties}
    county = params.get("region", "")
    if len(prefix) >= 6:
        county = prefix[:6]
    elif county not in codes:
        county = counties[0].code if len(counties) == 1 else ""
    township = prefix[:9] if len(prefix) >= 9 else params.get("township", "")[:9]
    if not (county and township.startswith(county)):
        township = ""
    pillar = params.get("pillar", "")
    return QueueFilters(
        county=county,
        township=township,
        pillar=pillar if pillar in Pillar.values else "",
        **{name: params.get(name) == "1" for name in FLAG_FILTERS},
    )


def _query(filters: QueueFilters) -> str:
    query = QueryDict(mutable=True)
    for name, value in (
        ("region", filters.county),
        ("township", filters.township),
        ("pillar", filters.pillar),
    ):
        if value:
            query[name] = value
    for name in filters.flags():
        query[name] = "1"
    return query.urlencode()


# The recording page of each service (support's records part) and the person's services page;
# until a name exists, the person's registry record is linked instead.
RECORD_PAGES: dict[str, tuple[str, Any]] = {
    Pillar.CHECK: ("support:record_check", gettext_lazy("核对 %(name)s 的基础信息")),
    Pillar.ASSESSMENT: ("support:record_assessment", gettext_lazy("为 %(name)s 做职业能力评估")),
    Pillar.NEEDS: ("support:record_needs", gettext_lazy("登记 %(name)s 的就业需求")),
    Pillar.SERVICE: ("support:record_service", gettext_lazy("为 %(name)s 提供就业服务")),
}
_SENTINEL = 987654321


def _link_pattern(name: str) -> str:
    """The page's address for person `_SENTINEL` (one reverse per page, not per row)."""
    try:
        return reverse(name, args=[_SENTINEL])
    except NoReverseMatch:
        return reverse("registry:person_detail", args=[_SENTINEL])


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue as the page shows it."""

    case: CycleCase
    person_url: str
    actions: list[tuple[str, str]]


def queue_rows(cases: list[CycleCase], *, can_record: bool) -> list[QueueRow]:
    person_pattern = _link_pattern("support:person")
    patterns = {pillar: _link_pattern(name) for pillar, (name, _label) in RECORD_PAGES.items()}
    rows = []
    for case in cases:
        pk = str(case.person_id)
        actions = (
            [
                (
                    str(RECORD_PAGES[pillar][1]) % {"name": case.person.name},
                    patterns[pillar].replace(str(_SENTINEL), pk),
                )
                for pillar in case.due_pillars()
            ]
            if can_record
            else []
        )
        rows.append(QueueRow(case, person_pattern.replace(str(_SENTINEL), pk), actions))
    return rows


def queue_context(request: HttpRequest, user: User, today: date) -> dict[str, Any]:
    permission = worker_permission(user)
    counties = list(regions_inside(user).only("code", "name"))
    filters = queue_filters(request.GET, user, counties)
    cycle = cycle_on(today, jurisdiction=filters.county)
    context: dict[str, Any] = {
        "cycle": cycle,
        "filters": filters,
        "counties": counties,
        "townships": list(townships_inside(user, [filters.county])) if filters.county else [],
        "pillars": Pillar.choices,
        "query": _query(filters),
        "overdue_days": overdue_after().days,
        "page": None,
        "can_record": permission == RECORD,
    }
    if filters.county:
        candidates = due_candidates(
            cases_visible_to(user, permission=permission), year=cycle.year, filters=filters
        )
        page = keyset_page_checked(
            candidates,
            check=lambda rows: queue_columns(still_due(rows, on=today, filters=filters)),
            field="waiting_since",
            after=parse_cursor(request.GET.get("after")),
        )
        context["page"] = page
        context["rows"] = queue_rows(page.items, can_record=permission == RECORD)
        # for the panels other apps add to the queue (their current suggestions …)
        context["page_persons"] = [case.person for case in page.items]
    return context


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The queue of the user's area (a county chosen first by wider staff)."""
    user: User = request.user  # type: ignore[assignment]
    return render(request, "support/queue.html", queue_context(request, user, timezone.localdate()))


@login_required
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    """Send the reminders of the queue as filtered (its query string is posted back)."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, RECORD)
    params = QueryDict(request.POST.get("query", ""))
    counties = list(regions_inside(user).only("code", "name"))
    filters = queue_filters(params, user, counties)
    today = timezone.localdate()
    back = reverse("support:queue") + "?" + _query(filters)
    if not filters.county:
        messages.error(request, _("请先选择县（市、区）。"))
        return HttpResponseRedirect(back)
    try:
        count = send_queue_reminders(
            actor=user,
            year=cycle_on(today, jurisdiction=filters.county).year,
            on=today,
            filters=filters,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已向 %(count)d 名待服务人员发送站内提醒。") % {"count": count})
    return HttpResponseRedirect(back)
