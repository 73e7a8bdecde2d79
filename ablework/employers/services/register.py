"""Registering and changing employers: audited, inside the actor's area, version-checked."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, require_region_inside
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.rule_messages import rule_messages
from ablework.core.versioning import advance_version
from ablework.employers.access import employers_visible_to
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.errors import EmployersErrorCode
from ablework.employers.models import PUBLIC_KINDS, Employer, EmployerContact, EmployerKind
from ablework.rules.jurisdictions.cn.identifiers import check_unified_social_credit_code

AUDITED_FIELDS = (
    "name",
    "uscc",
    "kind",
    "county_code",
    "township_code",
    "staff_count",
    "address",
    "industry",
    "administrative_level",
    "authorised_posts",
    "school_type",
    "parent_id",
    "declares_separately",
)


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
    industry: str = ""
    administrative_level: str = ""
    authorised_posts: int | None = None
    school_type: str = ""
    # The credit code of the employer this one is a branch of (blank: none), and whether such a
    # branch declares on its own (独立核算) instead of through it.
    parent_uscc: str = ""
    declares_separately: bool = False
    # The primary contact's name and phone: written by the import only (blank keeps what is
    # stored); the pages keep contacts on their own (services/contacts.py).
    contact_name: str = ""
    contact_phone: str = ""


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
    apply_details(employer, details, uscc=uscc, parent=parent)
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
            changes=diff(before, snapshot(employer, AUDITED_FIELDS)),
        )


def apply_details(
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
    employer.industry = details.industry
    employer.administrative_level = details.administrative_level
    employer.authorised_posts = details.authorised_posts
    employer.school_type = details.school_type
    employer.parent = parent
    employer.declares_separately = details.declares_separately and parent is not None


def details_of(employer: Employer, contact: EmployerContact | None = None) -> EmployerDetails:
    """The stored record as the form and the import see it (the parent by its credit code, the
    primary contact's name and phone when given)."""
    return EmployerDetails(
        name=employer.name,
        uscc=employer.uscc,
        kind=employer.kind,
        county_code=employer.county_code,
        township_code=employer.township_code,
        staff_count=employer.staff_count,
        address=employer.address,
        contact_name=contact.name if contact is not None else "",
        contact_phone=(contact.phone or "") if contact is not None else "",
        industry=employer.industry,
        administrative_level=employer.administrative_level,
        authorised_posts=employer.authorised_posts,
        school_type=employer.school_type,
        parent_uscc=employer.parent.uscc if employer.parent_id and employer.parent else "",
        declares_separately=employer.declares_separately,
    )
