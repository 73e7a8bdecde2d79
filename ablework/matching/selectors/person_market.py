"""Matching for one person, on the database path: their contract entry (latest assessment and
needs registration, `person_entries`) ranked by the engine against the prepared postings of
their province (`prepared.py`), the suggestions with the engine's explanations, and "why is this
job not suggested?" for one posting — the constraints it breaks, in the engine's words, or its
rank. The suggestions are what `match(read_market(build_market([person], open_postings_for(
person's county, on), on=on).input))` gives (tests/matching/test_person_jobs.py).

    person_jobs(person, on, top=10) -> PersonJobs
    why_not(jobs, posting) -> WhyNot
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from ablework.matching.engine.constraints import broken_constraints
from ablework.matching.engine.explain import explanation
from ablework.matching.engine.market import Person as Seeker
from ablework.matching.engine.market import read_market
from ablework.matching.engine.ranking import DEFAULT_TOP, Engine
from ablework.matching.models import JobPosting
from ablework.matching.selectors.market import posting_side
from ablework.matching.selectors.prepared import PreparedPostings, prepared_postings
from ablework.registry.models import Person
from ablework.support.selectors.market import person_entries


@dataclass(frozen=True)
class Suggested:
    posting_id: int
    rank: int
    score: float
    explanation: list[dict[str, str]]


@dataclass
class PersonJobs:
    """One person's suggestions on a day. `reason` says why they cannot be matched (no
    assessment, no needs registration …), then there are no suggestions. `ranked` is every
    feasible posting's (column, score), best first."""

    on: date
    top: int
    prepared: PreparedPostings
    reason: str | None = None
    seeker: Seeker | None = None
    engine: Engine | None = None
    ranked: list[tuple[int, int]] = field(default_factory=list)
    suggestions: list[Suggested] = field(default_factory=list)

    @property
    def feasible(self) -> int:
        return len(self.ranked)

    def rank_of(self, posting_id: str) -> int | None:
        order = self.prepared.engine.postings.order
        return next(
            (i for i, (col, _s) in enumerate(self.ranked, start=1) if order[col].id == posting_id),
            None,
        )


def seeker_of(person: Person, on: date) -> tuple[Seeker | None, str | None]:
    """The person as the engine reads them, or None and why they cannot be matched."""
    side = person_entries([person], on=on)
    if side.skipped:
        return None, side.skipped[0][1]
    market = read_market({"as_of": on.isoformat(), "persons": side.entries, "postings": []})
    return market.persons[0], None


def person_jobs(
    person: Person,
    on: date,
    top: int = DEFAULT_TOP,
    prepared: PreparedPostings | None = None,
) -> PersonJobs:
    """The person's best `top` postings among those open on `on` that they could reach."""
    prepared = prepared or prepared_postings(person.county_code, on)
    seeker, reason = seeker_of(person, on)
    jobs = PersonJobs(on=on, top=top, prepared=prepared, reason=reason, seeker=seeker)
    if seeker is None:
        return jobs
    engine = prepared.engine.with_persons((seeker,))
    jobs.engine = engine
    jobs.ranked = engine.rank(slice(0, 1), max(prepared.count, 1))[0]
    for rank, (column, score) in enumerate(jobs.ranked[:top], start=1):
        item = engine.to_json(seeker, column, score, explain=True)
        jobs.suggestions.append(
            Suggested(int(item["posting"]), rank, item["score"], item["explanation"])
        )
    return jobs


@dataclass(frozen=True)
class WhyNot:
    """For one posting: every hard constraint it breaks for the person (the engine's words), or
    its rank among the person's feasible postings; `reason` when it is not in the market at
    all (closed, a county without a known minimum wage, another province)."""

    posting: JobPosting
    broken: list[dict[str, str]]
    rank: int | None
    top: int
    explanation: list[dict[str, str]]
    reason: str | None = None

    @property
    def suggested(self) -> bool:
        return self.rank is not None and self.rank <= self.top


def why_not(jobs: PersonJobs, posting: JobPosting) -> WhyNot:
    """Why the posting is (not) among the person's suggestions on the day of `jobs`."""
    seeker = jobs.seeker
    assert seeker is not None, "a person who cannot be matched has no why-not"
    prepared = jobs.prepared
    found = prepared.posting(posting.pk)
    vocab = prepared.engine.postings.vocab
    if found is not None:
        broken = [b.to_json() for b in broken_constraints(seeker, found, jobs.on)]
        return WhyNot(
            posting=posting,
            broken=broken,
            rank=None if broken else jobs.rank_of(found.id),
            top=jobs.top,
            explanation=explanation(seeker, found, vocab),
        )
    skipped = prepared.skipped_reason(posting.pk)
    if skipped is None:
        # not among the open postings of the person's province: read it alone, as of the day
        side = posting_side([posting], on=jobs.on)
        if side.skipped:
            skipped = side.skipped[0][1]
        else:
            market = read_market(
                {"as_of": jobs.on.isoformat(), "persons": [], "postings": side.entries}
            )
            alone = market.postings[0]
            broken = [b.to_json() for b in broken_constraints(seeker, alone, jobs.on)]
            return WhyNot(
                posting=posting,
                broken=broken,
                rank=None,
                top=jobs.top,
                explanation=[],
                reason=None
                if broken
                else _("该岗位不在本人所在省份，不参与本人的匹配（远程岗位也只在本省内匹配）"),
            )
    return WhyNot(
        posting=posting, broken=[], rank=None, top=jobs.top, explanation=[], reason=skipped
    )


def suggestion_json(jobs: PersonJobs) -> list[dict[str, Any]]:
    """The suggestions as the contract's `matches` list of the person (a test compares them)."""
    return [
        {"posting": str(s.posting_id), "score": s.score, "explanation": s.explanation}
        for s in jobs.suggestions
    ]
