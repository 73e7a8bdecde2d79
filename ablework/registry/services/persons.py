"""Registering and changing persons, and the logged reads of their sensitive data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.audit import diff, record_audit, record_audit_persons, snapshot
from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.core.errors import Conflict, Invalid
from ablework.core.masking import mask_birth_date
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import csv_lines
from ablework.core.versioning import advance_version
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.certificates import CERTIFICATE_FIELDS
from ablework.registry.errors import RegistryErrorCode
from ablework.registry.history import (
    change_employment_status,
    open_period,
    record_certificate_change,
    same_employment,
    start_history,
)
from ablework.registry.models import (
    AUDIT_MASKS,
    SENSITIVE_FIELDS,
    SENSITIVE_MASKS,
    SENSITIVE_TEXTS,
    CertificateEventSource,
    EmploymentPeriod,
    Person,
    Sex,
)
from ablework.registry.selectors.search import LIST_FIELDS
from ablework.registry.services.inputs import KEEP, IdentityFacts, PersonChanges, PersonDetails
from ablework.rules.engine.errors import InvalidInput
from ablework.rules.engine.text import parse_language
from ablework.rules.jurisdictions.cn.retirement import category_for

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
    "certificate_status",
    "certificate_valid_until",
    "household_region_code",
    "residence_region_code",
    "urban_rural",
    "retirement_base_age",
    "skills",
    "occupations",
    "needs_sign_language",
    "needs_braille_or_large_print",
    "needs_easy_read",
    "communication_notes",
    "training_wished",
    "last_verified_on",
)


def person_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """What the audit trail keeps of a change to a person: identifiers and the birth date
    through their masks, of a free text that may hold health data only that it changed."""
    return diff(before, after, sensitive=AUDIT_MASKS, texts=SENSITIVE_TEXTS)


def check_retirement_base_age(sex: str, base_age: int | None) -> None:
    """The original statutory retirement age must be one the reform knows for the sex (the rules
    say: men 60, women 50 or 55); empty is allowed."""
    if base_age is None:
        return
    try:
        category_for("male" if sex == Sex.MALE else "female", base_age, "retirement_base_age")
    except InvalidInput as error:
        raise Invalid(
            error.message.render(parse_language(get_language())), field="retirement_base_age"
        ) from None


def require_active(person: Person) -> None:
    """A record merged into another is kept for the history but no longer changed."""
    if person.merged_into_id is not None:
        raise Conflict(
            _("该记录已合并到另一条记录，不能再修改；请修改保留的记录。"),
            code=RegistryErrorCode.RECORD_MERGED,
        )


def identity_columns(name: str, value: str, *, lookup: str | None = None) -> dict[str, str]:
    """The HMAC lookup and masked display columns kept beside one identity field (one of
    SENSITIVE_FIELDS) with this clear value; `lookup` is the value's hash when already known.
    The one place these columns are derived: the registry and the import both use it."""
    if name == "resident_id":
        return {
            "resident_id_hash": lookup if lookup is not None else lookup_hash(value),
            "resident_id_masked": SENSITIVE_MASKS[name](value),
        }
    if name == "certificate_number":
        return {
            "certificate_hash": lookup_hash(value) if value else "",
            "certificate_masked": SENSITIVE_MASKS[name](value),
        }
    if name == "phone":
        return {"phone_masked": SENSITIVE_MASKS[name](value)}
    if name == "address":
        return {"address_masked": SENSITIVE_MASKS[name](value)}
    raise ValueError(f"{name} is not an identity field")


def fill_protected_columns(person: Person) -> Person:
    """Set the HMAC lookup and masked display columns from the clear values."""
    person.resident_id = normalize_identifier(person.resident_id)
    person.certificate_number = normalize_identifier(person.certificate_number or "")
    for name in SENSITIVE_FIELDS:
        for column, value in identity_columns(name, getattr(person, name) or "").items():
            setattr(person, column, value)
    return person


ALREADY_REGISTERED = gettext_lazy(
    "该公民身份号码已在登记库中，不能重复登记。请查找并更新已有记录；"
    "如不在本辖区，请联系上级残联核实。"
)


def save_with_unique_id(person: Person, *, taken: Any) -> None:
    """Save the person, unless another record holds the same resident ID: then raise Conflict
    on the resident ID with the message `taken`. The unique lookup-hash index has the last
    word, so a concurrent twin fails too. Call inside a transaction."""
    twins = Person.objects.filter(resident_id_hash=person.resident_id_hash)
    if twins.exclude(pk=person.pk).exists():
        raise Conflict(str(taken), field="resident_id", code=RegistryErrorCode.ALREADY_REGISTERED)
    try:
        with transaction.atomic():  # a savepoint, so the caller's transaction stays usable
            person.save()
    except IntegrityError:
        raise Conflict(
            str(taken), field="resident_id", code=RegistryErrorCode.ALREADY_REGISTERED
        ) from None


def register_person(
    *, actor: User | None, identity: IdentityFacts, details: PersonDetails
) -> Person:
    """Register a person and open their employment history (from `details.employment_since`,
    today by default); the same resident ID can never be registered twice (the HMAC column is
    unique, so a concurrent twin fails too). The identity facts are taken as given: staff's
    input goes through `register_checked_person`, which reads them from the numbers."""
    person = fill_protected_columns(
        Person(
            resident_id=identity.resident_id,
            certificate_number=identity.certificate_number,
            sex=identity.sex,
            birth_date=identity.birth_date,
            disability_category=identity.disability_category,
            disability_grade=identity.disability_grade,
            **details.record_values(),
        )
    )
    with transaction.atomic():
        save_with_unique_id(person, taken=ALREADY_REGISTERED)
        start_history(person)  # the certificate, held since before the registration
        change_employment_status(
            person=person,
            status=person.employment_status,
            kind=person.employment_kind,
            employer_name=details.employer_name,
            on=details.employment_since or timezone.localdate(),
            source=actor.username if actor is not None else "",
            current=None,  # a new person has no period yet
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=RegistryAction.PERSON_CREATE,
            target=person,
            changes=person_changes({}, snapshot(person, AUDITED_FIELDS)),
        )
    return person


def update_person(
    *,
    actor: User,
    person: Person,
    changes: PersonChanges,
    seen_version: int | None = None,
) -> Person:
    """Change a person's record; the audit trail keeps old → new (sensitive values masked),
    and an employment status change closes the old period and opens a new one from
    `changes.employment_since` (today by default). `seen_version` is the version the form was
    opened with: if the record moved on since, StaleRecord is raised and nothing is written
    (the loaded record's version by default)."""
    require_active(person)
    if changes.retirement_base_age is not KEEP:
        check_retirement_base_age(person.sex, changes.retirement_base_age)
    before = snapshot(person, AUDITED_FIELDS)
    certificate_before = {name: getattr(person, name) for name in CERTIFICATE_FIELDS}
    status = changes.employment_status
    kind = changes.employment_kind
    employer_name = changes.employer_name
    for name, value in changes.record_values().items():
        setattr(person, name, value)
    fill_protected_columns(person)
    with transaction.atomic():
        advance_version(person, seen=seen_version)
        # A changed grade, valid-until or status enters the certificate history from today.
        record_certificate_change(
            person,
            before=certificate_before,
            on=timezone.localdate(),
            recorded_by=actor,
            source=CertificateEventSource.STAFF,
        )
        _record_employment(
            person=person,
            status=person.employment_status if status is KEEP else status,
            kind=person.employment_kind if kind is KEEP else kind,
            employer_name=None if employer_name is KEEP else employer_name,
            since=changes.employment_since,
            source=actor.username,
        )
        person.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_UPDATE,
            target=person,
            changes=person_changes(before, snapshot(person, AUDITED_FIELDS)),
        )
    return person


