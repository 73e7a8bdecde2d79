"""A region's targets as the targets pages show them: by plan period (latest first) and
indicator, each with its split among the children and its progress in words."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.accounts.scope import scope_of
from ablework.core.measure_parts import Measure
from ablework.core.models import Region
from ablework.core.region_names import region_name
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.models import Target, TargetStatus
from ablework.indicators.periods import Period, years_period
from ablework.indicators.selectors.figures import child_regions, empty_tally, figure_of
from ablework.indicators.selectors.targets import (
    Distribution,
    Progress,
    distribution_of,
    progress_of,
)


def figure_text(target: Target, measure: Measure) -> str:
    """`8,000 人`, `100,000 人次`, `60.0%` (thousands separated, so no figure reads as a code)."""
    if measure.is_rate:
        return f"{target.value:.1f}%"
    return f"{int(target.value):,} {measure.unit}"


@dataclass(frozen=True)
class TargetRow:
    """One target with what its page says of it."""

    target: Target
    measure: Measure
    period: Period
    value: str
    distribution: Distribution | None  # None: returned, or a region without children
    progress: Progress | None  # None: returned

    @property
    def parts(self) -> list[PartRow]:
        """The children's targets of the split, each named and with its figure."""
        if self.distribution is None:
            return []
        return [
            PartRow(part, region_name(part.region_code), figure_text(part, self.measure))
            for part in self.distribution.parts
        ]


@dataclass(frozen=True)
class PartRow:
    target: Target
    region: str
    value: str


@dataclass(frozen=True)
class PeriodTargets:
    period: Period
    rows: list[TargetRow]


def visible_targets(actor: User) -> QuerySet[Target]:
    """The targets of the actor's area (and the regions inside it)."""
    return scope_of(actor).apply(Target.objects.all())


def target_row(target: Target, region: Region, *, children: bool | None = None) -> TargetRow:
    """The target with its split (when the region has children) and progress so far."""
    measure = measure_named(target.indicator)
    period = years_period(target.first_year, target.last_year)
    if target.status == TargetStatus.REJECTED:
        return TargetRow(target, measure, period, figure_text(target, measure), None, None)
    has_children = bool(child_regions(region)) if children is None else children
    until = period.read_until()
    tally = (
        figure_of(measure, region, period.start, until, []).total
        if until >= period.start
        else empty_tally(measure)
    )
    return TargetRow(
        target,
        measure,
        period,
        figure_text(target, measure),
        distribution_of(target) if has_children else None,
        progress_of(measure, tally, target, period),
    )


def region_targets(region: Region) -> list[PeriodTargets]:
    """The region's targets — pending, approved and returned — by period, latest first, then
    in the catalogue's order of indicators."""
    order = {measure.code: index for index, measure in enumerate(catalogue())}
    rows = list(
        Target.objects.filter(region_code=region.code).select_related("proposed_by", "decided_by")
    )
    has_children = bool(child_regions(region))
    rows.sort(
        key=lambda row: (
            -row.last_year,
            -row.first_year,
            order.get(row.indicator, len(order)),
            row.status == TargetStatus.REJECTED,
            -row.pk,
        )
    )
    periods: list[PeriodTargets] = []
    for target in rows:
        row = target_row(target, region, children=has_children)
        if not periods or periods[-1].period != row.period:
            periods.append(PeriodTargets(row.period, []))
        periods[-1].rows.append(row)
    return periods


def regions_with_targets(actor: User) -> list[Region]:
    """The regions of the actor's area that have a target, in code order (where the system
    administrator, who has no region of their own, starts)."""
    codes = visible_targets(actor).values_list("region_code", flat=True).distinct()
    return list(Region.objects.filter(code__in=codes).order_by("code"))
