"""Registering and changing employers (audited, inside the actor's area), and logged exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, require_region_inside
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, Invalid
from ablework.core.masking import mask_phone
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.rule_messages import rule_messages
from ablework.core.spreadsheets import csv_lines
from ablework.core.versioning import advance_version
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.errors import EmployersErrorCode
from ablework.employers.models import Employer
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


def check_credit_code(code: str) -> str:
    """The code, normalised, when it passes GB 32100 (the rules' check); Invalid otherwise."""
    result = check_unified_social_credit_code(code)
    if not result.valid:
        raise Invalid(
            rule_messages(result.errors), field="uscc", code=EmployersErrorCode.CREDIT_CODE_INVALID
        )
    return result.code


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
    before = snapshot(employer, AUDITED_FIELDS) if employer.pk else {}
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
