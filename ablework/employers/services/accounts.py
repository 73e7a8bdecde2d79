"""Employer accounts: staff open them, employers ask for them and staff confirm or refuse."""

from __future__ import annotations

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
from ablework.accounts.scope import access_one, require_permission, visible
from ablework.accounts.services import temporary_password
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.masking import mask_phone
from ablework.core.models import AuditKind, Region
from ablework.employers.access import employers_visible_to
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.errors import EmployersErrorCode
from ablework.employers.models import AccountRequestStatus, Employer, EmployerAccountRequest
from ablework.employers.services.register import check_credit_code


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
