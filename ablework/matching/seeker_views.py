"""The job seekers' pages (`/matching/jobs/`): search the open postings of one's city, read one
in plain words, save it and find it again under 我收藏的岗位. A person browses for themselves, a
family member for the persons who consented; staff browse their area's postings as seekers see
them (without saving)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ablework.accounts.models import User
from ablework.core.errors import DomainError, NotFound
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.matching.models import JobPosting
from ablework.matching.seeker_forms import JobSearchForm
from ablework.matching.selectors.seeker import (
    BROWSE,
    browsable_postings,
    ended_note,
    is_seeker,
    persons_who_saved,
    plain_posting,
    posting_for_seeker,
    saved_posting_ids,
    saved_postings_of,
    search_browsable,
    seeker_county_menu,
    seeker_persons,
)
from ablework.matching.selectors.seeker_referrals import ask_problems, under_way_for
from ablework.matching.services.saved import save_posting, unsave_posting
from ablework.registry.access import access_person
from ablework.registry.models import Person
from ablework.registry.services import record_person_view
from ablework.registry.viewing import shows_persons

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _person_ids(user: User) -> list[int]:
    return list(seeker_persons(user).values_list("pk", flat=True)[:50])


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """找工作: the open postings of the seeker's city, searched and filtered, newest first."""
    user = _user(request)
    today = timezone.localdate()
    postings = browsable_postings(user, on=today)  # NotFound without the permission
    searched = any(key != "after" for key in request.GET)
    form = JobSearchForm(request.GET if searched else None, counties=seeker_county_menu(user))
    if searched:
        form.is_valid()
    found = search_browsable(postings, form.filters())
    page = keyset_page(
        found, after=parse_cursor(request.GET.get("after")), size=PAGE_SIZE, newest_first=True
    )
    params = request.GET.copy()
    params.pop("after", None)
    seeker = is_seeker(user)
    persons = _person_ids(user) if seeker else []
    return render(
        request,
        "matching/jobs/list.html",
        {
            "form": form,
            "page": page,
            "total": found.count(),
            "query": params.urlencode(),
            "saved": saved_posting_ids(persons, [p.pk for p in page.items]),
            "is_seeker": seeker,
            "no_consent": seeker and not persons,
        },
    )


def _save_choices(user: User, posting: JobPosting) -> tuple[list[Person], set[int]]:
    """The persons a seeker may save for (named only when there are several: each is then
    logged as viewed) and which of them saved the posting."""
    persons = list(seeker_persons(user)[:50])
    if len(persons) > 1:
        for person in persons:
            record_person_view(actor=user, person=person)
    return persons, persons_who_saved(posting.pk, [p.pk for p in persons])


def _ask_choices(
    persons: list[Person], posting: JobPosting, *, ended: bool, on: date
) -> dict[str, object]:
    """申请推荐 on a job's page: the referral under way for each of the seeker's persons (said
    with its day instead of the button), the persons who may still ask, and what the engine's
    check of each such pair finds against a referral."""
    asked = under_way_for(posting, [p.pk for p in persons])
    may_ask = [] if ended else [p for p in persons if p.pk not in asked]
    return {
        "asked": [(person, asked[person.pk]) for person in persons if person.pk in asked],
        "ask_persons": may_ask,
        "ask_problems": [
            (person, problems)
            for person in may_ask
            if (problems := ask_problems(person, posting, on=on))
        ],
    }


@login_required
@require_GET
def job_detail(request: HttpRequest, posting_id: int) -> HttpResponse:
    """One posting in plain words: the work, where, pay, time, what it demands, the workplace's
    accessibility and accommodations, and how to apply."""
    user = _user(request)
    today = timezone.localdate()
    posting = posting_for_seeker(user, posting_id, on=today)
    persons: list[Person] = []
    saved_for: set[int] = set()
    asking: dict[str, object] = {}
    ended = ended_note(posting, today)
    if is_seeker(user):
        persons, saved_for = _save_choices(user, posting)
        asking = _ask_choices(persons, posting, ended=bool(ended), on=today)
    return render(
        request,
        "matching/jobs/detail.html",
        {
            "posting": posting,
            "plain": plain_posting(posting),
            "ended": ended,
            "is_seeker": is_seeker(user),
            **asking,
            "persons": persons if len(persons) > 1 else [],
            "saved_for": saved_for,
            "is_saved": bool(saved_for),
            "back": request.GET.get("from") == "saved",
        },
    )


def _chosen_person(request: HttpRequest) -> int | None:
    raw = request.POST.get("person", "")
    return int(raw) if raw.isdigit() else None


def _back_to(request: HttpRequest, posting_id: int) -> HttpResponseRedirect:
    if request.POST.get("back") == "saved":
        return HttpResponseRedirect(reverse("matching:jobs_saved"))
    return HttpResponseRedirect(reverse("matching:job_detail", args=[posting_id]))


@login_required
@require_POST
def job_save(request: HttpRequest, posting_id: int) -> HttpResponse:
    """收藏: idempotent; back to the posting with what happened."""
    user = _user(request)
    try:
        outcome = save_posting(actor=user, posting_id=posting_id, person_id=_chosen_person(request))
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if outcome.changed:
            messages.success(request, _("已收藏这个岗位。在“我收藏的岗位”里可以找到它。"))
        else:
            messages.info(request, _("这个岗位已经在收藏里了。"))
    return _back_to(request, posting_id)


@login_required
@require_POST
def job_unsave(request: HttpRequest, posting_id: int) -> HttpResponse:
    """取消收藏: idempotent; back to the posting (or the saved list) with what happened."""
    user = _user(request)
    outcome = unsave_posting(actor=user, posting_id=posting_id, person_id=_chosen_person(request))
    if outcome.changed:
        messages.success(request, _("已取消收藏这个岗位。"))
    else:
        messages.info(request, _("这个岗位不在收藏里。"))
    return _back_to(request, posting_id)


@login_required
@shows_persons
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    """我收藏的岗位: the person's saved postings, each closed or expired one said so; a family
    member chooses among the persons who consented."""
    user = _user(request)
    if not is_seeker(user) or not user.has_named_permission(BROWSE):
        raise NotFound(_("没有找到该页面或记录。"))
    persons = list(seeker_persons(user)[:50])
    raw = request.GET.get("person", "")
    chosen = int(raw) if raw.isdigit() else (persons[0].pk if persons else None)
    if chosen is not None and chosen not in {p.pk for p in persons}:
        raise NotFound(_("没有找到该残疾人记录。"))
    person = access_person(user, chosen, permission=BROWSE) if chosen is not None else None
    rows = saved_postings_of(person, on=timezone.localdate()) if person else []
    return render(
        request,
        "matching/jobs/saved.html",
        {
            "persons": persons if len(persons) > 1 else [],
            "person": person,
            "rows": rows,
            "is_family": user.role != "person",
        },
    )
