"""The page where the federation's administrators set a unit's supervising unit (主管单位, organs
and institutions) or mark an enterprise as state-owned (国有企业, for the public notice), on the
version the page was opened on; reached from the unit's mandate page and the employer's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.core.form_pages import form_page
from ablework.organs.forms import ProfileForm
from ablework.organs.services.profiles import (
    PROFILE_VERSION_ACTIONS,
    SUPERVISED_KINDS,
    access_profile_unit,
    profile_of,
    update_profile,
)


@login_required
@require_http_methods(["GET", "POST"])
def unit_profile(request: HttpRequest, employer_id: int) -> HttpResponse:
    """主管单位 / 国有企业 of one unit of the staff member's area (404 for any other)."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_profile_unit(user, employer_id)
    profile = profile_of(unit)
    supervised = unit.kind in SUPERVISED_KINDS
    initial = {
        "version": profile.version,
        "supervisor": profile.supervisor.name if profile.supervisor else "",
        "state_owned": profile.state_owned,
    }
    form = ProfileForm(request.POST or None, initial=initial, supervised=supervised)
    back = (
        reverse("organs:unit_detail", args=[unit.pk])
        if supervised
        else reverse("employers:employer_detail", args=[unit.pk])
    )
    return form_page(
        request,
        form,
        template="organs/profile_form.html",
        save=lambda data: update_profile(
            actor=user,
            employer_id=unit.pk,
            change=form.change(),
            seen_version=data["version"] or 0,
        ),
        done=_("已保存。"),
        next_url=back,
        context={"unit": unit, "profile": profile, "supervised": supervised, "back": back},
        versioned=(profile, PROFILE_VERSION_ACTIONS),
    )
