"""催报提醒: staff choose a levy year and an area, see how many employers will be reminded (and
why; employers that complied are skipped), send, and read the rounds sent before."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.errors import DomainError
from ablework.employers.models import Employer
from ablework.quota.forms.reminders import YEARS_OFFERED, ReminderForm
from ablework.quota.models import ReminderRound
from ablework.quota.pages.declarations import levy_year_now
from ablework.quota.selectors.reminders import preview
from ablework.quota.services.reminders import areas_of, send_reminders

# The rounds listed under the form.
RECENT_ROUNDS = 20


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    """GET with a year and an area: the preview; POST: send."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.QUOTA_REVIEW)
    areas = areas_of(user)
    now = levy_year_now()
    years = [now - back for back in range(YEARS_OFFERED)]
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = ReminderForm(data, years=years, areas=areas, initial={"year": now})
    if request.method == "POST" and form.is_valid():
        try:
            sending = send_reminders(
                actor=user, year=form.cleaned_data["year"], area=form.cleaned_data["area"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if sending.job_id is not None:
                messages.success(request, _("提醒正在后台发送，可在任务页面查看进度。"))
                return HttpResponseRedirect(reverse("jobs:job_detail", args=[sending.job_id]))
            messages.success(
                request,
                _("已向 %(employers)s 家用人单位发出 %(messages)s 条催报提醒。")
                % {"employers": sending.employers, "messages": sending.messages},
            )
            return HttpResponseRedirect(reverse("quota:reminders"))
    shown = None
    if request.method == "GET" and form.is_bound and form.is_valid():
        shown = preview(
            visible(user, Employer, permission=Permission.QUOTA_REVIEW),
            year=form.cleaned_data["year"],
            area=form.cleaned_data["area"],
        )
    names = {region.code: region.name for region in areas}
    rounds = list(
        visible(user, ReminderRound, permission=Permission.QUOTA_REVIEW)
        .select_related("sent_by", "job")
        .order_by("-created_at", "-id")[:RECENT_ROUNDS]
    )
    return render(
        request,
        "quota/reminders.html",
        {
            "form": form,
            "preview": shown,
            "area_name": names.get(form.cleaned_data.get("area", ""), "")
            if form.is_bound and form.is_valid()
            else "",
            "rounds": [(row, names.get(row.region_code, row.region_code)) for row in rounds],
        },
    )
