"""Who is due for what in a cycle of the "四个一" (国办发〔2022〕6号 二、（九）; the rules
parameters `support.*`, sourced in their YAML files; docs/support.md).

A person is **in scope** on a day when they are of working age (registry
`selectors.working_age`: 16 to the statutory retirement month under the 2025 reform), their
certificate is valid on that day, they are living and not merged into another record, and they
are not employed (registry status 未就业 or 无就业意愿). Everyone in scope is due an information
check in the cycle; those who want work (status 未就业, or the cycle's latest check says so) are
also due an assessment, a needs registration and at least one service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from ablework.core.errors import Invalid
from ablework.registry.models import CertificateStatus, EmploymentStatus
from ablework.registry.rulebook import rules_evaluation
from ablework.registry.selectors.working_age import working_age_bounds, working_age_q
from ablework.support.models import Pillar

# Registry statuses of persons "not employed" (未就业) in the sense of the 四个一; 无劳动能力 and
# 已退休 are outside it (our reading of the registry's list, docs/support.md).
SCOPE_STATUSES = (EmploymentStatus.UNEMPLOYED, EmploymentStatus.NOT_SEEKING)
WANTS_WORK_STATUS = EmploymentStatus.UNEMPLOYED


@dataclass(frozen=True)
class Cycle:
    """One cycle: its year, first and last day, and the day by which each service is due."""

    year: int
    start: date
    end: date
    deadline: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def cycle_on(on: date, *, jurisdiction: str = "") -> Cycle:
    """The cycle in force on `on` at `jurisdiction` (rules `support.cycle`, `support.deadline`)."""
    ctx = rules_evaluation(jurisdiction=jurisdiction, on=on)
    kind = ctx.code("support.cycle")
    if kind != "calendar_year":
        raise Invalid(f"support.cycle = {kind!r}: only calendar_year is implemented")
    start, end = date(on.year, 1, 1), date(on.year, 12, 31)
    month, day = (int(part) for part in ctx.code("support.deadline").split("-"))
    return Cycle(year=on.year, start=start, end=end, deadline=date(on.year, month, day))


def targets(*, on: date, jurisdiction: str = "") -> dict[str, Decimal]:
    """Each service's completion target (a share, 1 = 100%) in force on `on`."""
    ctx = rules_evaluation(jurisdiction=jurisdiction, on=on)
    return {pillar: ctx.decimal(f"support.target_{pillar}") for pillar in Pillar.values}


def overdue_after() -> timedelta:
    """Our own working threshold (not a legal figure): a service due for longer than this is
    shown as overdue before the cycle's deadline (`ABLEWORK_SUPPORT_OVERDUE_DAYS`)."""
    return timedelta(days=settings.SUPPORT_OVERDUE_DAYS)


def in_scope_q(*, on: date, jurisdiction: str = "", prefix: str = "") -> Q:
    """Persons in scope on `on` (fields of Person, or of a relation to it through `prefix`,
    e.g. "person__")."""
    conditions = (
        working_age_q(working_age_bounds(on=on, jurisdiction=jurisdiction))
        & Q(
            merged_into__isnull=True,
            certificate_status=CertificateStatus.VALID,
            employment_status__in=SCOPE_STATUSES,
        )
        & (Q(certificate_valid_until__isnull=True) | Q(certificate_valid_until__gte=on))
    )
    return _prefixed(conditions, prefix) if prefix else conditions


def working_age_at(day: date, *, jurisdiction: str = "") -> Q:
    return working_age_q(working_age_bounds(on=day, jurisdiction=jurisdiction))


def _prefixed(condition: Q, prefix: str) -> Q:
    children: list[Q | tuple[str, object]] = []
    for child in condition.children:
        if isinstance(child, Q):
            children.append(_prefixed(child, prefix))
        else:
            key, value = child  # type: ignore[misc]
            children.append((prefix + key, value))
    prefixed = Q(*children, _connector=condition.connector, _negated=condition.negated)
    return prefixed
