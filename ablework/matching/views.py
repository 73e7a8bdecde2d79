"""The pages of job postings: the list (filters by kind, status and county), one posting,
posting and changing one (an employer for itself, staff for the employers of their area),
closing one, and the fill rates for staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.downloads import file_download
from ablework.core.errors import Invalid
from ablework.core.form_pages import form_page
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.employers.access import employers_visible_to
from ablework.matching import exports
from ablework.matching.access import EDIT, REPORT, access_posting, postings_visible_to
from ablework.matching.audit_actions import POSTING_VERSION_ACTIONS
from ablework.matching.forms import WORKPLACE, CloseForm, PostingForm, initial_of
from ablework.matching.models import JobPosting, PostingKind, PostingStatus
from ablework.matching.selectors.postings import (
    PostingFilters,
    county_menu,
    fill_rates,
    fill_totals,
    posting_place_menus,
    search_postings,
)
from ablework.matching.selectors.wages import minimum_wage
from ablework.matching.services.postings import (
    ENDED,
    close_posting,
    create_posting,
    record_export,
    require_not_ended,
    update_posting,
)
from ablework.support.vocabulary import Accommodation, Demand

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _filters(request: HttpRequest) -> PostingFilters:
    given = request.POST if request.method == "POST" else request.GET
    employer = given.get("employer", "")[:12]
    return PostingFilters(
        kind=given.get("kind", "")[:20],
        status=given.get("status", "")[:12],
        county=given.get("county", "")[:6],
        employer=int(employer) if employer.isdigit() else None,
    )


@login_required
def posting_list(request: HttpRequest) -> HttpResponse:
    """招聘岗位: the postings the viewer may see, newest first."""
    user = _user(request)
    filters = _filters(request)
    postings = search_postings(postings=postings_visible_to(user), filters=filters)
    page = keyset_page(
        postings, after=parse_cursor(request.GET.get("after")), size=PAGE_SIZE, newest_first=True
    )
    params = request.GET.copy()
    params.pop("after", None)
    only_employer = None
    if filters.employer is not None:
        only_employer = employers_visible_to(user).filter(pk=filters.employer).first()
    return render(
        request,
        "matching/posting_list.html",
        {
            "page": page,
            "filters": filters,
            "only_employer": only_employer,
            "kinds": PostingKind.choices,
            "statuses": PostingStatus.choices,
            "counties": county_menu(user),
            "query": params.urlencode(),
            "export_fields": [(key, value) for key, value in params.items() if value],
            "can_post": user.has_named_permission(EDIT),
            "can_report": user.has_named_permission(REPORT),
        },
    )


def _offers_of(posting: JobPosting) -> tuple[list[str], list[str]]:
    offers = set(posting.offers or [])
    workplace = [str(item.label) for item in WORKPLACE if item.value in offers]
    provided = [
        str(item.label) for item in Accommodation if item.value in offers and item not in WORKPLACE
    ]
    return workplace, provided


@login_required
def posting_detail(request: HttpRequest, posting_id: int) -> HttpResponse:
    """One posting: the job, place, pay, time, what it offers and what its tasks demand."""
    user = _user(request)
    posting = access_posting(user, posting_id)
    demands = posting.demands or {}
    workplace, provided = _offers_of(posting)
    return render(
        request,
        "matching/posting_detail.html",
        {
            "posting": posting,
            "essential": [str(d.label) for d in Demand if demands.get(d.value) == "essential"],
            "adjustable": [str(d.label) for d in Demand if demands.get(d.value) == "adjustable"],
            "workplace": workplace,
            "provided": provided,
            "minimum": minimum_wage(posting.county_code, posting.valid_from),
            "can_edit": user.has_named_permission(EDIT) and posting.status not in ENDED,
            "can_match": user.has_named_permission(Permission.MATCHING_MATCH),
        },
    )


def _detail_url(posting: JobPosting) -> str:
    return reverse("matching:posting_detail", args=[posting.pk])


@login_required
@require_http_methods(["GET", "POST"])
def posting_new(request: HttpRequest) -> HttpResponse:
    """发布招聘岗位: an employer's account for itself, staff for an employer of their area
    (`?employer=ID` fills in its credit code)."""
    user = _user(request)
    require_permission(user, EDIT)
    initial: dict[str, object] = {}
    chosen = request.GET.get("employer", "")
    if chosen.isdigit():
        employer = employers_visible_to(user, permission=EDIT).filter(pk=int(chosen)).first()
        if employer is not None:
            initial = {
                "employer_uscc": employer.uscc,
                "county_code": employer.county_code,
                "township_code": employer.township_code,
                "address": employer.address,
            }
    elif user.employer_id is not None and user.employer is not None:
        initial = {"county_code": user.employer.county_code, "address": user.employer.address}
    form = PostingForm(
        request.POST or None, initial=initial, actor=user, **posting_place_menus(user)
    )

    def save(data: dict[str, object]) -> JobPosting:
        if form.employer is None:
            raise Invalid(_("请填写招聘单位的统一社会信用代码。"), field="employer_uscc")
        return create_posting(actor=user, employer_id=form.employer.pk, details=form.details())

    return form_page(
        request,
        form,
        template="matching/posting_form.html",
        save=save,
        done=lambda posting: _("已发布岗位“%(title)s”。") % {"title": posting.title},
        next_url=_detail_url,
        context={"posting": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def posting_edit(request: HttpRequest, posting_id: int) -> HttpResponse:
    """修改招聘岗位, on the version seen (409 with the others' changes when it moved on)."""
    user = _user(request)
    posting = access_posting(user, posting_id, permission=EDIT)
    require_not_ended(posting)  # 409: a closed or filled posting is not edited
    form = PostingForm(
        request.POST or None,
        initial=initial_of(posting),
        actor=user,
        posting=posting,
        **posting_place_menus(user),
    )
    return form_page(
        request,
        form,
        template="matching/posting_form.html",
        save=lambda data: update_posting(
            actor=user, posting=posting, details=form.details(), seen_version=data["version"]
        ),
        done=_("已保存修改。"),
        next_url=_detail_url(posting),
        context={"posting": posting},
        versioned=(posting, POSTING_VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def posting_close(request: HttpRequest, posting_id: int) -> HttpResponse:
    """结束招聘: ask, then close the posting (it stays, read-only)."""
    user = _user(request)
    posting = access_posting(user, posting_id, permission=EDIT)
    require_not_ended(posting)
    form = CloseForm(request.POST or None, initial={"version": posting.version})
    return form_page(
        request,
        form,
        template="matching/posting_close.html",
        save=lambda data: close_posting(
            actor=user, posting=posting, on=timezone.localdate(), seen_version=data["version"]
        ),
        done=_("已结束岗位“%(title)s”的招聘。") % {"title": posting.title},
        next_url=_detail_url(posting),
        context={"posting": posting},
        versioned=(posting, POSTING_VERSION_ACTIONS),
    )


def _year_of(raw: str) -> int | None:
    this_year = timezone.localdate().year
    if raw.isdigit() and 2016 <= int(raw) <= this_year + 1:
        return int(raw)
    return None


@login_required
def fill_rates_page(request: HttpRequest) -> HttpResponse:
    """岗位招聘完成情况: openings and hires by county and kind, for staff."""
    user = _user(request)
    require_permission(user, REPORT)
    year = _year_of(request.GET.get("year", ""))
    rates = fill_rates(postings_visible_to(user, permission=REPORT), year=year)
    this_year = timezone.localdate().year
    return render(
        request,
        "matching/fill_rates.html",
        {
            "rates": rates,
            "total": fill_totals(rates),
            "year": year,
            "years": list(range(this_year + 1, 2015, -1)),
        },
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def posting_export(request: HttpRequest) -> FileResponse:
    """The list's selection as .xlsx, logged."""
    user = _user(request)
    filters = _filters(request)
    postings = search_postings(
        postings=postings_visible_to(user, permission=REPORT), filters=filters
    ).order_by("pk")
    chosen = list(postings)
    record_export(
        actor=user,
        filters={key: value for key, value in vars(filters).items() if value},
        count=len(chosen),
    )
    return file_download(
        lambda handle: exports.write_xlsx(chosen, handle),
        filename=_("招聘岗位.xlsx"),
        content_type=XLSX_TYPE,
    )
