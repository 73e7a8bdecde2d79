"""JSON API for persons: the same selectors and access helpers as the pages.

Resident IDs and certificate numbers are searched with `POST /search` only, so that they never
appear in URLs, browser history or server logs; a GET carrying one is refused.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.envelope import error_responses
from ablework.core.errors import Invalid
from ablework.core.masking import mask_birth_date
from ablework.core.pagination import keyset_page
from ablework.core.region_names import region_name
from ablework.core.text_input import readable_text
from ablework.registry.access import access_person, jurisdiction_of, persons_visible_to
from ablework.registry.errors import RegistryErrorCode
from ablework.registry.models import Person
from ablework.registry.selectors import PersonFilters, is_identifier_query, search_persons
from ablework.registry.selectors.record import get_person_record
from ablework.registry.services import export_persons_csv
from ablework.registry.viewing import shows_persons

router = Router(tags=["persons"])


class PersonOut(Schema):
    id: int
    name: str
    sex: str
    birth_year: int  # the year only: the birth date with the region would narrow the ID
    resident_id_masked: str
    certificate_masked: str
    disability_category: int
    disability_grade: int
    county_code: str
    county_name: str = Field(description="所属县级区划的名称，供显示；代码见 county_code")
    township_code: str
    township_name: str = Field(description="乡镇（街道）的名称；未填写时为空")
    employment_status: str
    certificate_status: str
    last_verified_on: date | None

    @staticmethod
    def resolve_county_name(person: Person) -> str:
        return region_name(person.county_code)

    @staticmethod
    def resolve_township_name(person: Person) -> str:
        return region_name(person.township_code)

    @staticmethod
    def resolve_birth_year(person: Person) -> int:
        return int(mask_birth_date(person.birth_date))


class PersonPage(Schema):
    items: list[PersonOut]
    next_after: int | None


class PersonQuery(Schema):
    """Filters; `q` is a name prefix (identifiers only through `POST /search`)."""

    q: str = ""
    category: int | None = None
    grade: int | None = None
    status: str = ""
    township: str = ""
    age: str = ""
    flag: str = ""
    certificate: str = ""
    area: str = ""
    working_age: bool | None = None
    after: int | None = None


class PeriodOut(Schema):
    status: str
    kind: str
    employer_name: str
    started_on: date
    ended_on: date | None
    source: str


class FlagOut(Schema):
    id: int
    kind: str
    started_on: date
    ended_on: date | None
    source: str


class TrainingOut(Schema):
    subject: str
    provider: str
    completed_on: date | None
    certificate: str


class VerificationOut(Schema):
    verified_on: date
    method: str
    note: str


class HistoryOut(Schema):
    person: PersonOut
    merged_into: int | None
    working_age: bool
    retirement_month: str | None
    employment_periods: list[PeriodOut]
    flags: list[FlagOut]
    training_records: list[TrainingOut]
    verifications: list[VerificationOut]


_TEXT_FILTERS = ("status", "township", "age", "flag", "certificate", "area")


def _filters(params: PersonQuery, user: User) -> PersonFilters:
    for name in _TEXT_FILTERS:  # PostgreSQL refuses a NUL: a 400 that names the filter, not a 500
        readable_text(getattr(params, name), field=name, label=_("筛选条件"))
    return PersonFilters(
        query=params.q[:40],
        disability_category=params.category,
        disability_grade=params.grade,
        employment_status=params.status,
        township_code=params.township[:9],
        age_band=params.age,
        open_flag=params.flag,
        certificate_status=params.certificate,
        urban_rural=params.area,
        working_age=params.working_age,
        jurisdiction=jurisdiction_of(user),
    )


def _refuse_identifier_in_url(params: PersonQuery) -> None:
    if is_identifier_query(params.q):
        raise Invalid(
            _("号码不能放在网址中，请用 POST /api/v1/persons/search 查询。"),
            field="q",
            code=RegistryErrorCode.IDENTIFIER_IN_URL,
        )


def _page(request: HttpRequest, params: PersonQuery) -> dict[str, object]:
    user: User = request.user  # type: ignore[assignment]
    persons = search_persons(persons=persons_visible_to(user), filters=_filters(params, user))
    page = keyset_page(persons, after=params.after)
    return {"items": page.items, "next_after": page.next_after}


@router.get("/", response={200: PersonPage, **error_responses(400, 401, 404, 422)})
def list_persons(request: HttpRequest, params: Query[PersonQuery]) -> dict[str, object]:
    """Persons in the caller's scope, filtered, 50 per page (keyset cursor `after`)."""
    _refuse_identifier_in_url(params)
    return _page(request, params)


@router.post("/search", response={200: PersonPage, **error_responses(401, 403, 404, 422)})
def search(request: HttpRequest, params: PersonQuery) -> dict[str, object]:
    """The same as the list, with a resident ID or certificate number allowed in `q` (exact)."""
    return _page(request, params)


# POST (with the CSRF token): a link on another site cannot start an export.
@router.post("/export.csv", response={200: None, **error_responses(400, 401, 403, 404, 422)})
def export_persons(request: HttpRequest, params: Query[PersonQuery]) -> StreamingHttpResponse:
    """The selection as CSV, masked unless the caller may reveal; logged. Filters in the query."""
    _refuse_identifier_in_url(params)
    user: User = request.user  # type: ignore[assignment]
    persons = search_persons(
        persons=persons_visible_to(user, permission=Permission.PERSONS_EXPORT),
        filters=_filters(params, user),
    )
    lines = export_persons_csv(actor=user, persons=persons.defer(None), filters=params.dict())
    return StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")


@router.get("/{person_id}", response={200: PersonOut, **error_responses(401, 404, 422)})
@shows_persons
def get_person(request: HttpRequest, person_id: int) -> Person:
    """One person (masked identifiers); 404 when absent or outside the caller's scope."""
    user: User = request.user  # type: ignore[assignment]
    return access_person(user, person_id)


@router.get("/{person_id}/history", response={200: HistoryOut, **error_responses(401, 404, 422)})
@shows_persons
def get_history(request: HttpRequest, person_id: int) -> dict[str, object]:
    """A person's dated history: employment periods, flags, training and checks (logged)."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id)
    record = get_person_record(person=person, today=timezone.localdate())
    return {
        "person": person,
        "merged_into": person.merged_into_id,
        "working_age": record.working_age,
        "retirement_month": record.retirement.month if record.retirement else None,
        "employment_periods": record.employment_periods,
        "flags": record.flags,
        "training_records": record.training_records,
        "verifications": record.verifications,
    }
