"""The supervisors' figures beyond the four services, by county, township and counsellor, from
the same precomputed totals as completion (support.models.CompletionTotal, counted from the
cycle rows CycleCase that the refresh writes): plan coverage
(persons in scope with an approved 一人一策 plan), overdue plan actions (of approved plans, past
their due date, not done), and open and overdue escalation proposals (升级帮扶). One GROUP BY per
grouping; the persons behind each figure are one click away (`FOLLOW_UP_FILTERS`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ablework.core.region_names import region_name
from ablework.support.models import CycleCase
from ablework.support.selectors.completion import GROUPS, Counted, grouped, owner_names

# What each "missing" link lists: the rows of persons in scope behind the figure.
FOLLOW_UP_FILTERS = {
    "no_plan": Q(plan_approved=False),
    "actions_overdue": Q(actions_overdue__gt=0),
    "escalation_open": Q(escalation_open=True),
    "escalation_overdue": Q(escalation_overdue=True),
}


@dataclass(frozen=True)
class FollowUpRow:
    """A county, township or counsellor: persons in scope, with an approved plan, with overdue
    plan actions (and how many actions), with an open escalation and one past its deadline."""

    code: str
    name: str
    in_scope: int
    planned: int
    with_overdue_actions: int
    overdue_actions: int
    escalations_open: int
    escalations_overdue: int

    @property
    def no_plan(self) -> int:
        return self.in_scope - self.planned

    @property
    def links(self) -> list[tuple[str, int]]:
        """Each figure with the filter listing its persons."""
        return [
            ("no_plan", self.no_plan),
            ("actions_overdue", self.with_overdue_actions),
            ("escalation_open", self.escalations_open),
            ("escalation_overdue", self.escalations_overdue),
        ]


def follow_up_figures(rows: Counted, *, year: int, by: str) -> list[FollowUpRow]:
    """The figures of `rows` (completion.totals_visible_to, narrowed) in `year`, grouped `by`
    county, township or owner (the counsellor, as in completion)."""
    column = GROUPS[by]
    groups = grouped(rows, year=year, by=by, names=_NAMES)
    names = owner_names(groups) if by == "owner" else {}
    return [
        FollowUpRow(
            code="" if group[column] is None else str(group[column]),
            name=names.get(group[column], "") if by == "owner" else region_name(group[column]),
            **{name: group[name] or 0 for name in _NAMES},
        )
        for group in groups
    ]


_NAMES = (
    "in_scope",
    "planned",
    "with_overdue_actions",
    "overdue_actions",
    "escalations_open",
    "escalations_overdue",
)


def follow_up_total(rows: list[FollowUpRow]) -> FollowUpRow:
    return FollowUpRow(
        code="",
        name="",
        in_scope=sum(r.in_scope for r in rows),
        planned=sum(r.planned for r in rows),
        with_overdue_actions=sum(r.with_overdue_actions for r in rows),
        overdue_actions=sum(r.overdue_actions for r in rows),
        escalations_open=sum(r.escalations_open for r in rows),
        escalations_overdue=sum(r.escalations_overdue for r in rows),
    )


def follow_up_persons(
    cases: QuerySet[CycleCase], *, year: int, what: str, county: str, township: str, owner: str
) -> QuerySet[CycleCase]:
    """The in-scope rows behind one figure, of a county (a township, a counsellor: "none" for
    the persons without a service recorded), by name."""
    rows = cases.filter(FOLLOW_UP_FILTERS[what], year=year, in_scope=True, county_code=county)
    if township:
        rows = rows.filter(township_code=township)
    if owner == "none":
        rows = rows.filter(owner__isnull=True)
    elif owner.isdigit():
        rows = rows.filter(owner_id=int(owner))
    return rows.select_related("person").only(
        "person__id",
        "person__name",
        "person__resident_id_masked",
        "township_code",
        "actions_overdue",
        "escalation_open",
        "escalation_overdue",
        "plan_approved",
    )
