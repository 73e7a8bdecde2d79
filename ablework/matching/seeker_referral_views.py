"""A job seeker's referrals (`/matching/jobs/…`): ask for a referral from a job's page (申请推荐,
a POST; a family member chooses for which of the persons who consented), follow each referral
under 我的推荐 in plain words, and withdraw one's own while it is under way (with the reason,
on the version seen). Only a person and a family member have these pages; another person's
referral is 404 like a missing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.core.audit import note_shown
from ablework.core.errors import DomainError, NotFound
from ablework.core.form_pages import form_page
from ablework.matching.audit_actions import REFERRAL_VERSION_ACTIONS
from ablework.matching.models import Referral, WithdrawnBy
from ablework.matching.seeker_forms import WithdrawForm
from ablework.matching.selectors.seeker import BROWSE, is_seeker, posting_for_seeker, seeker_persons
from ablework.matching.selectors.seeker_referrals import seeker_referral, seeker_referrals
from ablework.matching.services.referral_steps import withdraw_referral
from ablework.matching.services.referrals import ask_for_referral
from ablework.matching.services.saved import seeker_person
from ablework.registry.viewing import shows_persons


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _chosen_person(request: HttpRequest) -> int | None:
    raw = request.POST.get("person", "")[:12]
    return int(raw) if raw.isdigit() else None


def _require_seeker(user: User) -> None:
    if not is_seeker(user) or not user.has_named_permission(BROWSE):
        raise NotFound(_("没有找到该页面或记录。"))


@login_required
@require_POST
def job_ask(request: HttpRequest, posting_id: int) -> HttpResponse:
    """申请推荐: a request for the chosen person (a family member's choice, else the person),
    then back to the job's page, which says 已申请推荐 with the day."""
    user = _user(request)
    person = seeker_person(user, _chosen_person(request))  # NotFound: staff, not theirs
    posting = posting_for_seeker(user, posting_id, on=timezone.localdate())
    try:
        ask_for_referral(actor=user, person_id=person.pk, posting_id=posting.pk)
    except DomainError as error:  # asked already, or the posting stopped recruiting meanwhile
        messages.error(request, error.message)
    else:
        several = seeker_persons(user).count() > 1
        messages.success(
            request,
            (
                _("已为%(name)s申请推荐到%(employer)s“%(title)s”。")
                if several
                else _("已申请推荐到%(employer)s“%(title)s”。")
            )
            % {"name": person.name, "employer": posting.employer.name, "title": posting.title}
            + _("就业服务专员会核对这个岗位是否适合，合适的就推荐给招聘单位。进展在“我的推荐”里。"),
        )
    return HttpResponseRedirect(reverse("matching:job_detail", args=[posting.pk]))


@login_required
@shows_persons
@require_GET
def my_referrals(request: HttpRequest) -> HttpResponse:
    """我的推荐: each referral of the seeker's persons, the latest step first, in plain words."""
    user = _user(request)
    _require_seeker(user)
    persons = list(seeker_persons(user)[:50])
    for person in persons:
        note_shown(person)
    rows, more = seeker_referrals(user, [p.pk for p in persons])
    return render(
        request,
        "matching/jobs/referrals.html",
        {
            "rows": rows,
            "more": more,
            "persons": persons,
            "several": len(persons) > 1,
            "is_seeker": True,
        },
    )


def _withdrawn(referral: Referral) -> str:
    return str(
        _("已撤回到%(employer)s“%(title)s”的推荐。")
        % {"employer": referral.posting.employer.name, "title": referral.posting.title}
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def referral_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    """撤回推荐: one's own request or referral while under way, with the reason."""
    user = _user(request)
    _require_seeker(user)
    referral = seeker_referral(user, referral_id)
    note_shown(referral.person)
    form = WithdrawForm(request.POST or None, initial={"version": referral.version})
    return form_page(
        request,
        form,
        template="matching/jobs/withdraw.html",
        save=lambda data: withdraw_referral(
            actor=user,
            referral_id=referral.pk,
            seen_version=data["version"],
            by=WithdrawnBy.PERSON,
            note=data["note"],
        ),
        done=_withdrawn,
        next_url=reverse("matching:jobs_referrals"),
        context={
            "referral": referral,
            "several": seeker_persons(user).count() > 1,
            "is_seeker": True,
        },
        versioned=(referral, REFERRAL_VERSION_ACTIONS),
    )
