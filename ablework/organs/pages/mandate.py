"""The mandate pages: the status of every organ and institution the viewer may see (with the
pooled line of each county), one unit's status with its work plan, and the plan's forms."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import Binding, scope_of
from ablework.core.form_pages import form_page
from ablework.core.pagination import keyset_page_in, parse_cursor
from ablework.organs.access import access_unit, units_visible_to
from ablework.organs.forms import PlanForm, ProgressForm
from ablework.organs.models import PlacementPlan
from ablework.organs.selectors.mandate import county_aggregates, mandate_statuses
from ablework.organs.services.plans import (
    PLAN_FIELDS,
    PLAN_VERSION_ACTIONS,
    create_plan,
    record_progress,
    update_plan,
)
from ablework.organs.services.profiles import PROFILE_PERMISSION, profile_units

# Units a page of the list shows (the summary and the county lines cover them all).
UNITS_PER_PAGE = 50
FILTERS = {
    "gap": lambda status: status.gap > 0,
    "mandated": lambda status: status.mandated is True,
    "unknown": lambda status: status.mandated is None,
}


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    """机关事业单位带头安置: each unit's mandate, counted persons, gap and deadline, 50 units a
    page (the chosen filter kept from page to page); the pooled county lines; an employer
    account sees its own unit and the units it supervises."""
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    statuses = mandate_statuses(units_visible_to(user), on=today)
    shown = request.GET.get("show", "")
    chosen = FILTERS.get(shown)
    rows = [status for status in statuses if chosen(status)] if chosen else statuses
    page = keyset_page_in(
        rows,
        key=lambda status: status.employer_id,
        after=parse_cursor(request.GET.get("after")),
        size=UNITS_PER_PAGE,
    )
    supervising = scope_of(user).binding == Binding.EMPLOYER
    return render(
        request,
        "organs/unit_list.html",
        {
            "rows": page.items,
            "page": page,
            "query": urlencode({"show": shown}) if chosen else "",
            "shown_count": len(rows),
            "counties": [] if supervising else county_aggregates(statuses, on=today),
            "show": shown if chosen else "",
            "supervising": supervising,
            "total": len(statuses),
            "with_gap": sum(1 for status in statuses if status.gap > 0),
        },
    )


@login_required
@require_GET
def unit_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    """One unit's mandate status, the reasons, its work plan and the plan's progress."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, employer_id)
    today = timezone.localdate()
    status = mandate_statuses(units_visible_to(user).filter(pk=unit.pk), on=today)[0]
    plan = PlacementPlan.objects.filter(employer=unit).first()
    progress = (
        plan.progress.select_related("recorded_by").order_by("-recorded_on", "-id") if plan else []
    )
    return render(
        request,
        "organs/unit_detail.html",
        {
            "unit": unit,
            "status": status,
            "plan": plan,
            "progress": progress,
            "can_plan": user.has_named_permission(Permission.ORGANS_PLAN),
            "can_profile": user.has_named_permission(PROFILE_PERMISSION)
            and profile_units(user).filter(pk=unit.pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Make the unit's work plan, or change it on the version the page was opened on (409 with
    what others changed since)."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, employer_id, permission=Permission.ORGANS_PLAN)
    plan = PlacementPlan.objects.filter(employer=unit).first()
    initial = {name: getattr(plan, name) for name in PLAN_FIELDS} if plan else {}
    if plan:
        initial["version"] = plan.version
    form = PlanForm(request.POST or None, initial=initial)
    detail_url = reverse("organs:unit_detail", args=[unit.pk])
    if plan is None:
        return form_page(
            request,
            form,
            template="organs/plan_form.html",
            save=lambda data: create_plan(actor=user, employer=unit, details=form.details()),
            done=_("已制定工作计划。"),
            next_url=detail_url,
            context={"unit": unit, "plan": None},
        )
    return form_page(
        request,
        form,
        template="organs/plan_form.html",
        save=lambda data: update_plan(
            actor=user, plan=plan, details=form.details(), seen_version=data["version"] or 0
        ),
        done=_("已保存工作计划。"),
        next_url=detail_url,
        context={"unit": unit, "plan": plan},
        versioned=(plan, PLAN_VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_new(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Record a dated progress entry of the unit's plan."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, employer_id, permission=Permission.ORGANS_PLAN)
    plan = PlacementPlan.objects.filter(employer=unit).first()
    if plan is None:
        return render(request, "organs/plan_missing.html", {"unit": unit}, status=404)
    form = ProgressForm(
        request.POST or None,
        initial={"version": plan.version, "recorded_on": timezone.localdate(), "placed": 0},
    )
    return form_page(
        request,
        form,
        template="organs/progress_form.html",
        save=lambda data: record_progress(
            actor=user, plan=plan, entry=form.entry(), seen_version=data["version"] or 0
        ),
        done=_("已记录进展。"),
        next_url=reverse("organs:unit_detail", args=[unit.pk]),
        context={"unit": unit, "plan": plan},
        versioned=(plan, PLAN_VERSION_ACTIONS),
    )
