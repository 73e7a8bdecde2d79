"""A person's whole record: the dated history of the certificate, employment, flags, training
and checks, the records merged into it, and the retirement month the rules give (a fixed number
of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from ablework.registry.models import (
    CertificateEvent,
    EmploymentPeriod,
    Person,
    PersonFlag,
    Sex,
    TrainingRecord,
    Verification,
)
from ablework.registry.quarters import Quarter
from ablework.registry.rulebook import rules_evaluation
from ablework.registry.selectors.working_age import category_of, working_age_bounds
from ablework.rules.jurisdictions.cn.retirement import Retirement, statutory_retirement


@dataclass(frozen=True)
class PersonRecord:
    """Everything the record page shows about one person."""

    person: Person
    employment_periods: list[EmploymentPeriod]
    certificate_events: list[CertificateEvent]
    flags: list[PersonFlag]
    training_records: list[TrainingRecord]
    verifications: list[Verification]
    merged_records: list[Person]
    retirement: Retirement | None
    working_age: bool
    updated_this_quarter: bool


def get_person_record(*, person: Person, today: date) -> PersonRecord:
    """The person's record as of `today`, with every history row, newest first."""
    return PersonRecord(
        person=person,
        employment_periods=list(person.employment_periods.order_by("-started_on", "-id")),
        certificate_events=list(
            person.certificate_events.select_related("recorded_by").order_by(
                F("effective_on").desc(nulls_last=True), "-id"
            )
        ),
        flags=list(person.flags.order_by("ended_on", "-started_on", "-id")),
        training_records=list(person.training_records.order_by("-completed_on", "-id")),
        verifications=list(
            person.verifications.select_related("verified_by").order_by("-verified_on", "-id")
        ),
        merged_records=list(
            person.merged_records.only("id", "name", "resident_id_masked", "merged_at")
        ),
        retirement=retirement_of(person),
        working_age=is_working_age(person, on=today),
        updated_this_quarter=person.last_verified_on is not None
        and person.last_verified_on >= Quarter.of(today).start,
    )


def retirement_of(person: Person) -> Retirement | None:
    """The statutory retirement age and month under the rules (2025 reform); None for a woman
    whose original statutory age (50 or 55) is not recorded."""
    if person.sex == Sex.FEMALE and person.retirement_base_age not in (50, 55):
        return None
    sex, base_age = category_of(person.sex, person.retirement_base_age)
    ctx = rules_evaluation(jurisdiction=person.county_code, on=person.birth_date)
    month = f"{person.birth_date:%Y-%m}"
    return statutory_retirement(ctx, sex, month, base_age, "retirement_base_age")


def is_working_age(person: Person, *, on: date) -> bool:
    """Whether the person is in the working-age population on `on` (the same rule as the lists)."""
    bounds = working_age_bounds(on=on, jurisdiction=person.county_code)
    category = category_of(person.sex, person.retirement_base_age)
    return bounds.born_from[category] <= person.birth_date <= bounds.born_by
