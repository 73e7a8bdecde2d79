"""JSON API for employers."""

from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from ablework.accounts.roles import Permission
from ablework.core.envelope import error_responses
from ablework.core.pagination import keyset_page
from ablework.core.region_names import region_name
from ablework.employers.access import access_employer, employers_visible_to
from ablework.employers.models import Employer
from ablework.employers.selectors import search_employers
from ablework.employers.services import export_employers_csv

router = Router(tags=["employers"])


class EmployerOut(Schema):
    id: int
    name: str
    uscc: str
    kind: str
    county_code: str
    county_name: str = Field(description="所属县级区划的名称，供显示；代码见 county_code")
    township_code: str = Field(description="乡镇（街道）区划代码；未填写时为空")
    township_name: str = Field(description="乡镇（街道）的名称，供显示；未填写时为空")
    staff_count: int
    industry: str = Field(
        description="国民经济行业分类（GB/T 4754-2017）门类字母 A–T；未填写时为空"
    )
    administrative_level: str = Field(
        description="机关、事业单位的行政级别：province、prefecture、county、township；其他为空"
    )
    authorised_posts: int | None = Field(description="机关、事业单位的编制数；未填写时为 null")
    school_type: str = Field(
        description="事业单位的学校类型：primary_secondary、kindergarten；否则为空"
    )
    parent_id: int | None = Field(description="分支机构的上级单位 id；不是分支机构时为 null")
    declares_separately: bool = Field(
        description="分支机构独立核算、自行申报时为 true；为 false 的分支机构由上级单位统一申报"
    )

    @staticmethod
    def resolve_county_name(employer: Employer) -> str:
        return region_name(employer.county_code)

    @staticmethod
    def resolve_township_name(employer: Employer) -> str:
        return region_name(employer.township_code)


class EmployerPage(Schema):
    items: list[EmployerOut]
    next_after: int | None


class EmployerQuery(Schema):
    q: str = ""
    kind: str = ""
    after: int | None = None


@router.get("/", response={200: EmployerPage, **error_responses(400, 401, 404, 422)})
def list_employers(request: HttpRequest, params: Query[EmployerQuery]) -> dict[str, object]:
    """Employers in the caller's scope."""
    employers = search_employers(
        employers=employers_visible_to(request.user),  # type: ignore[arg-type]
        query=params.q,
        kind=params.kind,
    )
    page = keyset_page(employers, after=params.after)
    return {"items": page.items, "next_after": page.next_after}


# POST (with the CSRF token): a link on another site cannot start an export.
@router.post("/export.csv", response={200: None, **error_responses(400, 401, 403, 404, 422)})
def export_employers(request: HttpRequest, params: Query[EmployerQuery]) -> StreamingHttpResponse:
    """The selection as CSV; logged. Filters in the query."""
    employers = search_employers(
        employers=employers_visible_to(request.user, permission=Permission.EMPLOYERS_EXPORT),  # type: ignore[arg-type]
        query=params.q,
        kind=params.kind,
    )
    lines = export_employers_csv(actor=request.user, employers=employers, filters=params.dict())  # type: ignore[arg-type]
    return StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")


@router.get("/{employer_id}", response={200: EmployerOut, **error_responses(401, 404, 422)})
def get_employer(request: HttpRequest, employer_id: int) -> Employer:
    """One employer; 404 when absent or outside the caller's scope."""
    return access_employer(request.user, employer_id)  # type: ignore[arg-type]
