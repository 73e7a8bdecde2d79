"""Registering and changing employers (audited, inside the actor's area), and logged exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import access_one, require_permission, require_region_inside, visible
from ablework.accounts.services import temporary_password
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.masking import mask_phone
from ablework.core.models import AuditKind, Region
from ablework.core.region_names import region_name
from ablework.core.rule_messages import rule_messages
from ablework.core.spreadsheets import csv_lines
from ablework.core.versioning import advance_version
from ablework.employers.access import employers_visible_to
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.errors import EmployersErrorCode
from ablework.employers.models import (
    PUBLIC_KINDS,
    AccountRequestStatus,
    Employer,
    EmployerAccountRequest,
    EmployerKind,
)
from ablework.employers.selectors import LIST_FIELDS
from ablework.rules.jurisdictions.cn.identifiers import check_unified_social_credit_code

AUDITED_FIELDS = (
    "name",
    "uscc",
    "kind",
    "county_code",
    "township_code",
    "staff_count",
    "address",
    "contact_name",
    "contact_phone",
    "industry",
    "administrative_level",
    "authorised_posts",
    "school_type",
    "parent_id",
)
AUDIT_MASKS = {"contact_phone": mask_phone}


@dataclass(frozen=True, kw_only=True)
class EmployerDetails:
    """What staff record of an employer: the whole record, as the form shows it."""

    name: str
    uscc: str
    kind: str
    county_code: str
    township_code: str = ""
    staff_count: int = 0
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    industry: str = ""
    administrative_level: str = ""
    authorised_posts: int | None = None
    school_type: str = ""
    # The credit code of the employer this one is a branch of (blank: none).
    parent_uscc: str = ""


def check_credit_code(code: str) -> str:
    """The code, normalised, when it passes GB 32100 (the rules' check); Invalid otherwise."""
    result = check_unified_social_credit_code(code)
    if not result.valid:
        raise Invalid(
            rule_messages(result.errors), field="uscc", code=EmployersErrorCode.CREDIT_CODE_INVALID
        )
    return result.code


def check_public_fields(details: EmployerDetails) -> None:
    """Administrative level and authorised posts belong to 机关 and 事业单位 only, the school
    type to 事业单位 only (rules.md R6.1); Invalid on the first field that does not fit."""
    public = details.kind in PUBLIC_KINDS
    if not public and details.administrative_level:
        raise Invalid(
            _("只有机关和事业单位填写行政级别；企业、社会团体和民办非企业单位请留空。"),
            field="administrative_level",
            code=EmployersErrorCode.NOT_FOR_THIS_KIND,
        )
    if not public and details.authorised_posts is not None:
        raise Invalid(
            _("只有机关和事业单位填写编制数；企业、社会团体和民办非企业单位请留空。"),
            field="authorised_posts",
            code=EmployersErrorCode.NOT_FOR_THIS_KIND,
        )
    if details.school_type and details.kind != EmployerKind.INSTITUTION:
        raise Invalid(
            _("只有事业单位填写学校类型（中小学、幼儿园）；其他单位请留空。"),
            field="school_type",
            code=EmployersErrorCode.NOT_FOR_THIS_KIND,
        )


def _parent(actor: User, employer: Employer, parent_uscc: str) -> Employer | None:
    """The employer this one is a branch of: one the actor may see, neither this employer nor
    one of its own branches (a branch chain never loops)."""
    if not parent_uscc.strip():
        return None
    code = parent_uscc.strip().upper()
    parent = employers_visible_to(actor).filter(uscc=code).first()
    if parent is None:
        raise Invalid(
            _("没有找到统一社会信用代码为 %(code)s 的上级单位，或它不在您的管辖范围内。")
            % {"code": code},
            field="parent_uscc",
            code=EmployersErrorCode.PARENT_NOT_FOUND,
        )
    seen: set[int] = set()
    ancestor: Employer | None = parent
    while ancestor is not None and ancestor.pk not in seen:
        if employer.pk is not None and ancestor.pk == employer.pk:
            raise Invalid(
                _("上级单位不能是本单位，也不能是本单位的分支机构。"),
                field="parent_uscc",
                code=EmployersErrorCode.PARENT_CYCLE,
            )
        seen.add(ancestor.pk)
        next_id = ancestor.parent_id
        ancestor = Employer.objects.filter(pk=next_id).first() if next_id else None
    return parent


def create_employer(*, actor: User, details: EmployerDetails) -> Employer:
    """Register an employer in the actor's area (a township's staff: their own township)."""
    employer = Employer()
    _write(actor, employer, details, kind=AuditKind.CREATE, action=EmployersAction.EMPLOYER_CREATE)
    return employer


def update_employer(
    *,
    actor: User,
    employer: Employer,
    details: EmployerDetails,
    seen_version: int | None = None,
) -> Employer:
    """Change an employer's record (one the actor may see); its new place must lie inside the
    actor's area too. The audit trail keeps old → new, the phone masked. `seen_version` is the
    version the form was opened with: if the record moved on since, StaleRecord is raised and
    nothing is written (the loaded record's version by default)."""
    _write(
        actor,
        employer,
        details,
        kind=AuditKind.CHANGE,
        action=EmployersAction.EMPLOYER_UPDATE,
        seen_version=employer.version if seen_version is None else seen_version,
    )
    return employer


def _write(
    actor: User,
    employer: Employer,
    details: EmployerDetails,
    *,
    kind: AuditKind,
    action: EmployersAction,
    seen_version: int | None = None,
) -> None:
    require_permission(actor, Permission.EMPLOYERS_EDIT)
    require_region_inside(
        actor, county_code=details.county_code, township_code=details.township_code
    )
    uscc = check_credit_code(details.uscc)
    check_public_fields(details)
    parent = _parent(actor, employer, details.parent_uscc)
    before = snapshot(employer, AUDITED_FIELDS) if employer.pk else {}
    _apply(employer, details, uscc=uscc, parent=parent)
    taken = _("该统一社会信用代码已登记为另一家用人单位。")
    with transaction.atomic():
        if seen_version is not None:
            advance_version(employer, seen=seen_version)
        if Employer.objects.filter(uscc=uscc).exclude(pk=employer.pk).exists():
            raise Conflict(taken, field="uscc", code=EmployersErrorCode.ALREADY_REGISTERED)
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin fails on the index
                employer.save()
        except IntegrityError:
            raise Conflict(
                taken, field="uscc", code=EmployersErrorCode.ALREADY_REGISTERED
            ) from None
        record_audit(
            actor=actor,
            kind=kind,
            action=action,
            target=employer,
            changes=diff(before, snapshot(employer, AUDITED_FIELDS), sensitive=AUDIT_MASKS),
        )


def _apply(
    employer: Employer, details: EmployerDetails, *, uscc: str, parent: Employer | None
) -> None:
    """Put the checked record on the instance (not saved)."""
    employer.name = details.name.strip()
    employer.uscc = uscc
    employer.kind = details.kind
    employer.county_code = details.county_code
    employer.township_code = details.township_code
    employer.staff_count = details.staff_count
    employer.address = details.address.strip()
    employer.contact_name = details.contact_name.strip()
    employer.contact_phone = details.contact_phone.strip()
    employer.contact_phone_masked = mask_phone(employer.contact_phone)
    employer.industry = details.industry
    employer.administrative_level = details.administrative_level
    employer.authorised_posts = details.authorised_posts
    employer.school_type = details.school_type
    employer.parent = parent


def details_of(employer: Employer) -> EmployerDetails:
    """The stored record as the form and the import see it (the parent by its credit code)."""
    return EmployerDetails(
        name=employer.name,
        uscc=employer.uscc,
        kind=employer.kind,
        county_code=employer.county_code,
        township_code=employer.township_code,
        staff_count=employer.staff_count,
        address=employer.address,
        contact_name=employer.contact_name,
        contact_phone=employer.contact_phone or "",
        industry=employer.industry,
        administrative_level=employer.administrative_level,
        authorised_posts=employer.authorised_posts,
        school_type=employer.school_type,
        parent_uscc=employer.parent.uscc if employer.parent_id and employer.parent else "",
    )


@dataclass(frozen=True)
class ImportedEmployer:
    """A row of an employers file, checked by the import's planner: a new employer (`pk`
    None) or a change to the stored one at `version`; `row` is its row in the file."""

    details: EmployerDetails
    row: int
    pk: int | None = None
    version: int = 0


def write_imported_employers(
    *, actor: User | None, employers: list[ImportedEmployer], detail: dict[str, Any]
) -> None:
    """Add or change each planned employer in file order (a parent may come earlier in the
    same file), each version advanced and audited with `detail` and its row. Call inside the
    import's transaction; the planner has checked place, scope, codes and parents."""
    for item in employers:
        details = item.details
        parent = Employer.objects.get(uscc=details.parent_uscc) if details.parent_uscc else None
        if item.pk is None:
            employer, before = Employer(), {}
            kind, action = AuditKind.CREATE, EmployersAction.EMPLOYER_CREATE
        else:
            employer = Employer.objects.get(pk=item.pk)
            before = snapshot(employer, AUDITED_FIELDS)
            advance_version(employer, seen=item.version)
            kind, action = AuditKind.CHANGE, EmployersAction.EMPLOYER_UPDATE
        _apply(employer, details, uscc=details.uscc, parent=parent)
        employer.save()
        record_audit(
            actor=actor,
            kind=kind,
            action=action,
            target=employer,
            changes=diff(before, snapshot(employer, AUDITED_FIELDS), sensitive=AUDIT_MASKS),
            detail={**detail, "row": item.row},
        )


EXPORT_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "单位类型",
    "所属县级区划",
    "所属县级区划代码",
    "在职职工人数",
]


