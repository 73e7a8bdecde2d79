"""Writing persons in bulk, for the import (`registry/imports/`): new persons, their first
employment period and flags in bulk; changed persons through the registry's dated history and
one bulk update; an audit record for each, naming the batch and row. The registry services are
the only writers of `Person`; this is their bulk variant (a test keeps it so).

Called inside the import's single transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from ablework.core.audit import audit_entry, record_audits, snapshot
from ablework.core.bulk import insert_rows
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_versions
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.certificates import (
    CERTIFICATE_FIELDS,
    events_from_change,
    events_from_record,
)
from ablework.registry.history import change_employment_status, set_flag
from ablework.registry.models import (
    SENSITIVE_FIELDS,
    CertificateEvent,
    CertificateEventSource,
    EmploymentPeriod,
    Person,
    PersonFlag,
)
from ablework.registry.services.persons import identity_columns, person_changes

BULK_SIZE = 1000
PERSON_TYPE = Person._meta.label_lower


@dataclass
class Employment:
    """The employment a row states: status, kind and employer."""

    status: str
    kind: str
    employer_name: str


@dataclass
class Planned:
    """What one accepted row does: create a person (`new`, their column values) or change the
    existing `person` (`fields`, the changed values); `employment` is set when a new period
    opens, `flags` when flags open or close. For an update, `period` is the person's open
    employment period as planning found it (None: none is open) and `open_flags` their open
    flags of the kinds in `flags`, so writing need not look them up again."""

    row_number: int
    person: Person | None
    created: bool
    on: date
    new: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    employment: Employment | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    period: EmploymentPeriod | None = None
    open_flags: dict[str, PersonFlag] = field(default_factory=dict)
    # The row's 发证日期: the date of the issued event a new person's history starts with.
    certificate_issued_on: date | None = None


@dataclass(frozen=True)
class Origin:
    """Who writes and where the rows come from: the actor (None: the system), the source
    history records name, and the audit detail every record repeats (batch, file name)."""

    actor: Any
    source: str
    detail: Mapping[str, Any]


def write_planned_persons(*, planned: Sequence[Planned], origin: Origin) -> None:
    """Create and update the planned persons in bulk, each audited with its row."""
    creates = [one for one in planned if one.created]
    updates = [one for one in planned if not one.created]
    audits = _create(creates, origin) if creates else []
    audits += _update(updates, origin) if updates else []
    record_audits(audits)


def label_of(values: Mapping[str, Any]) -> str:
    """How the audit trail names a person (as `Person.__str__` does)."""
    return f"{values['name']}（{values['resident_id_masked']}）"


def _detail(origin: Origin, planned: Planned) -> dict[str, Any]:
    """The batch and the row a change came from (the batch keeps the file's SHA-256)."""
    return {**origin.detail, "row": planned.row_number}


def _create(creates: list[Planned], origin: Origin) -> list[dict[str, Any]]:
    """New persons, their first employment period and flags, and an audit record each."""
    insert_rows(Person, [planned.new for planned in creates])
    hashes = [planned.new["resident_id_hash"] for planned in creates]
    ids = dict(
        Person.objects.filter(resident_id_hash__in=hashes).values_list("resident_id_hash", "id")
    )
    source = origin.source
    periods: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    for planned in creates:
        person_id = ids[planned.new["resident_id_hash"]]
        periods.append(_first_period(planned, person_id, origin))
        flags += [
            {
                "person_id": person_id,
                "kind": kind,
                "started_on": planned.on,
                "source": source,
            }
            for kind in planned.flags
        ]
        audits.append(_created_audit(planned, person_id, origin))
    insert_rows(EmploymentPeriod, periods)
    insert_rows(PersonFlag, flags)
    insert_rows(
        CertificateEvent,
        [
            event
            for planned in creates
            for event in _first_events(planned, ids[planned.new["resident_id_hash"]], origin)
        ],
    )
    return audits


def _event_row(person_id: int, origin: Origin, values: Mapping[str, Any]) -> dict[str, Any]:
    """One CertificateEvent row of an import, every column given (insert_rows needs alike)."""
    return {
        "person_id": person_id,
        "kind": values["kind"],
        "effective_on": values.get("effective_on"),
        "disability_category": values.get("disability_category"),
        "disability_grade": values.get("disability_grade"),
        "valid_until": values.get("valid_until"),
        "certificate_hash": values.get("certificate_hash", ""),
        "certificate_masked": values.get("certificate_masked", ""),
        "source": values.get("source", CertificateEventSource.IMPORT),
        "source_detail": (values.get("source_detail") or origin.source)[:200],
        "recorded_by_id": getattr(origin.actor, "pk", None),
    }


def _record_events(
    person_id: int, record: Mapping[str, Any], origin: Origin, *, issued_on: date | None, on: date
) -> list[dict[str, Any]]:
    """The events a record without history stands for (`events_from_record`), the issued one
    dated `issued_on` when the file gives it."""
    events = events_from_record(
        category=record["disability_category"],
        grade=record["disability_grade"],
        status=record.get("certificate_status") or "valid",
        valid_until=record.get("certificate_valid_until"),
        last_change=on,
    )
    rows = []
    for values in events:
        if values["kind"] == "issued":
            values |= {
                "certificate_hash": record.get("certificate_hash", ""),
                "certificate_masked": record.get("certificate_masked", ""),
            }
            if issued_on is not None:
                values |= {"effective_on": issued_on, "source_detail": ""}
        rows.append(_event_row(person_id, origin, values))
    return rows


def _first_events(planned: Planned, person_id: int, origin: Origin) -> list[dict[str, Any]]:
    return _record_events(
        person_id, planned.new, origin, issued_on=planned.certificate_issued_on, on=planned.on
    )


def _change_events(
    planned: Planned, person: Person, before: Mapping[str, Any], origin: Origin
) -> list[dict[str, Any]]:
    """The events the row's change to the certificate fields means, from the row's date."""
    after = {name: getattr(person, name) for name in CERTIFICATE_FIELDS}
    return [
        _event_row(person.pk, origin, values)
        for values in events_from_change(before, after, on=planned.on)
    ]


def _first_period(planned: Planned, person_id: int, origin: Origin) -> dict[str, Any]:
    assert planned.employment is not None
    return {
        "person_id": person_id,
        "status": planned.employment.status,
        "kind": planned.employment.kind,
        "employer_name": planned.employment.employer_name,
        "started_on": planned.on,
        "source": origin.source,
    }


def _created_audit(planned: Planned, person_id: int, origin: Origin) -> dict[str, Any]:
    new = planned.new
    entry = audit_entry(
        actor=origin.actor,
        kind=AuditKind.CREATE,
        action=RegistryAction.PERSON_IMPORT_CREATE,
        target_type=PERSON_TYPE,
        target_label=label_of(new),
        region_code=new["township_code"] or new["county_code"],  # the finest region known
        changes=_created_changes(planned),
        detail=_detail(origin, planned),
    )
    entry["target_id"] = str(person_id)
    return entry


# What an import's audit record of a new person repeats (the record holds the rest).
CREATED_SUMMARY = (
    "name",
    "resident_id_masked",
    "county_code",
    "disability_category",
    "disability_grade",
    "employment_status",
    "employment_kind",
)


def _created_changes(planned: Planned) -> dict[str, list[Any]]:
    """`{field: [None, value]}` for the new record's main facts (identifiers masked)."""
    new = planned.new
    changes: dict[str, list[Any]] = {
        name: [None, new[name]] for name in CREATED_SUMMARY if new[name]
    }
    if planned.employment and planned.employment.employer_name:
        changes["employer_name"] = [None, planned.employment.employer_name]
    for kind in planned.flags:
        changes[f"flag.{kind}"] = [None, True]
    return changes


def _update(updates: list[Planned], origin: Origin) -> list[dict[str, Any]]:
    """Apply each change through the dated history, then save the records in bulk."""
    now = timezone.now()
    changed_fields: set[str] = {"updated_at"}
    audits: list[dict[str, Any]] = []
    persons = [_existing(planned) for planned in updates]
    touches_certificate = {
        person.pk
        for planned, person in zip(updates, persons, strict=True)
        if set(planned.fields) & {*CERTIFICATE_FIELDS, "certificate_number"}
    }
    with_history = set(
        CertificateEvent.objects.filter(person_id__in=touches_certificate)
        .values_list("person_id", flat=True)
        .distinct()
    )
    events: list[dict[str, Any]] = []
    for planned, person in zip(updates, persons, strict=True):
        watched = [*planned.fields, "employment_status", "employment_kind"]
        before = snapshot(person, watched)
        certificate_before = {name: getattr(person, name) for name in CERTIFICATE_FIELDS}
        for name, value in planned.fields.items():
            setattr(person, name, value)
        changed_fields.update(_protect(planned, person))
        if person.pk in touches_certificate:
            if person.pk not in with_history:
                events += _record_events(
                    person.pk,
                    certificate_before,
                    origin,
                    issued_on=planned.certificate_issued_on,
                    on=planned.on,
                )
            events += _change_events(planned, person, certificate_before, origin)
        changes = _history(planned, person, origin)
        person.updated_at = now
        changed_fields.update(watched)
        changes |= person_changes(before, snapshot(person, watched))
        audits.append(
            audit_entry(
                actor=origin.actor,
                kind=AuditKind.CHANGE,
                action=RegistryAction.PERSON_IMPORT_UPDATE,
                target=person,
                changes=changes,
                detail=_detail(origin, planned),
            )
        )
    Person.objects.bulk_update(persons, sorted(changed_fields), batch_size=BULK_SIZE // 2)
    insert_rows(CertificateEvent, events)
    # Edit forms opened before the import are refused after it (core/versioning.py).
    ids = [person.pk for person in persons]
    for start in range(0, len(ids), BULK_SIZE):
        advance_versions(Person.objects.filter(pk__in=ids[start : start + BULK_SIZE]))
    return audits


def _existing(planned: Planned) -> Person:
    assert planned.person is not None, "an update names the existing record"
    return planned.person


def _protect(planned: Planned, person: Person) -> list[str]:
    """Set the lookup and masked columns of the identity fields the row changes (the resident
    ID, which matched the record, never changes); returns their names."""
    columns: dict[str, str] = {}
    for name in SENSITIVE_FIELDS:
        if name in planned.fields:
            columns |= identity_columns(name, planned.fields[name] or "")
    for column, value in columns.items():
        setattr(person, column, value)
    return list(columns)


def _history(planned: Planned, person: Person, origin: Origin) -> dict[str, list[Any]]:
    """Close and open employment periods and flags from the row's date; history is kept."""
    changes: dict[str, list[Any]] = {}
    if planned.employment is not None:
        opened = change_employment_status(
            person=person,
            status=planned.employment.status,
            kind=planned.employment.kind,
            employer_name=planned.employment.employer_name,
            on=planned.on,
            source=origin.source,
            current=planned.period,
        )
        if opened is not None and opened.employer_name:
            changes["employer_name"] = [None, opened.employer_name]
    for kind, active in planned.flags.items():
        set_flag(
            person=person,
            kind=kind,
            active=active,
            on=planned.on,
            source=origin.source,
            current=planned.open_flags.get(kind),  # None: planning found none open
        )
        changes[f"flag.{kind}"] = [not active, active]
    return changes


def insert_synthetic_persons(*, persons: Sequence[Person]) -> None:
    """Insert generated persons (the demo and `ablework seed`), their protected columns set,
    skipping any resident ID already registered; no history and no audit (nobody did this)."""
    Person.objects.bulk_create(persons, batch_size=BULK_SIZE, ignore_conflicts=True)
