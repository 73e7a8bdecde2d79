"""Pages of the registry: list and search, a person's record, reveal, export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.masking import mask_identifier
from ablework.core.models import Region
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import regions_inside
from ablework.registry.access import access_person, persons_visible_to
from ablework.registry.models import DisabilityCategory, DisabilityGrade, EmploymentStatus
from ablework.registry.selectors import PersonFilters, is_identifier_query, search_persons
from ablework.registry.services import export_persons_csv, record_person_view, reveal_person


def _int_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _params(request: HttpRequest) -> QueryDict:
    """Search parameters. An identifier search is posted, so the number stays out of URLs,
    browser history and server logs."""
    return request.POST if request.method == "POST" else request.GET


def _filters(params: QueryDict, user: User) -> PersonFilters:
    region_code = params.get("region", "")
    region = regions_inside(user).filter(code=region_code).first() if region_code else None
    return PersonFilters(
        query=params.get("q", "")[:40],
        region_prefix=region.scope_prefix if isinstance(region, Region) else "",
        disability_category=_int_or_none(params.get("category")),
        disability_grade=_int_or_none(params.get("grade")),
        employment_status=params.get("status", ""),
    )


def _link_query(params: QueryDict, filters: PersonFilters) -> str:
    """The filters as a query string for paging and export links, never holding an identifier."""
    query = QueryDict(mutable=True)
    for key in ("region", "category", "grade", "status"):
        value = params.get(key, "")
        if value:
            query[key] = str(value)
    if filters.query and not is_identifier_query(filters.query):
        query["q"] = filters.query
    return query.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def person_list(request: HttpRequest) -> HttpResponse:
    """Find persons by name, resident ID or certificate number, or by filters."""
    user: User = request.user  # type: ignore[assignment]
    params = _params(request)
    filters = _filters(params, user)
    persons = search_persons(persons=persons_visible_to(user), filters=filters)
    page = keyset_page(persons, after=parse_cursor(request.GET.get("after")))
    return render(
        request,
        "registry/person_list.html",
        {
            "page": page,
            "filters": filters,
            "selected_region": params.get("region", ""),
            "regions": regions_inside(user).only("code", "name"),
            "categories": DisabilityCategory.choices,
            "grades": DisabilityGrade.choices,
            "statuses": EmploymentStatus.choices,
            "query": _link_query(params, filters),
            "can_export": user.has_named_permission(Permission.PERSONS_EXPORT),
        },
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's record with masked identifiers; the view itself is logged."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id)
    record_person_view(actor=user, person=person)
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "revealed": None,
            "can_reveal": user.has_named_permission(Permission.PERSONS_REVEAL),
        },
    )


@login_required
@require_POST
def person_reveal(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the full identifiers, for users with the reveal permission; always logged."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_REVEAL)
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "revealed": reveal_person(actor=user, person=person),
            "can_reveal": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_export(request: HttpRequest) -> StreamingHttpResponse:
    """Download the current selection as CSV; masked unless the user may reveal; logged."""
    user: User = request.user  # type: ignore[assignment]
    params = _params(request)
    filters = _filters(params, user)
    persons = search_persons(
        persons=persons_visible_to(user, permission=Permission.PERSONS_EXPORT), filters=filters
    )
    logged_filters = {
        k: v for k, v in params.items() if k in ("region", "category", "grade", "status")
    }
    if filters.query:
        logged_filters["q"] = (
            mask_identifier(filters.query) if is_identifier_query(filters.query) else filters.query
        )
    lines = export_persons_csv(actor=user, persons=persons.defer(None), filters=logged_filters)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="persons.csv"'
    return response