def export_employers_csv(
    *, actor: User, employers: QuerySet[Employer], filters: dict[str, Any]
) -> Iterator[str]:
    """CSV text of the selection; logged with its row count before streaming starts."""
    count = employers.count()
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=EmployersAction.EMPLOYER_EXPORT,
        target_type="employers.employer",
        target_label=f"{count} 条",
        region_code=actor.region.code if actor.region else "",
        detail={"rows": count, "filters": filters},
    )
    rows = (
        [
            e.name,
            e.uscc,
            e.get_kind_display(),
            region_name(e.county_code),
            e.county_code,
            str(e.staff_count),
        ]
        for e in employers.only(*LIST_FIELDS).order_by("pk").iterator(chunk_size=2000)
    )
    return csv_lines(EXPORT_HEADER, rows)


def invite_employer_user(
    *, actor: User, employer: Employer, username: str, display_name: str
) -> tuple[User, str]:
    """Open an account for one of the employer's HR staff (an employer may have several):
    bound to the employer, with a one-time temporary password (returned, shown once) that must
    be changed at the first sign-in. The employer must be one the actor may edit; audited."""
    require_permission(actor, Permission.EMPLOYERS_EDIT)
    if (
        not employers_visible_to(actor, permission=Permission.EMPLOYERS_EDIT)
        .filter(pk=employer.pk)
        .exists()
    ):
        raise NotFound(_("没有找到该用人单位。"))
    username = username.strip()
    try:
        User.username_validator(username)
    except ValidationError:
        raise Invalid(
            _("用户名只能包含字母、数字和 @ . + - _。"),
            field="username",
            code=EmployersErrorCode.USERNAME_INVALID,
        ) from None
    temporary = temporary_password()
    taken = Conflict(
        _("用户名 %(name)s 已被使用，请换一个。") % {"name": username},
        field="username",
        code=EmployersErrorCode.USERNAME_TAKEN,
    )
    account = User(
        username=username,
        role=Role.EMPLOYER,
        employer=employer,
        display_name=display_name.strip(),
        must_change_password=True,
    )
    account.set_password(temporary)
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise taken
        try:
            with transaction.atomic():
                account.save()
        except IntegrityError:
            raise taken from None
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=AccountsAction.USER_CREATE,
            target=account,
            region_code=employer.township_code or employer.county_code,
            detail={"employer": employer.pk, "employer_name": employer.name},
        )
    return account, temporary


