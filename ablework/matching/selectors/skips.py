"""What a finished batch left out, read for the pages that explain it:

- `unknown_wage_counties(run)`: the counties whose postings the run skipped because no minimum
  wage is known there on its day (济宁's from 2023-10-01, docs/rules.md), with how many postings
  each — the batch page says what staff can do about it (本地参数);
- `latest_person_skips(actor, person ids)`: for persons with no current suggestions, the last
  finished run that left them out and why (no assessment yet, …), so the queue's and the
  ledger's panel say so instead of "not computed yet".

Each reads a bounded number of queries whatever the number of records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.scope import visible
from ablework.core.region_names import region_name
from ablework.matching.models import RecommendationRun, RecommendationSkip, RunStatus, SkipKind
from ablework.matching.selectors.wages import minimum_wage
from ablework.registry.models import Person


def county_with_city(county_code: str) -> str:
    """A county's name after its city's (`济宁市任城区`), so the place is unmistakable."""
    city = region_name(f"{county_code[:4]}00")
    county = region_name(county_code)
    return county if city == county or city.endswith("00") else f"{city}{county}"


@dataclass(frozen=True)
class UnknownWage:
    county_code: str
    place: str  # 济宁市任城区
    postings: int


def unknown_wage_counties(run: RecommendationRun) -> list[UnknownWage]:
    """The counties (in code order) whose postings the run left out for want of a known minimum
    wage on its day; one query, then one minimum-wage lookup per county."""
    counties = Counter(
        RecommendationSkip.objects.filter(run=run, kind=SkipKind.POSTING)
        .exclude(posting=None)
        .values_list("posting__county_code", flat=True)
    )
    return [
        UnknownWage(county_code=code, place=county_with_city(code), postings=count)
        for code, count in sorted(counties.items())
        if minimum_wage(code, run.as_of) is None
    ]


@dataclass(frozen=True)
class PersonSkip:
    """The last finished run that left a person out, and why."""

    person_id: int
    run_id: int
    computed_on: date  # the day the run finished
    reason: str


def latest_person_skips(actor: User, person_ids: Iterable[int | None]) -> dict[int, PersonSkip]:
    """person id → the latest finished run that left them out (persons of the actor's area);
    one query. A person with a current entry was matched after any such run (a run that leaves
    someone out ends their current entry), so callers ask only about the others."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return {}
    persons = visible(actor, Person, permission=None).filter(pk__in=ids).values("pk")
    rows = (
        RecommendationSkip.objects.filter(
            kind=SkipKind.PERSON, person__in=persons, run__status=RunStatus.SUCCEEDED
        )
        .select_related("run")
        .order_by("person_id", "-run__finished_at", "-run_id")
    )
    found: dict[int, PersonSkip] = {}
    for row in rows:
        if row.person_id is None or row.person_id in found:
            continue
        finished = row.run.finished_at or row.run.created_at
        found[row.person_id] = PersonSkip(
            person_id=row.person_id,
            run_id=row.run_id,
            computed_on=timezone.localdate(finished),
            reason=row.reason,
        )
    return found
