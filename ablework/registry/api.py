"""JSON API for persons: the same selectors and access helpers as the pages."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query, Router, Schema

from ablework.accounts.roles import Permission
from ablework.core.pagination import keyset_page
from ablework.registry.access import access_person, persons_visible_to
from ablework.registry.models import Person
from ablework.registry.selectors import PersonFilters, search_persons
from ablework.registry.services import export_persons_csv, record_person_view

router = Router(tags=["persons"])


class PersonOut(Schema):
    id: int
    name: str
    sex: str
    birth_date: date
    resident_id_masked: str
    certificate_masked: str
    disability_category: int
    disability_grade: int
    county_code: str
    employment_status: str


class PersonPage(Schema):
    items: list[PersonOut]
    next_after: int | None


class PersonQuery(Schema):
    q: str = ""
    category: int | None = None
    grade: int | None = None
    status: str = ""
    after: int | None = None


def _filters(params: PersonQuery) -> PersonFilters:
    return PersonFilters(
        query=params.q,
        disability_category=params.category,
        disability_grade=params.grade,
        employment_status=params.status,
    )


@router.get("/", response=PersonPage)
def list_persons(request: HttpRequest, params: Query[PersonQuery]) -> dict[str, object]:
    """Persons in the caller's scope, searched and filtered, 50 per page (keyset cursor)."""
    persons = search_persons(persons=persons_visible_to(request.user), filters=_filters(params))  # type: ignore[arg-type]
    page = keyset_page(persons, after=params.after)
    return {"items": page.items, "next_after": page.next_after}


@router.get("/export.csv")
def export_persons(request: HttpRequest, params: Query[PersonQuery]) -> StreamingHttpResponse:
    """The selection as CSV, masked unless the caller may reveal; logged."""
    user = request.user
    persons = search_persons(
        persons=persons_visible_to(user, permission=Permission.PERSONS_EXPORT),  # type: ignore[arg-type]
        filters=_filters(params),
    )
    lines = export_persons_csv(actor=user, persons=persons.defer(None), filters=params.dict())  # type: ignore[arg-type]
    return StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")


@router.get("/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Person:
    """One person (masked identifiers); 404 when absent or outside the caller's scope."""
    person = access_person(request.user, person_id)  # type: ignore[arg-type]
    record_person_view(actor=request.user, person=person)  # type: ignore[arg-type]
    return person
