"""Completion of the "四个一" in a cycle, by county, township and counsellor, against the
cycle's targets (rules `support.target_*`: 100% unless a local value says otherwise), from the
precomputed rows: one GROUP BY over the area's in-scope rows of the year, read from the
`case_completion` index (by counsellor: `case_completion_owner`).

The information check is due for everyone in scope; the other three for those in scope who
want work. A person counts where the last refresh placed them, and by the worker who recorded
their latest service of the cycle (the counsellor; "未有服务记录" when none)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from ablework.accounts.models import User
from ablework.core.region_names import region_name
from ablework.support.models import CycleCase, Pillar

GROUPS = {"county": "county_code", "township": "township_code", "owner": "owner_id"}
_DONE = {
    Pillar.CHECK: Q(check_on__isnull=False),
    Pillar.ASSESSMENT: Q(wants_work=True, assessment_on__isnull=False),
    Pillar.NEEDS: Q(wants_work=True, needs_on__isnull=False),
    Pillar.SERVICE: Q(wants_work=True, service_on__isnull=False),
}


@dataclass(frozen=True)
class Figure:
    """One service's completion in one group."""

    pillar: str
    due: int
    done: int
    target: Decimal

    @property
    def missing(self) -> int:
        return self.due - self.done

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.done) / Decimal(self.due) if self.due else None

    @property
    def meets_target(self) -> bool:
        return self.rate is None or self.rate >= self.target


@dataclass(frozen=True)
class CompletionRow:
    """A county, township or counsellor: persons in scope, wanting work, and each figure."""

    code: str
    name: str
    in_scope: int
    wants_work: int
    figures: list[Figure] = field(default_factory=list)


def completion(
    cases: QuerySet[CycleCase], *, year: int, by: str, targets: dict[str, Decimal]
) -> list[CompletionRow]:
    """The figures of the rows of `cases` in scope in `year`, grouped `by` county, township or
    owner (the counsellor)."""
    column = GROUPS[by]
    grouped = (
        cases.filter(year=year, in_scope=True)
        .values(column)
        .annotate(
            in_scope_count=Count("pk"),
            wants_count=Count("pk", filter=Q(wants_work=True)),
            **{f"{pillar}_done": Count("pk", filter=q) for pillar, q in _DONE.items()},
        )
        .order_by(column)
    )
    names = owner_names(grouped) if by == "owner" else {}
    rows = []
    for group in grouped:
        code = group[column]
        rows.append(
            CompletionRow(
                code="" if code is None else str(code),
                name=names.get(code, "") if by == "owner" else region_name(code),
                in_scope=group["in_scope_count"],
                wants_work=group["wants_count"],
                figures=_figures(group, targets),
            )
        )
    return rows


def total(rows: list[CompletionRow], targets: dict[str, Decimal]) -> CompletionRow:
    """The sum of the rows."""
    summed = {
        "in_scope_count": sum(row.in_scope for row in rows),
        "wants_count": sum(row.wants_work for row in rows),
        **{
            f"{pillar}_done": sum(row.figures[i].done for row in rows)
            for i, pillar in enumerate(Pillar.values)
        },
    }
    return CompletionRow(
        code="",
        name="",
        in_scope=summed["in_scope_count"],
        wants_work=summed["wants_count"],
        figures=_figures(summed, targets),
    )


def _figures(group: dict[str, int], targets: dict[str, Decimal]) -> list[Figure]:
    return [
        Figure(
            pillar=pillar,
            due=group["in_scope_count"] if pillar == Pillar.CHECK else group["wants_count"],
            done=group[f"{pillar}_done"],
            target=targets[pillar],
        )
        for pillar in Pillar.values
    ]


def owner_names(grouped: Iterable[dict[str, Any]]) -> dict[int | None, str]:
    ids = [group["owner_id"] for group in grouped if group["owner_id"] is not None]
    users = User.objects.filter(pk__in=ids).only("username", "first_name", "last_name")
    return {user.pk: user.get_full_name() or user.username for user in users}
