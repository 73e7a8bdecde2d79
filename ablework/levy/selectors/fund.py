"""The employment security fund's figures (残疾人就业保障金): levy assessed, collected and
outstanding by region and levy year — the selector other apps (the indicators) call.

Assessed is the sum of the current assessments' levy due (`Assessment`, one row per employer and
year, replaced by each new run); collected is the sum of what the tax bureau reported paid for
that year (`CollectedPayment`); outstanding is assessed minus collected, per employer, counting
only what is still owed (an employer that paid more than assessed owes nothing, and its excess
does not lower another's debt). Two grouped queries, whatever the number of employers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, Sum

from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.scoping import inside_region_q
from ablework.levy.models import Assessment, CollectedPayment

if TYPE_CHECKING:
    from ablework.accounts.models import User

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FundFigures:
    """One county and levy year (or a total: `county_code` empty)."""

    levy_year: int
    county_code: str
    employers_assessed: int
    assessed: Decimal
    collected: Decimal
    outstanding: Decimal
    employers_paid: int
    employers_owing: int


def fund_figures(
    *, region_prefix: str = "", levy_year: int | None = None, employer_id: int | None = None
) -> list[FundFigures]:
    """Per county and levy year inside the region (a code prefix; empty: everywhere), ordered by
    year (newest first) then county."""
    where = inside_region_q(region_prefix) if region_prefix else Q()
    if levy_year is not None:
        where &= Q(levy_year=levy_year)
    if employer_id is not None:
        where &= Q(employer_id=employer_id)
    due: dict[tuple[int, str, int], Decimal] = {}
    for year, county, employer, amount in (
        Assessment.objects.filter(where)
        .values_list("levy_year", "county_code", "employer_id", "levy_due")
        .order_by()
    ):
        due[(year, county, employer)] = amount or ZERO
    paid: dict[tuple[int, str, int], Decimal] = defaultdict(lambda: ZERO)
    for year, county, employer, total in (
        CollectedPayment.objects.filter(where)
        .values("levy_year", "county_code", "employer_id")
        .annotate(total=Sum("amount"))
        .values_list("levy_year", "county_code", "employer_id", "total")
        .order_by()
    ):
        paid[(year, county, employer)] = total or ZERO
    groups: dict[tuple[int, str], _Sums] = defaultdict(_Sums)
    for key in set(due) | set(paid):
        year, county, _employer = key
        sums = groups[(year, county)]
        assessed, collected = due.get(key, ZERO), paid.get(key, ZERO)
        owed = max(assessed - collected, ZERO)
        sums.employers += 1 if key in due else 0
        sums.assessed += assessed
        sums.collected += collected
        sums.outstanding += owed
        sums.paid += 1 if collected > 0 else 0
        sums.owing += 1 if owed > 0 else 0
    ordered = sorted(groups.items(), key=lambda item: (-item[0][0], item[0][1]))
    return [
        FundFigures(
            year, county, s.employers, s.assessed, s.collected, s.outstanding, s.paid, s.owing
        )
        for (year, county), s in ordered
    ]


@dataclass
class _Sums:
    employers: int = 0
    assessed: Decimal = ZERO
    collected: Decimal = ZERO
    outstanding: Decimal = ZERO
    paid: int = 0
    owing: int = 0


def totals(rows: list[FundFigures]) -> list[FundFigures]:
    """One total per levy year of the given rows."""
    by_year: dict[int, list[FundFigures]] = defaultdict(list)
    for row in rows:
        by_year[row.levy_year].append(row)
    return [
        FundFigures(
            year,
            "",
            sum(r.employers_assessed for r in items),
            sum((r.assessed for r in items), ZERO),
            sum((r.collected for r in items), ZERO),
            sum((r.outstanding for r in items), ZERO),
            sum(r.employers_paid for r in items),
            sum(r.employers_owing for r in items),
        )
        for year, items in sorted(by_year.items(), reverse=True)
    ]


def fund_figures_for(actor: User, *, levy_year: int | None = None) -> list[FundFigures]:
    """The fund's figures of the actor's region (404 without the permission)."""
    require_permission(actor, Permission.LEVY_VIEW)
    scope = scope_of(actor)
    if scope.everywhere:
        return fund_figures(levy_year=levy_year)
    if scope.region_prefix is None:
        return []
    return fund_figures(region_prefix=scope.region_prefix, levy_year=levy_year)


def collected_by_employer(levy_year: int, employer_ids: list[int]) -> dict[int, Decimal]:
    """What each of these employers paid for the year (one query)."""
    return {
        employer: total or ZERO
        for employer, total in CollectedPayment.objects.filter(
            levy_year=levy_year, employer_id__in=employer_ids
        )
        .values("employer_id")
        .annotate(total=Sum("amount"))
        .values_list("employer_id", "total")
        .order_by()
    }


def years_assessed(actor: User) -> list[int]:
    """The levy years with assessments in the actor's region, newest first."""
    rows = scope_of(actor).apply(Assessment.objects.all())
    return sorted(set(rows.order_by().values_list("levy_year", flat=True).distinct()), reverse=True)
