"""The local parameters page: values in force and pending in the user's region, a form to
propose one, and approve / send back for a second administrator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import Invalid
from ablework.core.form_pages import form_page
from ablework.core.models import Region, RegionLevel
from ablework.parameters.forms import DecisionForm, LocalValueForm
from ablework.parameters.models import LocalValueStatus
from ablework.parameters.selectors import local_values_visible_to, parameter_description
from ablework.parameters.services import (
    approve_local_value,
    propose_local_value,
    reject_local_value,
    settable_parameters,
)

LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


@login_required
@require_http_methods(["GET", "POST"])
def local_values(request: HttpRequest) -> HttpResponse:
    """The list and the form to propose a value (it waits for a second person's approval)."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.PARAMETERS_MANAGE)
    regions = scope_of(user).apply(Region.objects.filter(level__in=LEVELS)).order_by("code")
    form = LocalValueForm(request.POST or None, parameters=settable_parameters(), regions=regions)
    rows = list(
        local_values_visible_to(user).order_by("status", "name", "region_code", "-effective_from")
    )
    for row in rows:
        row.description = parameter_description(row.name)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "pending": [row for row in rows if row.status == LocalValueStatus.PENDING],
        "in_force": [row for row in rows if row.status == LocalValueStatus.APPROVED],
        "decided": [
            row
            for row in rows
            if row.status in (LocalValueStatus.REJECTED, LocalValueStatus.SUPERSEDED)
        ],
    }
    return form_page(
        request,
        form,
        template="parameters/local_values.html",
        save=lambda data: propose_local_value(
            user,
            name=data["name"],
            region=data["region"],
            effective_from=data["effective_from"],
            value=data["value"],
            reference=data["reference"],
        ),
        done=_("已提出，待本辖区另一位管理员审核后生效。"),
        next_url=reverse("parameters:local_values"),
        context=context,
    )


@login_required
@require_POST
def decide(request: HttpRequest, value_id: int) -> HttpResponse:
    """A second administrator approves or sends back a pending value (404 outside their area)."""
    user: User = request.user  # type: ignore[assignment]
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Invalid(_("请选择审核通过或退回。"), field="decision")
    try:
        if form.cleaned_data["decision"] == "approve":
            approve_local_value(user, value_id)
            messages.success(request, _("已审核通过，自即日起按该值计算。"))
        else:
            reject_local_value(user, value_id, form.cleaned_data["note"])
            messages.success(request, _("已退回。"))
    except Invalid as error:  # NotFound (another region's value) goes on to the 404 page
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("parameters:local_values"))
