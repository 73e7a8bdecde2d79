"""Writes of concentrated employment, each audited in its own transaction: registering an
employer as a unit of concentrated employment, changing its type or recognition date, and the
VAT it paid each month (versioned on the unit: a form opened before another's save is refused)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.scope import visible
from ablework.concentrated.access import PERMISSION, access_unit
from ablework.concentrated.audit_actions import ConcentratedAction
from ablework.concentrated.models import ConcentratedUnit, MonthlyVat, UnitType
from ablework.core.audit import audit_entry, diff, record_audit, record_audits, snapshot
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version, advance_versions
from ablework.employers.models import Employer

CENT = Decimal("0.01")
_FIELDS = ("unit_type", "recognised_from", "recognition_reference")


@dataclass(frozen=True, kw_only=True)
class UnitDetails:
    """What registering a unit, or changing it, sets."""

    unit_type: str
    recognised_from: date
    recognition_reference: str = ""


def _checked(details: UnitDetails) -> UnitDetails:
    if details.unit_type not in UnitType.values:
        raise Invalid(_("请选择集中就业单位类型。"), field="unit_type")
    return details


def register_unit(*, actor: User, uscc: str, details: UnitDetails) -> ConcentratedUnit:
    """Mark the employer with this credit code, in the actor's region, as a unit of
    concentrated employment from `recognised_from`."""
    _checked(details)
    employer = visible(actor, Employer, permission=PERMISSION).filter(uscc=uscc.strip()).first()
    if employer is None:
        raise NotFound(
            _("本辖区没有统一社会信用代码为 %(uscc)s 的用人单位。") % {"uscc": uscc},
            field="uscc",
        )
    with transaction.atomic():
        if ConcentratedUnit.objects.select_for_update().filter(employer=employer).exists():
            raise Invalid(_("该单位已登记为集中就业单位。"), field="uscc")
        unit = ConcentratedUnit.objects.create(
            employer=employer,
            unit_type=details.unit_type,
            recognised_from=details.recognised_from,
            recognition_reference=details.recognition_reference.strip(),
            recorded_by=actor,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=ConcentratedAction.UNIT_REGISTER,
            target=unit,
            target_label=employer.name,
            changes={name: [None, value] for name, value in snapshot(unit, _FIELDS).items()},
        )
    return unit


def update_unit(
    *, actor: User, unit_id: int, version: int, details: UnitDetails
) -> ConcentratedUnit:
    """Change the unit's type, recognition date or reference, on the version the form saw."""
    _checked(details)
    with transaction.atomic():
        unit = access_unit(actor, unit_id)
        advance_version(unit, seen=version)
        before = snapshot(unit, _FIELDS)
        unit.unit_type = details.unit_type
        unit.recognised_from = details.recognised_from
        unit.recognition_reference = details.recognition_reference.strip()
        unit.save(update_fields=[*_FIELDS, "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=ConcentratedAction.UNIT_EDIT,
            target=unit,
            target_label=unit.employer.name,
            changes=diff(before, snapshot(unit, _FIELDS)),
        )
    return unit


def record_vat(
    *,
    actor: User,
    unit_id: int,
    version: int,
    year: int,
    amounts: Mapping[int, Decimal | None],
) -> ConcentratedUnit:
    """Set the VAT paid in the given months of `year` (None: not known, the month's row is
    removed), on the unit's version the form saw; months not given are left as they are."""
    with transaction.atomic():
        unit = access_unit(actor, unit_id)
        advance_version(unit, seen=version)
        changes = write_vat_months(unit, year, amounts)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=ConcentratedAction.VAT_RECORD,
            target=unit,
            target_label=unit.employer.name,
            changes=changes,
            detail={"year": year},
        )
    return unit


def write_vat_months(
    unit: ConcentratedUnit, year: int, amounts: Mapping[int, Decimal | None]
) -> dict[str, list[str | None]]:
    """Write the months (inside the caller's transaction) and return what changed, as
    `{"vat_2025_03": [old, new]}`."""
    for month, amount in amounts.items():
        if not 1 <= month <= 12:
            raise Invalid(_("月份应为 1 至 12。"), field=f"month_{month}")
        if amount is not None and amount < 0:
            raise Invalid(_("已缴增值税不能为负数。"), field=f"month_{month}")
    stored = {
        row.month: row for row in MonthlyVat.objects.filter(unit=unit, year=year, month__in=amounts)
    }
    changes: dict[str, list[str | None]] = {}
    for month, amount in sorted(amounts.items()):
        row = stored.get(month)
        old = None if row is None else row.vat_paid
        new = None if amount is None else amount.quantize(CENT)
        if old == new:
            continue
        if new is None:
            MonthlyVat.objects.filter(pk=row.pk).delete()  # type: ignore[union-attr]
        elif row is None:
            MonthlyVat.objects.create(unit=unit, year=year, month=month, vat_paid=new)
        else:
            row.vat_paid = new
            row.save(update_fields=["vat_paid"])
        changes[f"vat_{year}_{month:02d}"] = [
            None if old is None else format(old, "f"),
            None if new is None else format(new, "f"),
        ]
    return changes


@dataclass(kw_only=True)
class PlannedVatMonth:
    """One month's VAT of a unit from the tax bureau's file: new (`was` None) or corrected."""

    unit_id: int
    county_code: str
    label: str
    year: int
    month: int
    amount: Decimal
    was: Decimal | None = None
    created: bool = True


def import_vat_months(
    *, actor: User | None, months: list[PlannedVatMonth], detail: dict[str, Any]
) -> None:
    """Write the months of an imported file (inside the import's one transaction), one audit
    record per unit with each month old → new and the batch; each changed unit's version
    advances once, so a VAT form opened before the import is refused (409, shown this record)
    rather than overwriting it."""
    by_unit: dict[int, list[PlannedVatMonth]] = {}
    for planned in months:
        by_unit.setdefault(planned.unit_id, []).append(planned)
    units = ConcentratedUnit.objects.in_bulk(list(by_unit))
    entries, changed = [], []
    for unit_id, rows in sorted(by_unit.items()):
        changes: dict[str, list[str | None]] = {}
        for year in sorted({row.year for row in rows}):
            amounts = {row.month: row.amount for row in rows if row.year == year}
            changes.update(write_vat_months(units[unit_id], year, amounts))
        if not changes:
            continue
        changed.append(unit_id)
        entries.append(
            audit_entry(
                actor=actor,
                kind=AuditKind.CHANGE,
                action=ConcentratedAction.VAT_IMPORT,
                target=units[unit_id],
                target_label=rows[0].label,
                region_code=rows[0].county_code,
                changes=changes,
                detail={**detail, "years": sorted({row.year for row in rows})},
            )
        )
    advance_versions(ConcentratedUnit.objects.filter(pk__in=changed))
    if entries:
        record_audits(entries)


def record_list_export(*, actor: User, year: int, units: int, file_format: str) -> None:
    """Log an export of the tax bureau's list (employers' figures; no person's data)."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=ConcentratedAction.LIST_EXPORT,
        target_type="concentrated.concentratedunit",
        target_label=_("%(year)s年度集中就业退税名单") % {"year": year},
        detail={"year": year, "units": units, "format": file_format},
    )
