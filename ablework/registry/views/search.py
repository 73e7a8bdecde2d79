"""The list and search page, and the export of the current selection."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.form_values import int_or_none
from ablework.core.masking import mask_resident_id
from ablework.core.models import Region
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.selectors import regions_inside, townships_inside
from ablework.exchange.views.exports import export_response
from ablework.registry.access import jurisdiction_of, persons_visible_to
from ablework.registry.models import (
    CertificateStatus,
    DisabilityCategory,
    DisabilityGrade,
    EmploymentStatus,
    FlagKind,
    UrbanRural,
)
from ablework.registry.selectors import (
    AGE_BANDS,
    PersonFilters,
    is_identifier_query,
    search_persons,
)
from ablework.registry.services import export_persons_csv

# Filters that may appear in links (paging, export): never the search text when it is a number.
LINK_KEYS = (
    "region",
    "township",
    "category",
    "grade",
    "status",
    "age",
    "flag",
    "certificate",
    "area",
    "working_age",
)


def search_params(request: HttpRequest) -> QueryDict:
    """Search parameters. An identifier search is posted, so the number stays out of URLs,
    browser history and server logs."""
    return request.POST if request.method == "POST" else request.GET


def parse_filters(
    params: QueryDict, user: User, counties: Iterable[Region], *, posted: bool
) -> PersonFilters:
    """Filters from the page's parameters; a region outside the user's area is ignored, and so
    is an identifier that came in a URL rather than from the posted search form."""
    region_code = params.get("region", "")
    region = next((c for c in counties if c.code == region_code), None) if region_code else None
    working_age = {"yes": True, "no": False}.get(params.get("working_age", ""))
    query = params.get("q", "")[:40]
    if not posted and is_identifier_query(query):
        query = ""
    return PersonFilters(
        query=query,
        region_prefix=region.scope_prefix if isinstance(region, Region) else "",
        township_code=params.get("township", "")[:9],
        disability_category=int_or_none(params.get("category")),
        disability_grade=int_or_none(params.get("grade")),
        employment_status=params.get("status", "")[:16],
        age_band=params.get("age", "")[:8],
        open_flag=params.get("flag", "")[:32],
        certificate_status=params.get("certificate", "")[:16],
        urban_rural=params.get("area", "")[:8],
        working_age=working_age,
        jurisdiction=jurisdiction_of(user),
    )


def link_query(params: QueryDict, filters: PersonFilters) -> str:
    """The filters as a query string for paging and export links, never holding an identifier."""
    query = QueryDict(mutable=True)
    for key in LINK_KEYS:
        value = params.get(key, "")
        if value:
            query[key] = str(value)
    if filters.query and not is_identifier_query(filters.query):
        query["q"] = filters.query
    return query.urlencode()


def township_menu(user: User, counties: list[Region], chosen: str) -> list[Region]:
    """Townships to choose from: those of the chosen county, or of the user's only county
    (only their own, for a township's staff)."""
    codes = [county.code for county in counties if not chosen or county.code == chosen]
    return list(townships_inside(user, codes)) if len(codes) == 1 else []


@login_required
@require_http_methods(["GET", "POST"])
def person_list(request: HttpRequest) -> HttpResponse:
    """Find persons by name, resident ID or certificate number, or by filters."""
    user: User = request.user  # type: ignore[assignment]
    params = search_params(request)
    county_list = list(regions_inside(user).only("code", "name", "level"))
    filters = parse_filters(params, user, county_list, posted=request.method == "POST")
    persons = search_persons(persons=persons_visible_to(user), filters=filters)
    page = keyset_page(persons, after=parse_cursor(request.GET.get("after")))
    townships = township_menu(user, county_list, params.get("region", ""))
    return render(
        request,
        "registry/person_list.html",
        {
            "page": page,
            "filters": filters,
            "params": params,
            "regions": county_list,
            "townships": townships,
            "categories": DisabilityCategory.choices,
            "grades": DisabilityGrade.choices,
            "statuses": EmploymentStatus.choices,
            "age_bands": [(key, label) for key, label, _young, _old in AGE_BANDS],
            "flags": FlagKind.choices,
            "certificate_statuses": CertificateStatus.choices,
            "areas": UrbanRural.choices,
            "query": link_query(params, filters),
            "can_export": user.has_named_permission(Permission.PERSONS_EXPORT),
            "can_edit": user.has_named_permission(Permission.PERSONS_EDIT),
        },
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export of full IDs
def person_export(request: HttpRequest) -> StreamingHttpResponse | FileResponse:
    """Download the current selection as .xlsx (`format=xlsx`, the import template's columns)
    or CSV; masked unless the user may reveal; logged."""
    user: User = request.user  # type: ignore[assignment]
    params = search_params(request)
    counties = regions_inside(user).only("code", "level")
    filters = parse_filters(params, user, counties, posted=True)
    persons = search_persons(
        persons=persons_visible_to(user, permission=Permission.PERSONS_EXPORT), filters=filters
    )
    logged_filters = {k: v for k, v in params.items() if k in LINK_KEYS}
    if filters.query:
        logged_filters["q"] = (
            mask_resident_id(filters.query) if is_identifier_query(filters.query) else filters.query
        )
    if params.get("format") == "xlsx":  # the import template's columns (exchange app)
        return export_response(actor=user, persons=persons, filters=logged_filters)
    lines = export_persons_csv(actor=user, persons=persons.defer(None), filters=logged_filters)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="persons.csv"'
    return response
