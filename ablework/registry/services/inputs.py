"""The typed inputs of the registry's person services: what a registration sets and what a
change changes. A caller (a form, a test, demo data) builds one of these; the services never
take a bag of keyword fields, so a misspelt or unknown field fails where it is written (mypy)
rather than as a stray attribute on the model."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from ablework.core.changes import KEEP, Keep
from ablework.registry.models import CertificateStatus


@dataclass(frozen=True)
class IdentityFacts:
    """What the two numbers say about a person (read and checked by `read_identifiers`)."""

    resident_id: str
    certificate_number: str
    sex: str
    birth_date: date
    disability_category: int
    disability_grade: int


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    """Everything a registration sets besides the identity facts: the record's fields (empty
    where not given), the employer of the first employment period and the day it starts
    (today when None)."""

    name: str
    county_code: str
    employment_status: str
    township_code: str = ""
    phone: str = ""
    address: str = ""
    education: str = ""
    employment_kind: str = ""
    certificate_status: str = CertificateStatus.VALID
    certificate_valid_until: date | None = None
    household_region_code: str = ""
    residence_region_code: str = ""
    urban_rural: str = ""
    retirement_base_age: int | None = None
    skills: str = ""
    occupations: str = ""
    needs_sign_language: bool = False
    needs_braille_or_large_print: bool = False
    needs_easy_read: bool = False
    communication_notes: str = ""
    training_wished: str = ""
    last_verified_on: date | None = None
    employer_name: str = ""
    employment_since: date | None = None

    def record_values(self) -> dict[str, object]:
        """The person's column values (the employment period's employer and day excluded)."""
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if field.name not in ("employer_name", "employment_since")
        }


@dataclass(frozen=True, kw_only=True)
class PersonChanges:
    """A change to a person's record: only the fields given change (KEEP: as they are).
    `employer_name` KEEP keeps the open period's employer; `employment_since` is the day a
    changed employment starts (today when None). Identity corrections, verification and
    merging have their own services."""

    name: str | Keep = KEEP
    certificate_number: str | Keep = KEEP
    disability_category: int | Keep = KEEP
    disability_grade: int | Keep = KEEP
    certificate_status: str | Keep = KEEP
    certificate_valid_until: date | Keep | None = KEEP
    phone: str | Keep = KEEP
    address: str | Keep = KEEP
    county_code: str | Keep = KEEP
    township_code: str | Keep = KEEP
    household_region_code: str | Keep = KEEP
    residence_region_code: str | Keep = KEEP
    urban_rural: str | Keep = KEEP
    education: str | Keep = KEEP
    retirement_base_age: int | Keep | None = KEEP
    employment_status: str | Keep = KEEP
    employment_kind: str | Keep = KEEP
    skills: str | Keep = KEEP
    occupations: str | Keep = KEEP
    needs_sign_language: bool | Keep = KEEP
    needs_braille_or_large_print: bool | Keep = KEEP
    needs_easy_read: bool | Keep = KEEP
    communication_notes: str | Keep = KEEP
    training_wished: str | Keep = KEEP
    employer_name: str | Keep = KEEP
    employment_since: date | None = None

    @classmethod
    def to(cls, details: PersonDetails) -> PersonChanges:
        """Set every field of the record to its value in `details` (an edit form's whole
        record), the employer and the day included; identity, certificate and verification
        stay as they are."""
        return cls(
            name=details.name,
            certificate_status=details.certificate_status,
            certificate_valid_until=details.certificate_valid_until,
            phone=details.phone,
            address=details.address,
            county_code=details.county_code,
            township_code=details.township_code,
            household_region_code=details.household_region_code,
            residence_region_code=details.residence_region_code,
            urban_rural=details.urban_rural,
            education=details.education,
            retirement_base_age=details.retirement_base_age,
            employment_status=details.employment_status,
            employment_kind=details.employment_kind,
            skills=details.skills,
            occupations=details.occupations,
            needs_sign_language=details.needs_sign_language,
            needs_braille_or_large_print=details.needs_braille_or_large_print,
            needs_easy_read=details.needs_easy_read,
            communication_notes=details.communication_notes,
            training_wished=details.training_wished,
            employer_name=details.employer_name,
            employment_since=details.employment_since,
        )

    def record_values(self) -> dict[str, object]:
        """The changed columns other than the employment (status, kind and employer go through
        the dated history)."""
        return {
            field.name: value
            for field in fields(self)
            if field.name not in _EMPLOYMENT and (value := getattr(self, field.name)) is not KEEP
        }


_EMPLOYMENT = ("employment_status", "employment_kind", "employer_name", "employment_since")
