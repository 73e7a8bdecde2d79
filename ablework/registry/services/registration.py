"""Registering a new person from what staff type: the identifiers are checked by the rules
(GB 11643 check digit, the 20-character certificate number) and sex, birth date, disability
category and grade are read from them rather than typed a second time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, require_region_inside
from ablework.core.audit import record_audit, snapshot
from ablework.core.crypto import lookup_hash, normalize_identifier
from ablework.core.errors import Conflict, FieldsInvalid, Invalid, TooManyRequests
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.errors import RegistryErrorCode
from ablework.registry.history import correct_certificate_history
from ablework.registry.identity import read_certificate, read_resident_id
from ablework.registry.models import Person
from ablework.registry.services.inputs import KEEP, IdentityFacts, PersonChanges, PersonDetails
from ablework.registry.services.lookups import LookupAllowance, record_lookup
from ablework.registry.services.persons import (
    ALREADY_REGISTERED,
    AUDITED_FIELDS,
    check_retirement_base_age,
    fill_protected_columns,
    person_changes,
    register_person,
    require_active,
    save_with_unique_id,
    update_person,
)


class IdentifiersInvalid(FieldsInvalid):
    """One or more identifiers break the rules; `problems` maps each form field to messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__(problems, code=RegistryErrorCode.IDENTIFIER_INVALID)


def read_identifiers(*, resident_id: str, certificate_number: str, on: date) -> IdentityFacts:
    """Check the resident ID and certificate number (`registry/identity.py`, the check the
    import uses too) and read the facts they carry; the certificate must be issued on the same
    resident ID (残疾人证号 = 身份证号 + 类别 + 等级). Raises IdentifiersInvalid naming every
    field that is wrong."""
    resident_id = normalize_identifier(resident_id.strip())
    certificate_number = normalize_identifier(certificate_number.strip())
    problems: dict[str, list[str]] = {}
    person = read_resident_id(resident_id, on=on)
    if person.problem is not None:
        problems["resident_id"] = [person.problem]
    certificate = read_certificate(certificate_number, resident_id=resident_id, on=on)
    if certificate.problem is not None:
        problems["certificate_number"] = [certificate.problem]
    if problems:
        raise IdentifiersInvalid(problems)
    assert person.birth_date is not None
    assert person.sex is not None
    assert certificate.category is not None
    assert certificate.grade is not None
    return IdentityFacts(
        resident_id=resident_id,
        certificate_number=certificate_number,
        sex=person.sex,
        birth_date=person.birth_date,
        disability_category=certificate.category,
        disability_grade=certificate.grade,
    )


def register_checked_person(
    *, actor: User, resident_id: str, certificate_number: str, details: PersonDetails
) -> Person:
    """Register a person typed in by staff, in the actor's area, with facts read from the
    identifiers; the same resident ID can never be registered twice."""
    require_permission(actor, Permission.PERSONS_EDIT)
    require_region_inside(
        actor, county_code=details.county_code, township_code=details.township_code
    )
    facts = read_identifiers(
        resident_id=resident_id, certificate_number=certificate_number, on=timezone.localdate()
    )
    check_retirement_base_age(facts.sex, details.retirement_base_age)
    check_not_registered(actor, resident_id=facts.resident_id)
    return register_person(actor=actor, identity=facts, details=details)


def check_not_registered(actor: User, *, resident_id: str) -> None:
    """The registration form's and API's duplicate check: Conflict when the ID is registered
    (anywhere: a clerk must not register someone twice), TooManyRequests when the answer is
    withheld. The lookup that finds a person is audited with them as its target, outside the
    registration's transaction so that the refusal keeps it; past the user's daily allowance of
    persons found outside their area, the answer is withheld for any ID outside their records
    (`registry/services/lookups.py`)."""
    allowance = LookupAllowance(actor)
    twin = Person.objects.filter(resident_id_hash=lookup_hash(resident_id)).first()
    if twin is None:
        if allowance.exhausted:
            raise TooManyRequests(allowance.withheld, field="resident_id", code=_LOOKUP_LIMIT)
        return
    outside = not allowance.covers(twin)
    answered = not outside or allowance.answers(twin)
    record_lookup(
        actor=actor,
        person=twin,
        outside=outside,
        source={"note": "登记新人员时查重", "withheld": not answered},
    )
    if not answered:
        raise TooManyRequests(allowance.withheld, field="resident_id", code=_LOOKUP_LIMIT)
    raise Conflict(
        str(ALREADY_REGISTERED), field="resident_id", code=RegistryErrorCode.ALREADY_REGISTERED
    )


