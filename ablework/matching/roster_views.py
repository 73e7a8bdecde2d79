"""Adding a hire from a referral to the employer's quota roster (申报名单), from the panel
从推荐录用人员添加 on the declaration's page (`roster_panel.py`): one POST naming the
declaration and the version the page was opened on. Done or refused, the answer goes back to
the declaration's page with what happened; over another user's save of the declaration it
answers 409 with what they saved, adding nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.core.audit_reading import readable_records
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.forms import VersionedForm
from ablework.core.versioning import StaleRecord, changes_since
from ablework.matching.models import Referral, ReferralState
from ablework.matching.selectors.roster_hires import roster_place, start_day
from ablework.matching.services.roster_hires import add_hire_to_roster
from ablework.quota.pages.declarations import levy_year_now
from ablework.quota.services.filing import VERSION_ACTIONS


class ToRosterForm(VersionedForm):
    declaration = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def declaration_page(declaration_id: int, anchor: str = "") -> str:
    return reverse("quota:declaration", args=[declaration_id]) + anchor


@login_required
@require_POST
def hire_to_roster(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Add the referral's hired person to the declaration's roster."""
    user: User = request.user  # type: ignore[assignment]
    form = ToRosterForm(request.POST)
    if not form.is_valid():
        raise NotFound(_("没有找到该按比例就业申报。"))
    declaration_id = form.cleaned_data["declaration"]
    try:
        row = add_hire_to_roster(
            actor=user,
            referral_id=referral_id,
            declaration_id=declaration_id,
            version=form.cleaned_data["version"],
        )
    except StaleRecord as error:
        return render(
            request,
            "matching/referrals/roster_conflict.html",
            {
                "records": readable_records(changes_since(error, actions=VERSION_ACTIONS)),
                "back": declaration_page(declaration_id, "#referral-hires"),
            },
            status=StaleRecord.http_status,
        )
    except (Conflict, Invalid) as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(declaration_page(declaration_id, "#referral-hires"))
    messages.success(
        request,
        _("已添加到 %(year)s 年度申报名单（第 %(line)s 行）：请补填各月工资和社会保险缴纳情况。")
        % {"year": row.levy_year, "line": row.lines.count()},
    )
    return HttpResponseRedirect(declaration_page(row.pk, "#roster"))


def roster_place_shown(user: User, referral: Referral) -> dict[str, Any] | None:
    """For a hired referral's page, to those who declare for the employer: where the hire stands
    with the employer's roster of its start year — on it, to be added from the declaration's
    page, the declaration no longer editable, or no declaration of that year yet (with where
    to start one, and when when its season has not come)."""
    if referral.state != ReferralState.HIRED or not user.has_named_permission(
        Permission.QUOTA_DECLARE
    ):
        return None
    started_on = start_day(referral)
    if started_on is None:
        return None
    place = roster_place(referral, started_on)
    own_list = (
        reverse("quota:declarations")
        if user.role == Role.EMPLOYER
        else reverse("quota:employer_declarations", args=[referral.posting.employer_id])
    )
    return {
        "place": place,
        "url": declaration_page(place.declaration.pk, "#referral-hires")
        if place.declaration is not None
        else own_list,
        "season_later": place.year > levy_year_now(),
        "season_year": place.year + 1,
    }
