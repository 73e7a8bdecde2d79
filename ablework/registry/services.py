"""Writes to the registry and the logged reads of sensitive data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.core.errors import Conflict
from ablework.core.masking import mask_address, mask_identifier, mask_phone
from ablework.core.models import AuditKind
from ablework.core.spreadsheets import csv_lines
from ablework.registry.history import change_employment_status
from ablework.registry.models import SENSITIVE_FIELDS, Person
from ablework.registry.selectors import LIST_FIELDS

AUDITED_FIELDS = (
    "name",
    "sex",
    "birth_date",
    *SENSITIVE_FIELDS,
    "disability_category",
    "disability_grade",
    "county_code",
    "township_code",
    "education",
    "employment_status",
    "employment_kind",
)


def fill_protected_columns(person: Person) -> Person:
    """Set the HMAC lookup and masked display columns from the clear values."""
    person.resident_id = normalize_identifier(person.resident_id)
    person.resident_id_hash = lookup_hash(person.resident_id)
    person.resident_id_masked = mask_identifier(person.resident_id)
    certificate = normalize_identifier(person.certificate_number or "")
    person.certificate_number = certificate
    person.certificate_hash = lookup_hash(certificate) if certificate else ""
    person.certificate_masked = mask_identifier(certificate) if certificate else ""
    person.phone_masked = mask_phone(person.phone or "")
    person.address_masked = mask_address(person.address or "")
    return person


def register_person(*, actor: User, **fields: Any) -> Person:
    """Register a person; the same resident ID can never be registered twice."""
    person = fill_protected_columns(Person(**fields))
    with transaction.atomic():
        if Person.objects.filter(resident_id_hash=person.resident_id_hash).exists():
            raise Conflict("该公民身份号码已登记。", field="resident_id")
        person.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action="registry.person.create",
            target=person,
            changes=diff({}, snapshot(person, AUDITED_FIELDS), sensitive=SENSITIVE_FIELDS),
        )
    return person


def update_person(*, actor: User, person: Person, **changes: Any) -> Person:
    """Change a person's record; the audit trail keeps old → new (sensitive values masked),
    and an employment status change closes the old period and opens a new one."""
    before = snapshot(person, AUDITED_FIELDS)
    status = changes.pop("employment_status", person.employment_status)
    kind = changes.pop("employment_kind", person.employment_kind)
    for name, value in changes.items():
        setattr(person, name, value)
    fill_protected_columns(person)
    with transaction.atomic():
        change_employment_status(
            person=person, status=status, kind=kind, on=timezone.localdate(), source=actor.username
        )
        person.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action="registry.person.update",
            target=person,
            changes=diff(before, snapshot(person, AUDITED_FIELDS), sensitive=SENSITIVE_FIELDS),
        )
    return person


def record_person_view(*, actor: User, person: Person) -> None:
    """Log that the actor opened a person's record (disability data is sensitive)."""
    record_audit(actor=actor, kind=AuditKind.VIEW, action="registry.person.view", target=person)


def reveal_person(*, actor: User, person: Person) -> dict[str, str]:
    """The clear sensitive values, for an actor already checked for the reveal permission."""
    record_audit(
        actor=actor,
        kind=AuditKind.REVEAL,
        action="registry.person.reveal",
        target=person,
        detail={"fields": list(SENSITIVE_FIELDS)},
    )
    return {name: getattr(person, name) or "" for name in SENSITIVE_FIELDS}


EXPORT_COLUMNS = (
    ("name", "姓名"),
    ("sex", "性别"),
    ("birth_date", "出生日期"),
    ("resident_id", "公民身份号码"),
    ("certificate_number", "残疾人证号"),
    ("disability_category", "残疾类别"),
    ("disability_grade", "残疾等级"),
    ("county_code", "所属县级区划"),
    ("employment_status", "就业状况"),
)


def export_persons_csv(
    *, actor: User, persons: QuerySet[Person], filters: dict[str, Any]
) -> Iterator[str]:
    """CSV text (UTF-8 with BOM, for Excel) of the selection; masked unless the actor may reveal.

    The export is logged, with its row count, before the first byte leaves.
    """
    reveal = actor.has_named_permission(Permission.PERSONS_REVEAL)
    count = persons.count()
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action="registry.person.export",
        target_type="registry.person",
        target_label=f"{count} 条",
        county_code=actor.region.code if actor.region else "",
        detail={"rows": count, "masked": not reveal, "filters": filters},
    )
    if not reveal:
        persons = persons.only(*LIST_FIELDS)
    rows = persons.order_by("pk").iterator(chunk_size=2000)
    return csv_lines([label for _, label in EXPORT_COLUMNS], _export_rows(rows, reveal=reveal))


def _export_rows(persons: Iterable[Person], *, reveal: bool) -> Iterator[list[str]]:
    for person in persons:
        yield [
            person.name,
            person.get_sex_display(),
            person.birth_date.isoformat(),
            person.resident_id if reveal else person.resident_id_masked,
            person.certificate_number if reveal else person.certificate_masked,
            person.get_disability_category_display(),
            person.get_disability_grade_display(),
            person.county_code,
            person.get_employment_status_display(),
        ]
