"""Completion of the "四个一" in a cycle, by county, township and counsellor, against the
cycle's targets (rules `support.target_*`: 100% unless a local value says otherwise), from the
precomputed totals (support.models.CompletionTotal: one row per township and counsellor, kept
with the rows they count): one GROUP BY over the area's total rows of the year, so the page
reads some hundred rows whatever the population. An actor whose area is finer than a township
(a community) is counted from the rows themselves (CycleCase, the `case_completion` index).

The information check is due for everyone in scope; the other three for those in scope who
want work. A person counts where the last refresh placed them, and by the worker who recorded
their latest service of the cycle (the counsellor; "未有服务记录" when none)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import scope_of, visible
from ablework.core.region_names import region_name
from ablework.support.models import CompletionTotal, CycleCase, Pillar

GROUPS = {"county": "county_code", "township": "township_code", "owner": "owner_id"}
# Each column of CompletionTotal, as counted over a CycleCase queryset of in-scope rows.
COUNTED = {
    "in_scope": Count("pk"),
    "wants_work": Count("pk", filter=Q(wants_work=True)),
    "check_done": Count("pk", filter=Q(check_on__isnull=False)),
    "assessment_done": Count("pk", filter=Q(wants_work=True, assessment_on__isnull=False)),
    "needs_done": Count("pk", filter=Q(wants_work=True, needs_on__isnull=False)),
    "service_done": Count("pk", filter=Q(wants_work=True, service_on__isnull=False)),
    "planned": Count("pk", filter=Q(plan_approved=True)),
    "with_overdue_actions": Count("pk", filter=Q(actions_overdue__gt=0)),
    "overdue_actions": Sum("actions_overdue"),
    "escalations_open": Count("pk", filter=Q(escalation_open=True)),
    "escalations_overdue": Count("pk", filter=Q(escalation_overdue=True)),
}
# The same columns summed over CompletionTotal rows.
SUMMED = {name: Sum(name) for name in COUNTED}


Counted = QuerySet[CompletionTotal] | QuerySet[CycleCase]


def totals_visible_to(actor: User, *, permission: Permission) -> Counted:
    """What the actor's figures are summed from: the totals of their area, or, for an area
    finer than a township, its in-scope cycle rows."""
    prefix = scope_of(actor).region_prefix
    if prefix is not None and len(prefix) > 9:
        return visible(actor, CycleCase, permission=permission).filter(in_scope=True)
    return visible(actor, CompletionTotal, permission=permission)


def grouped(rows: Counted, *, year: int, by: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The figures `names` of the rows of `year`, grouped `by` county, township or owner."""
    return count_groups(rows.filter(year=year), (GROUPS[by],), names)


def count_groups(
    rows: Counted, columns: tuple[str, ...], names: Iterable[str] = COUNTED
) -> list[dict[str, Any]]:
    """The figures `names` of `rows` (totals summed, cycle rows counted) by `columns`, each a
    dict of the columns and the figures (0 for none)."""
    how = SUMMED if rows.model is CompletionTotal else COUNTED
    # annotated under other names: the figures share theirs with CompletionTotal's columns
    groups = rows.values(*columns).annotate(**{f"n_{n}": how[n] for n in names}).order_by(*columns)
    return [
        {**{c: group[c] for c in columns}, **{n: group[f"n_{n}"] or 0 for n in names}}
        for group in groups
    ]


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
    rows: Counted, *, year: int, by: str, targets: dict[str, Decimal]
) -> list[CompletionRow]:
    """The figures of `rows` (totals_visible_to, narrowed) in `year`, grouped `by` county,
    township or owner (the counsellor)."""
    column = GROUPS[by]
    groups = grouped(rows, year=year, by=by, names=_NAMES)
    names = owner_names(groups) if by == "owner" else {}
    return [
        CompletionRow(
            code="" if group[column] is None else str(group[column]),
            name=names.get(group[column], "") if by == "owner" else region_name(group[column]),
            in_scope=group["in_scope"],
            wants_work=group["wants_work"],
            figures=_figures(group, targets),
        )
        for group in groups
    ]


_NAMES = ("in_scope", "wants_work", *(f"{pillar}_done" for pillar in Pillar.values))


def total(rows: list[CompletionRow], targets: dict[str, Decimal]) -> CompletionRow:
    """The sum of the rows."""
    summed = {
        "in_scope": sum(row.in_scope for row in rows),
        "wants_work": sum(row.wants_work for row in rows),
        **{
            f"{pillar}_done": sum(row.figures[i].done for row in rows)
            for i, pillar in enumerate(Pillar.values)
        },
    }
    return CompletionRow(
        code="",
        name="",
        in_scope=summed["in_scope"],
        wants_work=summed["wants_work"],
        figures=_figures(summed, targets),
    )


def due_column(pillar: str) -> str:
    """Who is due a service: everyone in scope the information check, those of them who want
    work the other three ("对其中有就业需求的残疾人")."""
    return "in_scope" if pillar == Pillar.CHECK else "wants_work"


def _figures(group: dict[str, int], targets: dict[str, Decimal]) -> list[Figure]:
    return [
        Figure(
            pillar=pillar,
            due=group[due_column(pillar)],
            done=group[f"{pillar}_done"],
            target=targets[pillar],
        )
        for pillar in Pillar.values
    ]


def owner_names(grouped: Iterable[dict[str, Any]]) -> dict[int | None, str]:
    ids = [group["owner_id"] for group in grouped if group["owner_id"] is not None]
    users = User.objects.filter(pk__in=ids).only("username", "first_name", "last_name")
    return {user.pk: user.get_full_name() or user.username for user in users}
