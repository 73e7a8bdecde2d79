"""The amounts the tax bureau reports collected (实缴), written only here: by the `levy_collected`
import kind's writer, each payment audited with its batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ablework.core.audit import audit_entry, record_audits
from ablework.core.models import AuditKind
from ablework.levy.audit_actions import LevyAction
from ablework.levy.models import CollectedPayment


@dataclass
class PlannedPayment:
    """One payment to record (`existing` set: its amount changes)."""

    employer_id: int
    county_code: str
    levy_year: int
    amount: Decimal
    paid_on: date
    voucher: str
    label: str
    existing: int | None = None
    was: Decimal | None = None
    created: bool = True


def write_payments(
    *, actor: Any, payments: list[PlannedPayment], batch_id: int | None, detail: dict[str, Any]
) -> None:
    """Create the new payments and correct the changed amounts; an audit record each."""
    new = [
        CollectedPayment(
            employer_id=p.employer_id,
            county_code=p.county_code,
            levy_year=p.levy_year,
            amount=p.amount,
            paid_on=p.paid_on,
            voucher=p.voucher,
            batch_id=batch_id,
        )
        for p in payments
        if p.existing is None
    ]
    created = CollectedPayment.objects.bulk_create(new)
    changed = [p for p in payments if p.existing is not None]
    for planned in changed:
        assert planned.existing is not None
        CollectedPayment.objects.filter(pk=planned.existing).update(
            amount=planned.amount, batch_id=batch_id
        )
    entries = []
    for row, planned in zip(created, [p for p in payments if p.existing is None], strict=True):
        entries.append(
            audit_entry(
                actor=actor,
                kind=AuditKind.CREATE,
                action=LevyAction.COLLECTED_IMPORT,
                target=row,
                target_label=planned.label,
                region_code=planned.county_code,
                changes={"amount": [None, str(planned.amount)]},
                detail=detail,
            )
        )
    for planned in changed:
        entries.append(
            audit_entry(
                actor=actor,
                kind=AuditKind.CHANGE,
                action=LevyAction.COLLECTED_IMPORT,
                target_type="levy.collectedpayment",
                target_label=planned.label,
                region_code=planned.county_code,
                changes={"amount": [str(planned.was), str(planned.amount)]},
                detail={**detail, "payment": planned.existing},
            )
        )
    if entries:
        record_audits(entries)
