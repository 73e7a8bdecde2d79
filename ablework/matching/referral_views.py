"""The referral pages (岗位推荐) of staff and employers: the list (the viewer's referrals by the
one scope, by state) and a counsellor's new referral (`?person=&posting=[&source=]`), made with
the person's recorded consent once the engine's check of the pair passes — else the page says
which hard constraints the pair breaks. The referral's own page and its steps are in
`referral_step_views.py`. Persons and family members follow theirs under 我的推荐."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.errors import DomainError, NotFound
from ablework.core.pagination import keyset_page_by, parse_cursor
from ablework.core.region_names import region_name
from ablework.matching.models import JobPosting, Referral, ReferralState
from ablework.matching.referral_forms import SOURCES, ReferForm
from ablework.matching.selectors.referral_pages import (
    is_employer,
    listed_referrals,
    require_staff_or_employer,
)
from ablework.matching.selectors.referrals import (
    REFER,
    ReferralFilters,
    check_pair,
    counts_by_state,
    filtered,
)
from ablework.matching.services.referrals import ConsentInput, reachable_posting, refer_person
from ablework.registry.access import access_person
from ablework.registry.models import Person
from ablework.registry.viewing import shows_persons

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _number(raw: str | None) -> int | None:
    raw = (raw or "").strip()[:12]
    return int(raw) if raw.isdigit() else None


def detail_url(referral: Referral) -> str:
    return reverse("matching:referral_detail", args=[referral.pk])


@login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """岗位推荐: the referrals the viewer may see, the latest step first, by state."""
    user = _user(request)
    require_staff_or_employer(user)
    state = request.GET.get("state", "")[:12]
    if state not in ReferralState.values:
        state = ""
    posting_id = _number(request.GET.get("posting"))
    rows = listed_referrals(user)
    if posting_id is not None:
        rows = rows.filter(posting_id=posting_id)
    counts = counts_by_state(rows)
    employer = is_employer(user)
    if employer:
        counts.pop(ReferralState.REQUESTED, None)
    page = keyset_page_by(
        filtered(rows, ReferralFilters(state=state)),
        field="state_on",
        after=parse_cursor(request.GET.get("after")),
        size=PAGE_SIZE,
        descending=True,
    )
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "matching/referrals/list.html",
        {
            "page": page,
            "state": state,
            "states": [(value, ReferralState(value).label, n) for value, n in counts.items()],
            "requested": counts.get(ReferralState.REQUESTED, 0),
            "posting": JobPosting.objects.filter(pk=posting_id).first() if posting_id else None,
            "posting_id": posting_id,
            "employer": employer,
            "query": params.urlencode(),
            "here": "referrals",
        },
    )


def _posting_for(posting_id: int | None, person: Person) -> JobPosting | None:
    if posting_id is None:
        return None
    try:
        return reachable_posting(posting_id, person)
    except NotFound:
        return None


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def referral_new(request: HttpRequest) -> HttpResponse:
    """推荐残疾人到岗位: the engine's check of the pair, then the person's consent. The person is
    reached through `access_person` (their place), so the response logs a view of them."""
    user = _user(request)
    require_permission(user, REFER)
    given = request.POST if request.method == "POST" else request.GET
    person_id = _number(given.get("person"))
    if person_id is None:
        raise NotFound(_("没有找到该残疾人记录。"))
    person = access_person(user, person_id, permission=REFER)
    posting_id = _number(given.get("posting"))
    posting = _posting_for(posting_id, person)
    source = SOURCES.get(given.get("source", ""), "search")
    today = timezone.localdate()
    form = ReferForm(
        request.POST or None,
        initial={
            "person": person.pk,
            "posting": posting.pk if posting else None,
            "source": given.get("source", "")[:12],
            "consent_on": today,
        },
    )
    existing = (
        Referral.objects.filter(
            person=person,
            posting=posting,
            state__in=(ReferralState.REQUESTED, ReferralState.REFERRED, ReferralState.INTERVIEW),
        ).first()
        if posting is not None
        else None
    )
    check = check_pair(person, posting, on=today) if posting is not None else None
    if request.method == "POST" and form.is_valid():
        if posting is None:
            form.add_error(None, _("请先选择要推荐的岗位。"))
        else:
            data = form.cleaned_data
            try:
                referral = refer_person(
                    actor=user,
                    person_id=person.pk,
                    posting_id=posting.pk,
                    source=source,
                    consent=ConsentInput(how=data["consent_how"], on=data["consent_on"]),
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("已推荐%(name)s到%(employer)s“%(title)s”。")
                    % {
                        "name": person.name,
                        "employer": posting.employer.name,
                        "title": posting.title,
                    },
                )
                return HttpResponseRedirect(detail_url(referral))
    return render(
        request,
        "matching/referrals/new.html",
        {
            "form": form,
            "person": person,
            "county_name": region_name(person.county_code),
            "posting": posting,
            "posting_asked": posting_id is not None,
            "check": check,
            "existing": existing,
            "here": "referrals",
        },
    )
