"""Writes of the graduates' ledger (一人一策台账), each audited: the cohort's graduates (from
the `graduates` import kind), the opportunities offered and the status of each month. Every
write refreshes the queue's rows of the matched person (`refresh_cases`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import audit_entry, record_audit, record_audits
from ablework.core.errors import Invalid
from ablework.core.masking import mask_phone, mask_resident_id
from ablework.core.models import AuditKind
from ablework.exchange.models import ImportBatch
from ablework.support.audit_actions import GraduateAction
from ablework.support.models import (
    Cohort,
    EmployedHow,
    Graduate,
    GraduateStatus,
    MonthlyStatus,
    OfferKind,
    OfferOutcome,
    Opportunity,
)
from ablework.support.services.cases import refresh_cases

# The fields an import sets, compared to tell an unchanged row.
IMPORTED_FIELDS = (
    "name",
    "school",
    "major",
    "graduation_date",
    "phone",
    "wishes",
    "person_id",
    "match_problem",
)


@dataclass
class PlannedGraduate:
    """One graduate to write (`existing` set: an update of the graduate already imported)."""

    county_code: str
    township_code: str
    year: int
    source: str
    name: str
    resident_id: str
    resident_id_hash: str
    school: str
    major: str
    graduation_date: date
    phone: str
    wishes: str
    person_id: int | None
    match_problem: str
    row: int
    existing: int | None = None
    created: bool = True

    def same_as(self, graduate: Graduate) -> bool:
        """Whether the graduate already holds what this row says."""
        return all(getattr(graduate, name) == getattr(self, name) for name in IMPORTED_FIELDS)

    def fields(self) -> dict[str, Any]:
        return {
            **{name: getattr(self, name) for name in IMPORTED_FIELDS},
            "phone_masked": mask_phone(self.phone) if self.phone else "",
            "county_code": self.county_code,
            "township_code": self.township_code,
        }


def _cohorts(
    planned: list[PlannedGraduate], batch: ImportBatch | None
) -> dict[tuple[str, int], Cohort]:
    keys = {(p.county_code, p.year): p.source for p in planned}
    found = {
        (c.county_code, c.year): c
        for c in Cohort.objects.filter(
            county_code__in={k[0] for k in keys}, year__in={k[1] for k in keys}
        )
    }
    for (county, year), source in keys.items():
        if (county, year) not in found:
            found[(county, year)] = Cohort.objects.create(
                county_code=county, year=year, source=source, batch=batch
            )
    return found


def write_graduates(
    *,
    actor: User | None,
    graduates: list[PlannedGraduate],
    batch: ImportBatch | None,
    detail: dict[str, Any],
) -> None:
    """Create the new graduates and update the changed ones of an import chunk, in its
    transaction; an audit record each, and the matched persons' cases refreshed."""
    if not graduates:
        return
    cohorts = _cohorts(graduates, batch)
    new = [p for p in graduates if p.existing is None]
    created = Graduate.objects.bulk_create(
        [
            Graduate(
                cohort=cohorts[(p.county_code, p.year)],
                resident_id=p.resident_id,
                resident_id_hash=p.resident_id_hash,
                resident_id_masked=mask_resident_id(p.resident_id),
                batch=batch,
                **p.fields(),
            )
            for p in new
        ]
    )
    entries = [
        audit_entry(
            actor=actor,
            kind=AuditKind.CREATE,
            action=GraduateAction.IMPORT,
            target=graduate,
            region_code=planned.township_code or planned.county_code,
            changes={"school": [None, planned.school]},
            detail={**detail, "row": planned.row},
        )
        for graduate, planned in zip(created, new, strict=True)
    ]
    for planned in graduates:
        if planned.existing is None:
            continue
        before = Graduate.objects.get(pk=planned.existing)
        changes = {
            name: [str(getattr(before, name)), str(getattr(planned, name))]
            for name in IMPORTED_FIELDS
            if getattr(before, name) != getattr(planned, name)
            and name not in ("phone", "person_id")
        }
        if before.phone != planned.phone:
            changes["phone"] = [before.phone_masked, mask_phone(planned.phone)]
        Graduate.objects.filter(pk=planned.existing).update(
            batch=batch, version=F("version") + 1, **planned.fields()
        )
        entries.append(
            audit_entry(
                actor=actor,
                kind=AuditKind.CHANGE,
                action=GraduateAction.IMPORT,
                target=before,
                region_code=planned.township_code or planned.county_code,
                changes=changes,
                detail={**detail, "row": planned.row},
            )
        )
    record_audits(entries)
    matched = sorted({p.person_id for p in graduates if p.person_id is not None})
    if matched:
        refresh_cases(person_ids=matched)