def employer_users(employer: Employer) -> QuerySet[User]:
    """The accounts bound to the employer (its HR staff)."""
    return User.objects.filter(employer=employer, role=Role.EMPLOYER).order_by("pk")


@dataclass(frozen=True, kw_only=True)
class AccountRequestDetails:
    """What an employer writes on the public request form."""

    uscc: str
    employer_name: str
    contact_name: str
    contact_phone: str


def submit_account_request(*, details: AccountRequestDetails) -> EmployerAccountRequest:
    """Store a pending request from the public form (no account yet), audited as the system.
    It goes to the staff of the region the credit code was issued in (GB 32100 characters 3–8,
    the registration authority's region code). The answer is the same whether the credit code
    is registered or not."""
    uscc = check_credit_code(details.uscc)
    region = uscc[2:8]
    if not Region.objects.filter(code=region).exists():
        raise Invalid(
            _("统一社会信用代码第3–8位（登记管理机关行政区划码）%(code)s 不是已知的行政区划。")
            % {"code": region},
            field="uscc",
            code=EmployersErrorCode.CREDIT_CODE_INVALID,
        )
    request = EmployerAccountRequest(
        uscc=uscc,
        employer_name=details.employer_name.strip(),
        county_code=region,
        contact_name=details.contact_name.strip(),
        contact_phone=details.contact_phone.strip(),
        contact_phone_masked=mask_phone(details.contact_phone.strip()),
    )
    with transaction.atomic():
        request.save()
        record_audit(
            actor=None,
            kind=AuditKind.CREATE,
            action=EmployersAction.ACCOUNT_REQUEST_SUBMIT,
            target=request,
            region_code=request.county_code,
        )
    return request


