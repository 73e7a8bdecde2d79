"""The employers a run assesses (`Unit`): those with a certified declaration, and — past their
county's deadline — those deemed to have placed nobody, with the figures of their own
declaration of the year when they filed one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ablework.levy.deadlines import Deadline
from ablework.levy.models import AssessmentBasis
from ablework.levy.selectors.frames import Declared, declared_of, region_employers_q
from ablework.quota.models import Declaration, DeclarationStatus


@dataclass
class Unit:
    """One employer to assess: its place and kind, and the figures to assess it with."""

    employer_id: int
    county_code: str
    kind: str
    basis: str
    declared: Declared | None


@dataclass
class Outcome:
    """What a run found, for its summary."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    not_assessed: int = 0
    double_counted: int = 0
    deadlines: dict[str, Deadline] = field(default_factory=dict)


def deemed_none(
    year: int,
    prefix: str,
    on: date,
    employers: list[tuple[int, str, str]],
    certified: set[int],
    outcome: Outcome,
) -> list[Unit]:
    """The employers without a certified declaration whose county's deadline has passed."""
    others = [row for row in employers if row[0] not in certified]
    due = [
        row
        for row in others
        if (deadline := outcome.deadlines[row[1]].on) is not None and on > deadline
    ]
    outcome.not_assessed = len(others) - len(due)
    if not due:
        return []
    figures: dict[int, Declared] = {}
    rows = (
        Declaration.objects.filter(levy_year=year)
        .filter(region_employers_q(prefix, "employer__county_code"))
        .exclude(status=DeclarationStatus.CERTIFIED)
        .exclude(wage_total__isnull=True)
        .exclude(headcount_monthly__isnull=True, headcount_annual_average__isnull=True)
        .order_by("employer_id", "-created_at")
        .values_list(
            "pk",
            "employer_id",
            "headcount_monthly",
            "headcount_annual_average",
            "wage_total",
            "status",
        )
    )
    rejected: set[int] = set()
    for pk, employer_id, monthly, annual, wage_total, status in rows:
        # The open declaration of the year, else the last rejected one.
        if employer_id in figures and employer_id not in rejected:
            continue
        if employer_id in figures and status == DeclarationStatus.REJECTED:
            continue
        figures[employer_id] = declared_of(pk, employer_id, monthly, annual, wage_total)
        if status == DeclarationStatus.REJECTED:
            rejected.add(employer_id)
        else:
            rejected.discard(employer_id)
    return [
        Unit(pk, county, kind, AssessmentBasis.DEEMED_NONE, figures.get(pk))
        for pk, county, kind in due
    ]