_LOOKUP_LIMIT = RegistryErrorCode.LOOKUP_LIMIT


@dataclass(frozen=True)
class NewCertificate:
    """A newly issued certificate's number and what it says (category and grade)."""

    number: str
    disability_category: int
    disability_grade: int


def read_new_certificate(*, person: Person, certificate_number: str) -> NewCertificate:
    """A newly issued certificate, checked as a registration's is; it must be issued on the
    person's own resident ID (matched by its lookup hash, so the stored ID is not decrypted)."""
    number = normalize_identifier(certificate_number.strip())
    own = number[:18] if lookup_hash(number[:18]) == person.resident_id_hash else ""
    reading = read_certificate(number, resident_id=own, on=timezone.localdate())
    if reading.problem is not None:
        raise IdentifiersInvalid({"certificate_number": [reading.problem]})
    assert reading.category is not None
    assert reading.grade is not None
    return NewCertificate(
        number=number, disability_category=reading.category, disability_grade=reading.grade
    )


def edit_person(
    *,
    actor: User,
    person: Person,
    changes: PersonChanges,
    seen_version: int | None = None,
) -> Person:
    """Change a person's record from the edit form: a new certificate number is checked and its
    category and grade are read from it; a new county or township must lie inside the actor's
    area; the rest goes through `update_person`."""
    if changes.certificate_number is not KEEP:
        certificate = read_new_certificate(
            person=person, certificate_number=changes.certificate_number
        )
        changes = replace(
            changes,
            certificate_number=certificate.number,
            disability_category=certificate.disability_category,
            disability_grade=certificate.disability_grade,
        )
    if changes.county_code is not KEEP or changes.township_code is not KEEP:
        require_region_inside(
            actor,
            county_code=person.county_code if changes.county_code is KEEP else changes.county_code,
            township_code=(
                person.township_code if changes.township_code is KEEP else changes.township_code
            )
            or "",
        )
    return update_person(actor=actor, person=person, changes=changes, seen_version=seen_version)


REGISTERED_ELSEWHERE = gettext_lazy(
    "该公民身份号码已登记在另一条记录中。如果两条记录是同一个人，请在“疑似重复”中合并；"
    "如果不在本辖区，请联系上级残联核实。"
)


def correct_identity(
    *,
    actor: User,
    person: Person,
    resident_id: str,
    certificate_number: str,
    retirement_base_age: int | None,
    reason: str,
) -> Person:
    """Correct a mistyped resident ID and the certificate number issued on it. The new numbers
    are checked like a registration's, sex, birth date, category and grade are read from them
    again, the original retirement age (given again, since it depends on the sex) must fit the
    sex, the number may not belong to another record, and the audit record keeps the old and
    new values (masked) with the reason given."""
    require_permission(actor, Permission.PERSONS_SUPERVISE)
    require_active(person)
    reason = reason.strip()
    if not reason:
        raise Invalid(
            _("请写明更正的原因和依据，例如“核对身份证原件，原录入有误”。"), field="reason"
        )
    facts = read_identifiers(
        resident_id=resident_id, certificate_number=certificate_number, on=timezone.localdate()
    )
    if (facts.resident_id, facts.certificate_number) == (
        person.resident_id,
        person.certificate_number,
    ):
        raise Invalid(_("新的号码与记录中的号码相同，无需更正。"), field="resident_id")
    check_retirement_base_age(facts.sex, retirement_base_age)
    before = snapshot(person, AUDITED_FIELDS)
    old_certificate_hash = person.certificate_hash
    person.retirement_base_age = retirement_base_age
    person.resident_id = facts.resident_id
    person.certificate_number = facts.certificate_number
    person.sex = facts.sex
    person.birth_date = facts.birth_date
    person.disability_category = facts.disability_category
    person.disability_grade = facts.disability_grade
    fill_protected_columns(person)
    with transaction.atomic():
        advance_version(person)
        save_with_unique_id(person, taken=REGISTERED_ELSEWHERE)
        correct_certificate_history(person, old_hash=old_certificate_hash)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_CORRECT_IDENTITY,
            target=person,
            changes=person_changes(before, snapshot(person, AUDITED_FIELDS)),
            detail={"reason": reason},
        )
    return person
