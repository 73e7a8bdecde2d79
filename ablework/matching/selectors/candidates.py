"""Candidates for one posting: the job seekers of the viewer's area (not employed, not merged,
with an assessment and a needs registration) who meet all six hard constraints of the posting,
ranked by the engine's soft score — the seven parts of `pair_parts` in plain Python, with the
IDF of the prepared postings of the posting's province, which is what the engine's arrays give
the same pair on the person's own page (bench/matching.py checks the two agree).

    candidates_for(posting, persons, on, prepared) -> Candidates
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.matching.engine.constraints import broken_constraints
from ablework.matching.engine.explain import explanation
from ablework.matching.engine.market import Person as Seeker
from ablework.matching.engine.market import read_market
from ablework.matching.engine.scoring import SCALE, pair_parts, text_vector, weighted
from ablework.matching.engine.text import words
from ablework.matching.models import JobPosting
from ablework.matching.selectors.prepared import PreparedPostings
from ablework.registry.access import persons_visible_to
from ablework.registry.models import EmploymentStatus, Person
from ablework.support.access import VIEW
from ablework.support.selectors.market import person_entries


def seekers_visible_to(actor: User) -> QuerySet[Person]:
    """The job seekers of the actor's area: not employed (未就业), not merged into another."""
    return (
        persons_visible_to(actor, permission=VIEW)
        .filter(merged_into__isnull=True, employment_status=EmploymentStatus.UNEMPLOYED)
        .order_by("pk")
    )


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: float
    explanation: list[dict[str, str]]


@dataclass
class Candidates:
    """The ranked candidates; `reason` when the posting cannot be matched at all; how many
    seekers were considered and how many were left out (no assessment …) and why."""

    reason: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    feasible: int = 0
    considered: int = 0
    skipped: list[tuple[str, int]] = field(default_factory=list)


def _counted(skipped: list[tuple[int, str]]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for _pk, why in skipped:
        counts[why] = counts.get(why, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def candidates_for(
    posting: JobPosting,
    persons: QuerySet[Person],
    on: date,
    prepared: PreparedPostings,
    shown: int = 30,
) -> Candidates:
    """The best `shown` persons of `persons` who meet every hard constraint of the posting on
    `on` (equal scores: the smaller person id first), with the count of all who do."""
    found = prepared.posting(posting.pk)
    if found is None:
        reason = prepared.skipped_reason(posting.pk) or _not_open_text()
        return Candidates(reason=reason)
    side = person_entries(persons, on=on)
    market = read_market({"as_of": on.isoformat(), "persons": side.entries, "postings": []})
    engine = prepared.engine
    vocab = engine.postings.vocab
    idf = {word: float(vocab.idf[column]) for word, column in vocab.columns.items()}
    text = text_vector(words(" ".join((found.title, found.occupation, found.description))), idf)
    occupation = text_vector(words(" ".join((found.title, found.occupation))), idf)
    scored: list[tuple[int, int, Seeker]] = []
    for seeker in market.persons:
        if broken_constraints(seeker, found, on):
            continue
        parts = pair_parts(
            seeker,
            found,
            (text_vector(words(seeker.skills), idf), text),
            (text_vector(words(" ".join(seeker.occupations)), idf), occupation),
        )
        scored.append((-round(weighted(parts, engine.weights) * SCALE), int(seeker.id), seeker))
    scored.sort(key=lambda item: (item[0], item[1]))
    best = scored[:shown]
    people = Person.objects.in_bulk([pk for _s, pk, _p in best])
    return Candidates(
        candidates=[
            Candidate(
                person=people[pk],
                score=-score / SCALE,
                explanation=explanation(seeker, found, vocab),
            )
            for score, pk, seeker in best
        ],
        feasible=len(scored),
        considered=len(market.persons),
        skipped=_counted(side.skipped),
    )


def _not_open_text() -> str:
    return _("该岗位在这一天不在招聘中（未发布、已结束、已招满或不在有效期内），不参与匹配")
