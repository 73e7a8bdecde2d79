"""Property: over random persons and postings, no suggestion breaks a hard constraint (checked
by a plain per-pair reading of the contract written here, independent of the engine), and every
person with f feasible postings gets exactly min(top, f) suggestions, best first."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ablework.matching.engine import match, read_market
from ablework.matching.engine.arrays import posting_occupation, posting_text
from ablework.matching.engine.ranking import Engine
from ablework.matching.engine.scoring import pair_parts, text_vector, weighted
from ablework.matching.engine.text import words as text_words
from ablework.matching.engine.vocabulary import ACCOMMODATION_CODES, DEMAND_CODES

AS_OF = date(2026, 6, 1)
# a small area, so that distances fall on both sides of commutes
lats = st.floats(min_value=35.30, max_value=35.50)
lons = st.floats(min_value=116.50, max_value=116.70)
few_demands = st.sampled_from(DEMAND_CODES[:5])
few_accommodations = st.sampled_from((*ACCOMMODATION_CODES[:3], "step_free", "remote_work"))
money = st.integers(min_value=1800_00, max_value=4000_00).map(
    lambda fen: f"{Decimal(fen) / 100:.2f}"
)
ability = st.one_of(
    st.sampled_from(["can", "cannot"]),
    st.lists(few_accommodations, min_size=1, max_size=2).map(lambda codes: {"with": codes}),
)
words = st.lists(
    st.sampled_from(["客服", "电脑", "打字", "仓库", "包装", "厨师", "会计"]), max_size=3
)


@st.composite
def persons(draw: Any, index: int) -> dict[str, Any]:
    return {
        "id": f"p{index}",
        "home": {"lat": draw(lats), "lon": draw(lons)},
        "commute_km": draw(st.sampled_from([0, 2, 5, 10.5, 30])),
        "accepts_remote": draw(st.booleans()),
        "max_hours_per_week": draw(st.sampled_from([20, 30, 40, 44])),
        "wage_floor": draw(money),
        "abilities": draw(st.dictionaries(few_demands, ability, max_size=3)),
        "needs": draw(
            st.lists(st.sampled_from(["step_free", "screen_reader"]), max_size=2, unique=True)
        ),
        "skills": " ".join(draw(words)),
        "occupations": draw(words),
    }


@st.composite
def postings(draw: Any, index: int) -> dict[str, Any]:
    low, high = sorted((draw(money), draw(money)), key=Decimal)
    return {
        "id": f"j{draw(st.integers(0, 99)):02d}-{index}",
        "status": draw(st.sampled_from(["open", "open", "open", "closed"])),
        "valid_until": (AS_OF + timedelta(days=draw(st.integers(-3, 30)))).isoformat(),
        "openings_left": draw(st.integers(0, 3)),
        "place": {"lat": draw(lats), "lon": draw(lons)},
        "minimum_wage_monthly": draw(st.sampled_from(["1800.00", "2010.00", "2200.00"])),
        "wage_min": low,
        "wage_max": high,
        "hours_per_week": draw(st.sampled_from([20, 30, 40, 44])),
        "demands": draw(
            st.dictionaries(few_demands, st.sampled_from(["essential", "adjustable"]), max_size=4)
        ),
        "offers": draw(st.lists(few_accommodations, max_size=3, unique=True)),
        "title": " ".join(draw(words)),
        "description": " ".join(draw(words)),
    }


@st.composite
def markets(draw: Any) -> dict[str, Any]:
    n_persons = draw(st.integers(1, 8))
    n_postings = draw(st.integers(0, 25))
    return {
        "as_of": AS_OF.isoformat(),
        "persons": [draw(persons(i)) for i in range(n_persons)],
        "postings": [draw(postings(i)) for i in range(n_postings)],
    }


def km(a: dict[str, float], b: dict[str, float]) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def feasible(person: dict[str, Any], posting: dict[str, Any]) -> bool:
    """The contract's six hard constraints, read literally."""
    offers = set(posting["offers"])
    remote = "remote_work" in offers and person["accepts_remote"]
    wage_floor = Decimal(person["wage_floor"])
    minimum = Decimal(posting["minimum_wage_monthly"])
    essential_ok = all(
        (ability := person["abilities"].get(demand, "can")) == "can"
        or (isinstance(ability, dict) and offers & set(ability["with"]))
        for demand, mark in posting["demands"].items()
        if mark == "essential"
    )
    return (
        posting["status"] == "open"
        and date.fromisoformat(posting["valid_until"]) >= AS_OF
        and posting["openings_left"] >= 1
        and Decimal(posting["wage_max"]) >= max(wage_floor, minimum)
        and Decimal(posting["wage_min"]) >= minimum
        and essential_ok
        and (remote or set(person["needs"]) <= offers)
        and (remote or km(person["home"], posting["place"]) <= person["commute_km"])
        and posting["hours_per_week"] <= person["max_hours_per_week"]
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=markets(), top=st.integers(1, 6))
def test_suggestions_never_break_a_constraint_and_hide_no_feasible_posting(
    raw: dict[str, Any], top: int
) -> None:
    postings_by_id = {posting["id"]: posting for posting in raw["postings"]}
    if len(postings_by_id) < len(raw["postings"]):
        return  # duplicate ids are refused (tested elsewhere)
    result = match(read_market(raw), top=top)["matches"]
    assert list(result) == [person["id"] for person in raw["persons"]]
    for person in raw["persons"]:
        suggested = result[person["id"]]
        # no suggestion breaks a hard constraint
        for suggestion in suggested:
            assert feasible(person, postings_by_id[suggestion["posting"]])
        # min(top, f) suggestions, each posting once, best first, ties by posting id
        f = sum(feasible(person, posting) for posting in raw["postings"])
        assert len(suggested) == min(top, f)
        assert len({s["posting"] for s in suggested}) == len(suggested)
        keys = [(-s["score"], s["posting"]) for s in suggested]
        assert keys == sorted(keys)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=markets())
def test_the_array_score_is_the_plain_per_pair_score(raw: dict[str, Any]) -> None:
    # given the engine's suggestions and the same pairs scored one by one in plain Python
    market = read_market(raw)
    engine = Engine(market)
    vocab = engine.postings.vocab
    idf = {word: float(vocab.idf[column]) for word, column in vocab.columns.items()}
    by_id = {posting.id: posting for posting in market.postings}
    result = match(market, top=25, explain=False)["matches"]
    for person in market.persons:
        mine = text_vector(text_words(person.skills), idf)
        wished = text_vector(text_words(" ".join(person.occupations)), idf)
        for suggestion in result[person.id]:
            posting = by_id[suggestion["posting"]]
            text = text_vector(text_words(posting_text(posting)), idf)
            occupation = text_vector(text_words(posting_occupation(posting)), idf)
            parts = pair_parts(person, posting, (mine, text), (wished, occupation))
            # then both agree to the reported four decimals (one unit for a rounding edge)
            assert abs(weighted(parts, engine.weights) - suggestion["score"]) <= 1.5e-4
