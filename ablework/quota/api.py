"""JSON API for quota declarations (按比例就业年审), on the same services as `ablework quota`.

    POST /quota/declarations/check   the check: {"problems", "counted", "worksheet"}; stores nothing
    POST /quota/declarations         submit: 201 {"id", "status", "problems", "counted",
                                     "worksheet"}, or refused (422, the errors in `fields`;
                                     409 when the year is already filed), storing nothing
    GET  /quota/declarations/{id}    the stored declaration, certificate numbers masked

The body is the contract's declaration JSON (../shared/domain/quota-declaration-contract.md),
read by the same reader as the command's file: a declaration that cannot be read as a whole is
a 422 naming the path (the command's exit 2); a value of one line that cannot be read is a
`cell_unreadable` problem of that line. An employer user declares for its own employer only,
staff for the employers of their region (`quota.declare`); another employer's credit code or
declaration is answered exactly as an unknown one (404).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema

from ablework.accounts.models import User
from ablework.core.envelope import ApiErrorCode, error_responses
from ablework.core.errors import FieldProblem, Invalid
from ablework.quota.access import access_declaration
from ablework.quota.inputs import (
    DeclarationInput,
    UnreadableDeclaration,
    month_text,
    read_declaration,
)
from ablework.quota.models import Declaration, RosterLine
from ablework.quota.problems import ProblemKind
from ablework.quota.selectors import CheckResult
from ablework.quota.services import DeclarationRefused, check_for, submit_declaration

router = Router(tags=["quota"])

DECLARATION_BODY = Body(
    ...,
    description="按比例就业申报 JSON（见 quota-declaration-contract.md）：employer、levy_year、"
    "headcount（monthly 12个月人数或 annual_average）、wage_total（字符串）、"
    "roster（残疾职工名单）",
)


class ProblemOut(Schema):
    line: int | None = Field(description="roster 中的行号（从 0 起）；整份申报的问题为 null")
    months: list[str] = Field(description="涉及的月份 YYYY-MM")
    field: str
    code: str = Field(description="问题代码，如 certificate_not_found")
    kind: str = Field(description="not_counted、warning 或 error")
    message: str


class CountedOut(Schema):
    line: int
    month: str
    weight: int = Field(description="该月计入的人数（重度残疾按规定计入多人）")


class CheckOut(Schema):
    problems: list[ProblemOut]
    counted: list[CountedOut]
    worksheet: dict[str, Any] = Field(description="规则引擎计算的保障金结果及其计算过程")


class SubmittedOut(CheckOut):
    id: int
    status: str


class LineMonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    wage: Decimal
    social_insurance_paid: bool
    counted: bool
    weight: int
    problem_codes: list[str]


class RosterLineOut(Schema):
    line: int
    certificate_kind: str
    certificate_masked: str = Field(description="证件号码（已遮蔽）")
    name: str
    grade: int | None
    employment_form: str
    contract_start: str | None
    contract_end: str | None
    post: str
    dispatch_agency: str
    dispatch_assigns_to: str
    months: list[LineMonthOut]


class EmployerRef(Schema):
    id: int
    uscc: str
    name: str


class DeclarationOut(Schema):
    id: int
    employer: EmployerRef
    levy_year: int
    status: str
    headcount_monthly: list[int] | None
    headcount_annual_average: Decimal | None
    wage_total: Decimal
    submitted_at: datetime | None
    lines: list[RosterLineOut]
    worksheet: dict[str, Any] = Field(description="提交时规则引擎的计算结果及过程（可复现）")


def _declaration(payload: Any) -> DeclarationInput:
    try:
        return read_declaration(payload)
    except UnreadableDeclaration as error:
        raise UnreadableBody(error) from None


class UnreadableBody(Invalid):
    """The declaration cannot be read as a whole (the command's exit 2): 422, naming the path."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY

    def __init__(self, error: UnreadableDeclaration) -> None:
        super().__init__(
            f"{error.path}：{error.reason}", field=error.path, code=ApiErrorCode.INVALID_REQUEST
        )


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.post(
    "/declarations/check",
    response={200: CheckOut, **error_responses(400, 401, 403, 404, 422)},
)
def check(request: HttpRequest, payload: dict[str, Any] = DECLARATION_BODY) -> dict[str, Any]:
    """The check of `ablework quota check`: every line and month with the contract's codes, the
    counted months and the worksheet. Changes nothing (the registry read is audited)."""
    result = check_for(actor=_user(request), declaration=_declaration(payload))
    return result.to_json()


@router.post(
    "/declarations",
    response={201: SubmittedOut, **error_responses(400, 401, 403, 404, 409, 422)},
)
def submit(
    request: HttpRequest, payload: dict[str, Any] = DECLARATION_BODY
) -> tuple[int, dict[str, Any]]:
    """Store the declaration as submitted (201), or refuse it storing nothing: 422
    `declaration_has_errors` with each error in `fields`, 409 `already_submitted`."""
    try:
        stored, result = submit_declaration(actor=_user(request), declaration=_declaration(payload))
    except DeclarationRefused as refused:
        raise RefusedWithProblems(refused) from None
    return HTTPStatus.CREATED, {"id": stored.pk, "status": stored.status, **result.to_json()}


class RefusedWithProblems(Invalid):
    """A refused submission in the envelope: 422, one `fields` entry per error problem."""

    http_status = HTTPStatus.UNPROCESSABLE_ENTITY

    def __init__(self, refused: DeclarationRefused) -> None:
        super().__init__(refused.message, code=refused.code)
        self.result: CheckResult = refused.result

    def field_problems(self) -> list[FieldProblem]:
        return [
            FieldProblem(
                field=_problem_path(problem.line, problem.where),
                code=str(problem.code),
                message=problem.message(),
            )
            for problem in self.result.problems
            if problem.kind == ProblemKind.ERROR
        ]


def _problem_path(line: int | None, where: str) -> str:
    """`roster[3].certificate_number`; the whole line, `roster[3]`."""
    if line is None:
        return where or "(declaration)"
    return f"roster[{line}].{where}" if where else f"roster[{line}]"


@router.get(
    "/declarations/{declaration_id}",
    response={200: DeclarationOut, **error_responses(401, 404, 422)},
)
def get_declaration(request: HttpRequest, declaration_id: int) -> dict[str, Any]:
    """One stored declaration (its lines' certificate numbers masked, each month's result and
    the worksheet stored at submission); 404 when absent or not the caller's to see."""
    declaration = access_declaration(_user(request), declaration_id)
    return _stored(declaration)


def _stored(declaration: Declaration) -> dict[str, Any]:
    employer = declaration.employer
    return {
        "id": declaration.pk,
        "employer": {"id": employer.pk, "uscc": employer.uscc, "name": employer.name},
        "levy_year": declaration.levy_year,
        "status": declaration.status,
        "headcount_monthly": declaration.headcount_monthly,
        "headcount_annual_average": declaration.headcount_annual_average,
        "wage_total": declaration.wage_total,
        "submitted_at": declaration.submitted_at,
        "lines": [_line(declaration.levy_year, line) for line in declaration.lines.all()],
        "worksheet": declaration.rules_trace,
    }


def _line(year: int, line: RosterLine) -> dict[str, Any]:
    return {
        "line": line.line,
        "certificate_kind": line.certificate_kind,
        "certificate_masked": line.certificate_masked,
        "name": line.name,
        "grade": line.grade,
        "employment_form": line.employment_form,
        "contract_start": line.contract_start.isoformat() if line.contract_start else None,
        "contract_end": line.contract_end.isoformat() if line.contract_end else None,
        "post": line.post,
        "dispatch_agency": line.dispatch_agency,
        "dispatch_assigns_to": line.dispatch_assigns_to,
        "months": [
            {
                "month": month_text(year, month.month),
                "wage": month.wage,
                "social_insurance_paid": month.social_insurance_paid,
                "counted": month.counted,
                "weight": month.weight,
                "problem_codes": month.problem_codes,
            }
            for month in line.months.all()
        ],
    }
