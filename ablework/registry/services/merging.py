"""Merging a duplicate record into the one kept, and dismissing a suspected duplicate.

Nothing is lost: the merged record stays (marked with `merged_into`, left out of lists, no longer
editable); its employment periods, flags, training and checks move to the kept record with their
ids and dates; what had to be closed to move (an open period, a flag the kept record also has
open) is closed on the merge day; the kept record's empty fields are filled from the merged one;
and the audit records list every moved and closed row, so a merge can be traced and undone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import ProxyConsent, User
from ablework.core.audit import record_audit, snapshot
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import (
    DuplicateDismissal,
    EmploymentPeriod,
    Person,
    PersonFlag,
    TrainingRecord,
    Verification,
)
from ablework.registry.services.persons import (
    AUDITED_FIELDS,
    fill_protected_columns,
    person_changes,
)

# Fields the kept record takes from the merged one when its own is empty.
FILLABLE_FIELDS = (
    "phone",
    "address",
    "township_code",
    "education",
    "certificate_valid_until",
    "household_region_code",
    "residence_region_code",
    "urban_rural",
    "retirement_base_age",
    "skills",
    "occupations",
    "communication_notes",
    "training_wished",
)
NEEDS_FIELDS = ("needs_sign_language", "needs_braille_or_large_print", "needs_easy_read")


def merge_persons(*, actor: User, kept: Person, merged: Person, note: str = "") -> Person:
    """Merge `merged` into `kept` (both already checked to be in the actor's area)."""
    if kept.pk == merged.pk:
        raise Invalid(_("不能把一条记录合并到它自己。"), field="merged")
    today = timezone.localdate()
    with transaction.atomic():
        kept, merged = _lock_both(kept.pk, merged.pk)
        if kept.merged_into_id is not None or merged.merged_into_id is not None:
            raise Conflict(_("其中一条记录已经合并过，请刷新后重试。"))
        advance_version(kept)  # both rows are locked: this only tells open edit forms
        advance_version(merged)
        before = snapshot(kept, AUDITED_FIELDS)
        closed = _close_what_cannot_move(kept=kept, merged=merged, on=today)
        moved = _move_rows(kept=kept, merged=merged)
        _fill_empty_fields(kept=kept, merged=merged)
        merged.merged_into = kept
        merged.merged_at = timezone.now()
        merged.save(update_fields=["merged_into", "merged_at", "updated_at"])
        detail: dict[str, Any] = {"merged_id": merged.pk, "closed": closed, "moved": moved}
        if note:
            detail["note"] = note
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_MERGE,
            target=kept,
            changes=person_changes(before, snapshot(kept, AUDITED_FIELDS)),
            detail=detail,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=RegistryAction.PERSON_MERGED_INTO,
            target=merged,
            changes={"merged_into": [None, kept.pk]},
            detail={"kept_id": kept.pk, **({"note": note} if note else {})},
        )
    return kept


def _lock_both(kept_id: int, merged_id: int) -> tuple[Person, Person]:
    """Lock the two rows in id order, whichever is kept: two opposite merges of the same pair
    then queue behind each other instead of each holding one row and waiting for the other
    (a deadlock the database would break by failing one of them)."""
    locked = {
        person_id: Person.objects.select_for_update().get(pk=person_id)
        for person_id in sorted((kept_id, merged_id))
    }
    return locked[kept_id], locked[merged_id]


def _close_what_cannot_move(*, kept: Person, merged: Person, on: date) -> dict[str, list[int]]:
    """The merged record's open period, and its open flags of a kind the kept record also has
    open, end on the merge day (one open period and one open flag per kind are constraints)."""
    period_ids = list(
        merged.employment_periods.filter(ended_on__isnull=True).values_list("pk", flat=True)
    )
    EmploymentPeriod.objects.filter(pk__in=period_ids).update(
        ended_on=Greatest(F("started_on"), on)
    )
    kept_open = kept.flags.filter(ended_on__isnull=True).values("kind")
    flag_ids = list(
        merged.flags.filter(ended_on__isnull=True, kind__in=kept_open).values_list("pk", flat=True)
    )
    PersonFlag.objects.filter(pk__in=flag_ids).update(ended_on=Greatest(F("started_on"), on))
    return {"employment_periods": period_ids, "flags": flag_ids}


def _move_rows(*, kept: Person, merged: Person) -> dict[str, list[int]]:
    """Re-point every history row and account binding from the merged record to the kept one."""
    moved: dict[str, list[int]] = {}
    for label, rows in (
        ("employment_periods", EmploymentPeriod.objects.filter(person=merged)),
        ("flags", PersonFlag.objects.filter(person=merged)),
        ("training_records", TrainingRecord.objects.filter(person=merged)),
        ("verifications", Verification.objects.filter(person=merged)),
        ("proxy_consents", ProxyConsent.objects.filter(person=merged)),
        ("user_accounts", User.objects.filter(person=merged)),
    ):
        moved[label] = list(rows.values_list("pk", flat=True))
        rows.update(person=kept)
    return moved


def _fill_empty_fields(*, kept: Person, merged: Person) -> None:
    """Empty fields of the kept record take the merged record's values; nothing is overwritten."""
    for field in FILLABLE_FIELDS:
        if getattr(kept, field) in ("", None) and getattr(merged, field) not in ("", None):
            setattr(kept, field, getattr(merged, field))
    for field in NEEDS_FIELDS:
        setattr(kept, field, getattr(kept, field) or getattr(merged, field))
    if merged.last_verified_on and (
        kept.last_verified_on is None or merged.last_verified_on > kept.last_verified_on
    ):
        kept.last_verified_on = merged.last_verified_on
    fill_protected_columns(kept)
    kept.save()


def dismiss_duplicate(*, actor: User, first: Person, second: Person, note: str = "") -> None:
    """Record that two records with the same name and birth date are two different people."""
    if first.pk == second.pk:
        raise Invalid(_("请选择两条不同的记录。"), field="second")
    low, high = sorted((first, second), key=lambda person: person.pk)
    with transaction.atomic():
        _dismissal, created = DuplicateDismissal.objects.get_or_create(
            first=low, second=high, defaults={"decided_by": actor, "note": note}
        )
        if not created:
            return
        for person, other in ((low, high), (high, low)):
            record_audit(
                actor=actor,
                kind=AuditKind.CHANGE,
                action=RegistryAction.PERSON_DUPLICATE_DISMISSED,
                target=person,
                detail={"other_id": other.pk, **({"note": note} if note else {})},
            )
