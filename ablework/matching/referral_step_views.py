"""One referral's page: the person (for an employer: name and phone only while the referral is
under way), the posting, the dated steps with who recorded them, and a form for each step the
viewer may record next — refer a person's request (or decline it: withdrawn), the interview,
hired with the start day, not hired with a reason, withdrawn. Each step is saved on the version
the page was opened with: a save over another's step answers 409 with what the other recorded.
Every response that names the person logs a view of them (`shows_persons`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.core.errors import DomainError
from ablework.core.form_pages import show_conflict
from ablework.core.forms import DomainForm
from ablework.core.region_names import region_name
from ablework.core.versioning import StaleRecord
from ablework.matching.audit_actions import REFERRAL_VERSION_ACTIONS
from ablework.matching.models import PostingKind, Referral, ReferralState, WithdrawnBy
from ablework.matching.referral_forms import STEP_FORMS, step_initial
from ablework.matching.referral_views import detail_url
from ablework.matching.roster_views import roster_place_shown
from ablework.matching.selectors.referral_pages import (
    is_employer,
    note_person_shown,
    referral_for_page,
    steps_shown,
)
from ablework.matching.selectors.referrals import REFER, check_pair, steps_of
from ablework.matching.services.referral_steps import (
    EMPLOYMENT_OF_KIND,
    InterviewInput,
    next_states,
    record_hire,
    record_interview,
    record_not_hired,
    withdraw_referral,
)
from ablework.matching.services.referrals import refer_requested
from ablework.registry.models import EmploymentKind
from ablework.registry.viewing import shows_persons

S = ReferralState
DONE = {
    S.REFERRED: gettext_lazy("已推荐，招聘单位现在可以看到本人的姓名和联系电话。"),
    S.INTERVIEW: gettext_lazy("已登记面试安排。"),
    S.HIRED: gettext_lazy("已登记录用：本人在残疾人名册中的就业状况已改为已就业。"),
    S.NOT_HIRED: gettext_lazy("已登记未录用。"),
    S.WITHDRAWN: gettext_lazy("已撤回推荐。"),
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _save(user: User, referral: Referral, state: str, data: dict[str, Any]) -> Referral:
    """The one service call of the step."""
    common = {"actor": user, "referral_id": referral.pk, "seen_version": data["version"]}
    if state == S.REFERRED:
        return refer_requested(**common)
    if state == S.INTERVIEW:
        interview = InterviewInput(
            at=data.get("at"), online=bool(data.get("online")), place=data.get("place") or ""
        )
        return record_interview(**common, interview=interview)
    if state == S.HIRED:
        return record_hire(
            **common,
            started_on=data.get("started_on"),
            employment_kind=data.get("employment_kind") or "",
        )
    if state == S.NOT_HIRED:
        return record_not_hired(**common, reason=data["reason"], note=data.get("note") or "")
    return withdraw_referral(**common, by=data["by"], note=data.get("note") or "")


def _forms(
    user: User, referral: Referral, *, bound: str = "", data: Any = None
) -> dict[str, DomainForm]:
    """A form for each step the viewer may record now (the one posted bound to its data)."""
    kind = str(EMPLOYMENT_OF_KIND.get(PostingKind(referral.posting.kind), EmploymentKind.QUOTA))
    by = WithdrawnBy.EMPLOYER if is_employer(user) else WithdrawnBy.STAFF
    made = {}
    for state in next_states(referral, user):
        if state not in STEP_FORMS:
            continue
        form_class, _title = STEP_FORMS[state]
        initial = step_initial(
            state, version=referral.version, employment_kind=kind, withdrawn_by=by
        )
        made[state] = form_class(data if state == bound else None, prefix=state, initial=initial)
    return made


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """岗位推荐: the person, the posting, the steps, and the next steps' forms."""
    user = _user(request)
    referral = referral_for_page(user, referral_id)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    forms = _forms(user, referral, bound=step, data=request.POST)
    conflict: dict[str, Any] = {}
    problem = ""
    status = 200
    if request.method == "POST":
        form = forms.get(step)
        if form is None:
            problem = _("这条推荐现在是“%(state)s”，您不能登记这一步；请刷新页面查看。") % {
                "state": referral.get_state_display()
            }
        elif form.is_valid():
            try:
                _save(user, referral, step, form.cleaned_data)
            except DomainError as error:
                if isinstance(error, StaleRecord):
                    show_conflict(conflict, form, referral, error, actions=REFERRAL_VERSION_ACTIONS)
                    data = form.data.copy()  # type: ignore[attr-defined]
                    data[f"{step}-version"] = str(error.current)
                    form.data = data
                    status = StaleRecord.http_status
                form.add_domain_error(error)
            else:
                messages.success(request, str(DONE[S(step)]))
                return HttpResponseRedirect(detail_url(referral))
        if conflict:  # the others' step moved the referral on: the forms of its state now
            others = _forms(user, referral)
            if step in others:
                others[step] = form  # type: ignore[assignment]
            else:
                problem = _("这条推荐现在是“%(state)s”，这一步已不能再登记。") % {
                    "state": referral.get_state_display()
                }
            forms = others
    named = note_person_shown(user, referral)
    check = None
    if referral.state == S.REQUESTED and user.has_named_permission(REFER):
        check = check_pair(referral.person, referral.posting, on=timezone.localdate())
    return render(
        request,
        "matching/referrals/detail.html",
        {
            "referral": referral,
            "person": referral.person,
            "named": named,
            "employer": is_employer(user),
            "phone": referral.person.phone if named and is_employer(user) else "",
            "place": region_name(referral.person.township_code or referral.person.county_code),
            "steps": steps_shown(user, steps_of(referral)),
            "forms": [(state, STEP_FORMS[state][1], form) for state, form in forms.items()],
            "bound": step,
            "conflict": conflict,
            "problem": problem,
            "check": check,
            "roster": roster_place_shown(user, referral),
            "here": "referrals",
        },
        status=status,
    )
