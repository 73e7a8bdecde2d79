"""Logging the persons behind a figure when they are listed: one record (who, which indicator,
region and period, how many, masked) naming each person on the page (`core.AuditPerson`), so
the view is in each one's access log, as the registry's exports and matching's candidates are."""

from __future__ import annotations

from collections.abc import Sequence

from ablework.accounts.models import User
from ablework.core.audit import record_audit, record_audit_persons
from ablework.core.measure_parts import Measure
from ablework.core.models import AuditKind, Region
from ablework.indicators.audit_actions import IndicatorsAction
from ablework.indicators.periods import Period
from ablework.registry.models import Person


def record_persons_view(
    *,
    actor: User,
    measure: Measure,
    region: Region,
    period: Period,
    persons: Sequence[Person],
    group: str = "in",
) -> None:
    """Log that the actor saw these persons as behind the figure (none: no record)."""
    if not persons:
        return
    record = record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=IndicatorsAction.PERSONS_VIEW,
        target_label=f"{measure.name}，{region.name}，{period.label}",
        region_code=region.code,
        detail={
            "rows": len(persons),
            "masked": True,
            "indicator": measure.code,
            "period": period.code,
            **({"group": group} if measure.is_rate else {}),
        },
    )
    record_audit_persons(record, Person.objects.filter(pk__in=[p.pk for p in persons]))


def record_units_view(
    *, actor: User, measure: Measure, region: Region, period: Period, shown: int
) -> None:
    """Log that the actor saw the units behind the figure (a page of them)."""
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=IndicatorsAction.UNITS_VIEW,
        target_label=f"{measure.name}，{region.name}，{period.label}",
        region_code=region.code,
        detail={"rows": shown, "indicator": measure.code, "period": period.code},
    )
