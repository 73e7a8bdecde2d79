"""Reads of batch recommendations: the persons a batch matches, the runs an actor may see, and
each person's current suggestions (their latest finished run's), in a bounded number of
queries for any number of persons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.scoping import inside_region_q
from ablework.matching.models import (
    RecommendationEntry,
    RecommendationRun,
    RecommendationSuggestion,
)
from ablework.registry.models import EmploymentStatus, Person

BATCH = Permission.MATCHING_BATCH


def job_seekers(region_code: str) -> QuerySet[Person]:
    """The persons a batch matches: registered in the region, not merged into another record,
    and not employed (未就业). Those without an assessment or a needs registration yet are left
    out by the market's builder, with the reason."""
    return Person.objects.filter(
        inside_region_q(region_code),
        merged_into__isnull=True,
        employment_status=EmploymentStatus.UNEMPLOYED,
    ).order_by("pk")


def runs_visible_to(actor: User) -> QuerySet[RecommendationRun]:
    """The runs whose whole region lies in the actor's area (a county's staff do not see a
    city's run, which holds other counties)."""
    return visible(actor, RecommendationRun.objects.select_related("job"), permission=BATCH)


def access_run(actor: User, run_id: int) -> RecommendationRun:
    return access_one(
        actor,
        RecommendationRun.objects.select_related("job", "started_by"),
        run_id,
        permission=BATCH,
        not_found_message="没有找到这次批量推荐。",
    )


@dataclass(frozen=True)
class CurrentSuggestions:
    """A person's suggestions of their latest finished run, best first, and its day."""

    person_id: int
    computed_on: date  # the day the run finished
    as_of: date  # the day the postings were matched as of
    run_id: int
    suggestions: list[RecommendationSuggestion]
    # for fewer than three suggestions, the hard constraint that broke most postings ("" when
    # none broke any: no posting entered the run's market)
    main_constraint: str = ""
    postings_considered: int = 0


def current_suggestions(
    actor: User, person_ids: Iterable[int | None], *, top: int = 3
) -> dict[int, CurrentSuggestions]:
    """person id → their current suggestions (at most `top` each), for those of the actor's
    area with a finished run; two queries whatever the number of persons."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return {}
    entries = list(
        visible(actor, RecommendationEntry, permission=None)
        .filter(person_id__in=ids, current=True)
        .select_related("run")
    )
    by_entry: dict[int, list[RecommendationSuggestion]] = {entry.pk: [] for entry in entries}
    rows = (
        RecommendationSuggestion.objects.filter(entry__in=list(by_entry), rank__lte=top)
        .select_related("posting", "posting__employer")
        .order_by("entry_id", "rank")
    )
    for row in rows:
        by_entry[row.entry_id].append(row)
    return {
        entry.person_id: CurrentSuggestions(
            person_id=entry.person_id,
            computed_on=timezone.localdate(entry.run.finished_at or entry.run.created_at),
            as_of=entry.run.as_of,
            run_id=entry.run_id,
            suggestions=by_entry[entry.pk],
            main_constraint=entry.main_constraint,
            postings_considered=entry.run.postings_considered,
        )
        for entry in entries
    }