def account_requests_visible_to(actor: User) -> QuerySet[EmployerAccountRequest]:
    """The requests of the actor's area, for staff who may edit employers."""
    return visible(actor, EmployerAccountRequest, permission=Permission.EMPLOYERS_EDIT)


def _pending_request(actor: User, request_id: int) -> EmployerAccountRequest:
    request = access_one(
        actor,
        EmployerAccountRequest,
        request_id,
        permission=Permission.EMPLOYERS_EDIT,
        not_found_message=_("没有找到该账户申请。"),
    )
    if request.status != AccountRequestStatus.PENDING:
        raise Conflict(
            _("这份申请已经处理（%(status)s）。") % {"status": request.get_status_display()},
            code=EmployersErrorCode.REQUEST_DECIDED,
        )
    return request


def _decide(
    actor: User, request: EmployerAccountRequest, status: AccountRequestStatus, **fields: Any
) -> None:
    """Mark a pending request decided, once (a second decision of the same request loses)."""
    now = timezone.now()
    done = EmployerAccountRequest.objects.filter(
        pk=request.pk, status=AccountRequestStatus.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, **fields)
    if not done:
        raise Conflict(_("这份申请已经由其他人处理。"), code=EmployersErrorCode.REQUEST_DECIDED)
    request.status, request.decided_by, request.decided_at = status, actor, now
    for name, value in fields.items():
        setattr(request, name, value)


def confirm_account_request(
    *, actor: User, request_id: int, username: str
) -> tuple[EmployerAccountRequest, User, str]:
    """Confirm a pending request of the actor's area: the employer with its credit code must
    be registered in the area; an account is opened for the contact (temporary password
    returned, shown once). Audited."""
    request = _pending_request(actor, request_id)
    employer = (
        employers_visible_to(actor, permission=Permission.EMPLOYERS_EDIT)
        .filter(uscc=request.uscc)
        .first()
    )
    if employer is None:
        raise Invalid(
            _("统一社会信用代码为 %(code)s 的单位尚未在您的辖区登记：请先登记该单位，再确认申请。")
            % {"code": request.uscc},
            code=EmployersErrorCode.EMPLOYER_NOT_REGISTERED,
        )
    with transaction.atomic():
        account, temporary = invite_employer_user(
            actor=actor, employer=employer, username=username, display_name=request.contact_name
        )
        _decide(actor, request, AccountRequestStatus.CONFIRMED, account=account)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EmployersAction.ACCOUNT_REQUEST_CONFIRM,
            target=request,
            changes={"status": [AccountRequestStatus.PENDING, AccountRequestStatus.CONFIRMED]},
            detail={"account": account.pk, "employer": employer.pk},
        )
    return request, account, temporary


def refuse_account_request(*, actor: User, request_id: int, reason: str) -> EmployerAccountRequest:
    """Refuse a pending request of the actor's area, with the reason; audited."""
    request = _pending_request(actor, request_id)
    reason = reason.strip()
    if not reason:
        raise Invalid(_("请填写拒绝原因。"), field="reason")
    with transaction.atomic():
        _decide(actor, request, AccountRequestStatus.REFUSED, refusal_reason=reason[:200])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=EmployersAction.ACCOUNT_REQUEST_REFUSE,
            target=request,
            changes={"status": [AccountRequestStatus.PENDING, AccountRequestStatus.REFUSED]},
            detail={"reason": reason[:200]},
        )
    return request
