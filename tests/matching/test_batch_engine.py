"""The engine pieces batch recommendations use: the broken constraints counted per person over
every posting (the fairness report's "what excluded them") equal counting the plain per-pair
checks, and ranking persons chunk by chunk against the same postings gives what one market of
all the persons gives (the TF-IDF is the postings')."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ablework.matching.engine import match, read_market
from ablework.matching.engine.constraints import broken_constraints
from ablework.matching.engine.exclusions import ExclusionCounter, main_constraint
from ablework.matching.engine.market import Market
from ablework.matching.engine.ranking import Engine
from tests.matching.markets import person, posting
from tests.matching.test_property import markets


def _unique(raw: dict[str, Any]) -> bool:
    return len({p["id"] for p in raw["postings"]}) == len(raw["postings"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=markets())
def test_counted_broken_constraints_equal_the_per_pair_checks(raw: dict[str, Any]) -> None:
    if not _unique(raw):
        return
    market = read_market(raw)
    counts = ExclusionCounter(market).counts(market.persons)
    for one, counted in zip(market.persons, counts, strict=True):
        expected = dict.fromkeys("123456", 0)
        for job in market.postings:
            for broken in broken_constraints(one, job, market.as_of):
                expected[broken.constraint] += 1
        assert counted == expected


def test_the_main_constraint_is_the_one_breaking_most_postings() -> None:
    assert main_constraint({"1": 0, "2": 3, "3": 5, "4": 0, "5": 5, "6": 1}) == "3"
    assert main_constraint(dict.fromkeys("123456", 0)) == ""


def test_a_person_far_from_every_posting_is_excluded_by_the_commute() -> None:
    raw = {
        "as_of": "2026-06-01",
        "persons": [person("far", home={"lat": 36.5, "lon": 117.5}, accepts_remote=False)],
        "postings": [posting("j1"), posting("j2", hours_per_week=60)],
    }
    market = read_market(raw)
    (counts,) = ExclusionCounter(market).counts(market.persons)
    assert counts == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 2, "6": 1}
    assert main_constraint(counts) == "5"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=markets(), size=st.integers(1, 3), top=st.integers(1, 5))
def test_ranking_chunk_by_chunk_gives_what_one_market_gives(
    raw: dict[str, Any], size: int, top: int
) -> None:
    if not _unique(raw):
        return
    market = read_market(raw)
    whole = match(market, top=top)["matches"]
    engine = Engine(Market(market.as_of, (), market.postings))
    found: dict[str, Any] = {}
    for start in range(0, len(market.persons), size):
        chunk = engine.with_persons(market.persons[start : start + size])
        for one, best in zip(chunk.market.persons, chunk.suggestions(top), strict=True):
            found[one.id] = [chunk.to_json(one, col, score, True) for col, score in best]
    assert found == whole