def _refresh(graduate: Graduate) -> None:
    if graduate.person_id is not None:
        refresh_cases(person_ids=[graduate.person_id])


def record_offer(
    *,
    actor: User,
    graduate: Graduate,
    offered_on: date,
    kind: str,
    employer: str,
    outcome: str = OfferOutcome.PENDING,
    notes: str = "",
) -> Opportunity:
    """Record one job opportunity offered to a graduate (the actor may record for them)."""
    if kind not in OfferKind.values:
        raise Invalid(_("请选择机会类型。"), field="kind")
    if outcome not in OfferOutcome.values:
        raise Invalid(_("请选择结果。"), field="outcome")
    if offered_on > timezone.localdate():
        raise Invalid(_("提供日期不能晚于今天。"), field="offered_on")
    if not employer.strip():
        raise Invalid(_("请填写单位或内容。"), field="employer")
    with transaction.atomic():
        offer = Opportunity.objects.create(
            graduate=graduate,
            offered_on=offered_on,
            kind=kind,
            employer=employer.strip(),
            outcome=outcome,
            notes=notes,
            recorded_by=actor,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=GraduateAction.OFFER,
            target=offer,
            region_code=graduate.township_code or graduate.county_code,
            changes={"kind": [None, kind], "outcome": [None, outcome]},
            detail={"graduate": graduate.pk},
        )
        _refresh(graduate)
    return offer


def record_status(
    *,
    actor: User,
    graduate: Graduate,
    month: date,
    status: str,
    employed_how: str = "",
    notes: str = "",
) -> MonthlyStatus:
    """Record (or correct) the graduate's status for one month."""
    month = month.replace(day=1)
    today = timezone.localdate()
    if status not in GraduateStatus.values:
        raise Invalid(_("请选择状态。"), field="status")
    if month > today:
        raise Invalid(_("不能记录以后月份的状态。"), field="month")
    if status == GraduateStatus.EMPLOYED and employed_how not in EmployedHow.values:
        raise Invalid(_("已就业时请选择就业方式。"), field="employed_how")
    if status != GraduateStatus.EMPLOYED:
        employed_how = ""
    employed_before = (
        MonthlyStatus.objects.filter(
            graduate=graduate, status=GraduateStatus.EMPLOYED, month__lt=month
        )
        .order_by("month")
        .first()
    )
    if employed_before is not None:
        raise Invalid(
            _("%(month)s已记录为已就业：就业后不再按月记录。")
            % {"month": f"{employed_before.month:%Y-%m}"},
            field="month",
        )
    with transaction.atomic():
        before = MonthlyStatus.objects.filter(graduate=graduate, month=month).first()
        if before is None:
            entry = MonthlyStatus.objects.create(
                graduate=graduate,
                month=month,
                status=status,
                employed_how=employed_how,
                notes=notes,
                recorded_by=actor,
                recorded_on=today,
            )
            was: list[Any] = [None, None]
        else:
            was = [before.status, before.employed_how]
            before.status, before.employed_how, before.notes = status, employed_how, notes
            before.recorded_by, before.recorded_on = actor, today
            before.save()
            entry = before
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE if before is None else AuditKind.CHANGE,
            action=GraduateAction.STATUS,
            target=entry,
            region_code=graduate.township_code or graduate.county_code,
            changes={"status": [was[0], status], "employed_how": [was[1], employed_how]},
            detail={"graduate": graduate.pk},
        )
        _refresh(graduate)
    return entry


def record_graduate_view(*, actor: User, graduate: Graduate) -> None:
    """Log that the actor opened a graduate's ledger page (their identifiers and health)."""
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=GraduateAction.VIEW,
        target=graduate,
        region_code=graduate.township_code or graduate.county_code,
    )


def record_ledger_export(*, actor: User, cohort: Cohort, rows: int) -> None:
    """Log an export of a cohort's ledger."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=GraduateAction.EXPORT,
        target=cohort,
        region_code=cohort.county_code,
        detail={"rows": rows, "year": cohort.year},
    )
