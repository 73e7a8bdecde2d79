"""Writing a chunk's plan: new persons, their first employment period and flags in bulk; changed
persons through the registry's dated history; an audit record for each, naming the batch.

Called inside the import's single transaction.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ablework.core.audit import audit_entry, diff, record_audits, snapshot
from ablework.core.bulk import insert_rows
from ablework.core.models import AuditKind
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import ChunkPlan
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.history import change_employment_status, set_flag
from ablework.registry.imports.planning import Planned
from ablework.registry.imports.records import label_of
from ablework.registry.models import SENSITIVE_FIELDS, EmploymentPeriod, Person, PersonFlag
from ablework.registry.services.persons import identity_columns

BULK_SIZE = 1000
PERSON_TYPE = Person._meta.label_lower


def write_plan(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Write what the plan says."""
    creates = [planned for planned in plan.planned if planned.created]
    updates = [planned for planned in plan.planned if not planned.created]
    audits = _create(creates, ctx) if creates else []
    audits += _update(updates, ctx) if updates else []
    record_audits(audits)


def _detail(ctx: ImportContext, planned: Planned) -> dict[str, Any]:
    """The batch and the row a change came from (the batch keeps the file's SHA-256)."""
    return {
        "import_batch": ctx.batch.pk,
        "file_name": ctx.batch.file_name,
        "row": planned.row.number,
    }


def _create(creates: list[Planned], ctx: ImportContext) -> list[dict[str, Any]]:
    """New persons, their first employment period and flags, and an audit record each."""
    insert_rows(Person, [planned.new for planned in creates])
    hashes = [planned.new["resident_id_hash"] for planned in creates]
    ids = dict(
        Person.objects.filter(resident_id_hash__in=hashes).values_list("resident_id_hash", "id")
    )
    source = ctx.source_label
    periods: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    for planned in creates:
        person_id = ids[planned.new["resident_id_hash"]]
        periods.append(_first_period(planned, person_id, ctx))
        flags += [
            {
                "person_id": person_id,
                "kind": kind,
                "started_on": planned.on,
                "source": source,
            }
            for kind in planned.flags
        ]
        audits.append(_created_audit(planned, person_id, ctx))
    insert_rows(EmploymentPeriod, periods)
    insert_rows(PersonFlag, flags)
    return audits


def _first_period(planned: Planned, person_id: int, ctx: ImportContext) -> dict[str, Any]:
    assert planned.employment is not None
    return {
        "person_id": person_id,
        "status": planned.employment.status,
        "kind": planned.employment.kind,
        "employer_name": planned.employment.employer_name,
        "started_on": planned.on,
        "source": ctx.source_label,
    }


def _created_audit(planned: Planned, person_id: int, ctx: ImportContext) -> dict[str, Any]:
    new = planned.new
    entry = audit_entry(
        actor=ctx.actor,
        kind=AuditKind.CREATE,
        action=RegistryAction.PERSON_IMPORT_CREATE,
        target_type=PERSON_TYPE,
        target_label=label_of(new),
        county_code=new["county_code"],
        changes=_created_changes(planned),
        detail=_detail(ctx, planned),
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


def _update(updates: list[Planned], ctx: ImportContext) -> list[dict[str, Any]]:
    """Apply each change through the dated history, then save the records in bulk."""
    now = timezone.now()
    changed_fields: set[str] = {"updated_at"}
    audits: list[dict[str, Any]] = []
    persons = [_existing(planned) for planned in updates]
    for planned, person in zip(updates, persons, strict=True):
        watched = [*planned.fields, "employment_status", "employment_kind"]
        before = snapshot(person, watched)
        for name, value in planned.fields.items():
            setattr(person, name, value)
        changed_fields.update(_protect(planned, person))
        changes = _history(planned, person, ctx)
        person.updated_at = now
        changed_fields.update(watched)
        changes |= diff(before, snapshot(person, watched), sensitive=SENSITIVE_FIELDS)
        audits.append(
            audit_entry(
                actor=ctx.actor,
                kind=AuditKind.CHANGE,
                action=RegistryAction.PERSON_IMPORT_UPDATE,
                target=person,
                changes=changes,
                detail=_detail(ctx, planned),
            )
        )
    Person.objects.bulk_update(persons, sorted(changed_fields), batch_size=BULK_SIZE // 2)
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


def _history(planned: Planned, person: Person, ctx: ImportContext) -> dict[str, list[Any]]:
    """Close and open employment periods and flags from the row's date; history is kept."""
    changes: dict[str, list[Any]] = {}
    if planned.employment is not None:
        opened = change_employment_status(
            person=person,
            status=planned.employment.status,
            kind=planned.employment.kind,
            employer_name=planned.employment.employer_name,
            on=planned.on,
            source=ctx.source_label,
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
            source=ctx.source_label,
            current=planned.open_flags.get(kind),  # None: planning found none open
        )
        changes[f"flag.{kind}"] = [not active, active]
    return changes
