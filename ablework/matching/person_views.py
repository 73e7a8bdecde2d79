"""Matching both ways, for staff: "jobs for this person" (their suggestions with the engine's
explanations, and "why is this job not suggested?" for a posting they pick) and "candidates for
this job" (the persons of the viewer's area ranked for one posting). The person is reached
through employment services' scope (`person_for_support`) and the view is logged
(`shows_persons`); the candidates page logs one record naming every person it lists."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.region_names import region_name
from ablework.matching.access import access_posting, postings_visible_to
from ablework.matching.models import JobPosting
from ablework.matching.selectors.candidates import candidates_for, seekers_visible_to
from ablework.matching.selectors.market import open_postings_for, provinces_of
from ablework.matching.selectors.person_market import WhyNot, person_jobs, why_not
from ablework.matching.selectors.prepared import prepared_postings
from ablework.matching.services.viewing import record_candidates_view
from ablework.registry.viewing import shows_persons
from ablework.support.access import VIEW, person_for_support

MATCH = Permission.MATCHING_MATCH
PICK_SHOWN = 20
CANDIDATES_SHOWN = 30
# The referral form (another part of issue 13); its link is shown once the page exists.
REFERRAL_URL_NAME = "matching:referral_new"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _day(request: HttpRequest) -> tuple[date, str]:
    """The day to match on (`?on=YYYY-MM-DD`, today in China by default) and an error."""
    given = request.GET.get("on", "").strip()[:10]
    today = timezone.localdate()
    if not given:
        return today, ""
    try:
        return date.fromisoformat(given), ""
    except ValueError:
        message = _("匹配日期“%(given)s”不是有效的日期，请按 2026-06-01 的格式填写；已按今天匹配。")
        return today, message % {"given": given}


def referral_url(person_id: int, posting_id: int, source: str = "person_jobs") -> str | None:
    """The referral form for the pair (`source`: the page the link is on), or None while that
    page does not exist."""
    try:
        base = reverse(REFERRAL_URL_NAME)
    except NoReverseMatch:
        return None
    return f"{base}?person={person_id}&posting={posting_id}&source={source}"


def _choosable(user: User, county_code: str, on: date) -> QuerySet[JobPosting]:
    """The postings "why not" may be asked about: the open postings the person can be matched
    to (their province), and any posting the viewer may see."""
    reachable = open_postings_for(provinces_of(county_code), on)
    visible = postings_visible_to(user)
    return JobPosting.objects.filter(
        Q(pk__in=reachable.values("pk")) | Q(pk__in=visible.values("pk"))
    ).select_related("employer")


def _picked(user: User, county_code: str, on: date, request: HttpRequest) -> JobPosting | None:
    given = request.GET.get("posting", "").strip()[:12]
    if not given.isdigit():
        return None
    return _choosable(user, county_code, on).filter(pk=int(given)).first()


def _pick_list(user: User, county_code: str, on: date, query: str) -> list[JobPosting]:
    """Search results by title or employer, else the open postings of the person's county."""
    postings = _choosable(user, county_code, on)
    if query:
        postings = postings.filter(Q(title__icontains=query) | Q(employer__name__icontains=query))
    else:
        postings = postings.filter(
            pk__in=open_postings_for(county_code, on).filter(county_code=county_code).values("pk")
        )
    return list(postings.order_by("title", "pk")[:PICK_SHOWN])


@login_required
@require_GET
@shows_persons
def person_jobs_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """为此人推荐岗位: the person's best postings with explanations, and "why not" for one."""
    user = _user(request)
    require_permission(user, MATCH)
    person = person_for_support(user, person_id, permission=VIEW)
    on, day_error = _day(request)
    jobs = person_jobs(person, on, prepared=prepared_postings(person.county_code, on))
    postings = {
        posting.pk: posting
        for posting in JobPosting.objects.filter(
            pk__in=[s.posting_id for s in jobs.suggestions]
        ).select_related("employer")
    }
    visible = set(
        postings_visible_to(user).filter(pk__in=list(postings)).values_list("pk", flat=True)
    )
    query = request.GET.get("q", "").strip()[:50]
    picked = _picked(user, person.county_code, on, request)
    asked: WhyNot | None = None
    if picked is not None and jobs.seeker is not None:
        asked = why_not(jobs, picked)
    return render(
        request,
        "matching/persons/jobs.html",
        {
            "person": person,
            "county_name": region_name(person.county_code),
            "on": on,
            "day_error": day_error,
            "jobs": jobs,
            "lines": [
                (
                    s,
                    postings[s.posting_id],
                    s.posting_id in visible,
                    referral_url(person.pk, s.posting_id),
                )
                for s in jobs.suggestions
            ],
            "left_out": jobs.prepared.left_out(),
            "query": query,
            "pick": _pick_list(user, person.county_code, on, query) if jobs.seeker else [],
            "posting_asked": request.GET.get("posting", ""),
            "picked": picked,
            "asked": asked,
            "asked_referral": referral_url(person.pk, picked.pk)
            if picked is not None and asked is not None and asked.rank is not None
            else None,
        },
    )


@login_required
@require_GET
def posting_candidates(request: HttpRequest, posting_id: int) -> HttpResponse:
    """岗位候选人: the job seekers of the viewer's area ranked for this posting."""
    user = _user(request)
    require_permission(user, MATCH)
    posting = access_posting(user, posting_id)
    on, day_error = _day(request)
    found = candidates_for(
        posting,
        seekers_visible_to(user),
        on,
        prepared_postings(posting.county_code, on),
        shown=CANDIDATES_SHOWN,
    )
    shown = found.candidates
    record_candidates_view(actor=user, posting=posting, persons=[c.person for c in shown], on=on)
    return render(
        request,
        "matching/persons/candidates.html",
        {
            "posting": posting,
            "on": on,
            "day_error": day_error,
            "found": found,
            "lines": [(c, referral_url(c.person.pk, posting.pk, "candidates")) for c in shown],
            "shown": CANDIDATES_SHOWN,
        },
    )