def _record_employment(
    *,
    person: Person,
    status: str,
    kind: str,
    employer_name: str | None,
    since: date | None,
    source: str,
) -> None:
    """Open a new employment period when status, kind or employer changed (none otherwise)."""
    current = open_period(person)
    if employer_name is None:
        employer_name = current.employer_name if current else ""
    if same_employment(current, status, kind, employer_name):
        return  # unchanged: the date is not checked either
    since = since or timezone.localdate()
    _check_employment_since(current, since)
    change_employment_status(
        person=person,
        status=status,
        kind=kind,
        employer_name=employer_name,
        on=since,
        source=source,
        current=current,
    )


def _check_employment_since(current: EmploymentPeriod | None, since: date) -> None:
    """A new period starts after the open one began, and not in the future."""
    if since > timezone.localdate():
        raise Invalid(_("就业状况变更日期不能晚于今天。"), field="employment_since")
    if current is not None and since < current.started_on:
        raise Invalid(
            _("就业状况变更日期不能早于当前状况的开始日期（%(day)s）。")
            % {"day": f"{current.started_on:%Y-%m-%d}"},
            field="employment_since",
        )


def record_person_view(*, actor: User, person: Person) -> None:
    """Log that the actor opened a person's record (disability data is sensitive)."""
    record_audit(actor=actor, kind=AuditKind.VIEW, action=RegistryAction.PERSON_VIEW, target=person)


def reveal_person(*, actor: User, person: Person) -> dict[str, str]:
    """The clear sensitive values, for an actor already checked for the reveal permission."""
    record_audit(
        actor=actor,
        kind=AuditKind.REVEAL,
        action=RegistryAction.PERSON_REVEAL,
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
    ("county_code", "所属县级区划代码"),
    ("employment_status", "就业状况"),
)


def start_person_export(
    *,
    actor: User | None,
    persons: QuerySet[Person],
    filters: dict[str, Any],
    file_format: str,
    system_reveal: bool = False,
) -> tuple[bool, int]:
    """Log an export of the selection (rows, masked or not, filters) before any byte is written;
    returns whether it may hold full identifiers (a user only with the reveal permission, the
    system — the command line without a user — only when asked to) and its row count."""
    reveal = actor.has_named_permission(Permission.PERSONS_REVEAL) if actor else system_reveal
    count = persons.count()
    record = record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=RegistryAction.PERSON_EXPORT,
        target_type="registry.person",
        target_label=f"{count} 条",
        region_code=(actor.region_id or "") if actor is not None else "",
        detail={"rows": count, "masked": not reveal, "filters": filters, "format": file_format},
    )
    # Each exported person finds the export in their own access log.
    record_audit_persons(record, persons)
    return reveal, count


def export_persons_csv(
    *, actor: User, persons: QuerySet[Person], filters: dict[str, Any]
) -> Iterator[str]:
    """CSV text (UTF-8 with BOM, for Excel) of the selection; masked unless the actor may reveal.

    The export is logged, with its row count, before the first byte leaves.
    """
    reveal, _ = start_person_export(
        actor=actor, persons=persons, filters=filters, file_format="csv"
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
            person.birth_date.isoformat() if reveal else mask_birth_date(person.birth_date),
            person.resident_id if reveal else person.resident_id_masked,
            person.certificate_number if reveal else person.certificate_masked,
            person.get_disability_category_display(),
            person.get_disability_grade_display(),
            region_name(person.county_code),
            person.county_code,
            person.get_employment_status_display(),
        ]
