"""The soft score of a feasible pair: a weighted mean of seven parts, each between 0 and 1.

    skills      cosine of TF-IDF words: the person's skills against the posting's title,
                occupation and description
    occupation  cosine: the person's wished occupations against the posting's title and occupation
    adjustable  the share of the posting's adjustable demands the person meets (directly or with
                an accommodation it offers); 1 when it has none
    distance    1 − distance / commute (1 when the work is remote)
    wage        how far the top of the wage range exceeds max(the person's floor, the minimum
                wage), as a share of half that amount (half again or more: 1)
    hours       weekly hours / the person's maximum (work close to what the person offers)
    remote      1 when the posting offers remote work and the person accepts it

`score_pairs` computes them over arrays for the engine; `pair_parts` computes one pair in plain
Python (the explanations, and the per-pair peer the benchmark measures the arrays against).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ablework.matching.engine.arrays import PersonArrays, PostingArrays
from ablework.matching.engine.constraints import EARTH_RADIUS_KM, distance_km, works_remotely
from ablework.matching.engine.market import Person, Posting
from ablework.matching.engine.vocabulary import ADJUSTABLE, CAN

PARTS = ("skills", "occupation", "adjustable", "distance", "wage", "hours", "remote")
SCALE = 10_000  # scores are ranked and reported to four decimals


def quantised(score: np.ndarray) -> np.ndarray:
    """Scores as integers of 1/10000: equal displayed scores are equal, and ties go by id."""
    return np.rint(score * SCALE).astype(np.int64)


def wage_part(wage_max: np.ndarray, floor: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    need = np.maximum(floor, minimum)
    excess = (wage_max - need).astype(np.float64)
    half = need.astype(np.float64) / 2
    return np.where(need > 0, np.clip(excess / np.where(half > 0, half, 1), 0, 1), 1.0)


def score_pairs(
    persons: PersonArrays,
    rows: slice,
    postings: PostingArrays,
    r: np.ndarray,
    c: np.ndarray,
    remote: np.ndarray,
    unmet: np.ndarray,
    person_text: tuple[object, object],
    weights: dict[str, float],
) -> np.ndarray:
    """The score of each feasible pair (r, c) of the chunk persons[rows] × postings, given its
    remote flag and its count of adjustable demands unmet."""
    skills_rows, occupation_rows = person_text
    skills = (skills_rows[rows] @ postings.text.T).toarray()[r, c]  # type: ignore[index,attr-defined]
    occupation = (occupation_rows[rows] @ postings.occupation.T).toarray()[r, c]  # type: ignore[index,attr-defined]
    count = postings.adjustable_count[c].astype(np.float64)
    unmet = unmet.astype(np.float64)
    adjustable = np.where(count > 0, (count - unmet) / np.where(count > 0, count, 1), 1.0)
    at = persons.commute_km[rows][r]
    chord2 = np.square(persons.xyz[rows][r] - postings.xyz[c]).sum(axis=1)
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(chord2) / 2))
    far = remote
    distance = np.where(
        far, 1.0, np.where(at > 0, np.clip(1 - km / np.where(at > 0, at, 1), 0, 1), 1.0)
    )
    wage = wage_part(postings.wage_max[c], persons.floor[rows][r], postings.need[c])
    most = persons.max_hours[rows][r]
    hours = np.where(
        most > 0, np.minimum(1.0, postings.hours[c] / np.where(most > 0, most, 1)), 1.0
    )
    parts = {
        "skills": skills,
        "occupation": occupation,
        "adjustable": adjustable,
        "distance": distance,
        "wage": wage,
        "hours": hours,
        "remote": far.astype(np.float64),
    }
    total = np.zeros(len(r), dtype=np.float64)
    for name in PARTS:
        total += weights[name] * parts[name]
    return total


@dataclass(frozen=True)
class TextVectors:
    """A text's TF-IDF words as a plain dict (word → weight, unit length)."""

    weights: dict[str, float]

    def cosine(self, other: TextVectors) -> float:
        small, large = sorted((self.weights, other.weights), key=len)
        return sum(value * large.get(word, 0.0) for word, value in small.items())


def text_vector(words: tuple[str, ...], idf: dict[str, float]) -> TextVectors:
    counts: dict[str, float] = {}
    for word in words:
        if word in idf:
            counts[word] = counts.get(word, 0.0) + idf[word]
    norm = math.sqrt(sum(value * value for value in counts.values()))
    return TextVectors({w: v / norm for w, v in counts.items()} if norm else {})


def adjustable_part(person: Person, posting: Posting) -> float:
    adjustable = [d for d, mark in posting.demands.items() if mark == ADJUSTABLE]
    if not adjustable:
        return 1.0
    met = 0
    for demand in adjustable:
        ability = person.ability(demand)
        if ability == CAN or (isinstance(ability, frozenset) and ability & posting.offers):
            met += 1
    return met / len(adjustable)


def pair_parts(
    person: Person,
    posting: Posting,
    skills: tuple[TextVectors, TextVectors],
    occupation: tuple[TextVectors, TextVectors],
) -> dict[str, float]:
    """The seven parts of one pair in plain Python; `skills` and `occupation` are the (person,
    posting) text vectors."""
    remote = works_remotely(person, posting)
    km = distance_km(person, posting)
    if remote or person.commute_km <= 0:
        distance = 1.0
    else:
        distance = min(1.0, max(0.0, 1 - km / person.commute_km))
    need = max(person.wage_floor_fen, posting.minimum_wage_fen)
    wage = 1.0 if need <= 0 else min(1.0, max(0.0, (posting.wage_max_fen - need) / (need / 2)))
    most = person.max_hours_per_week
    return {
        "skills": skills[0].cosine(skills[1]),
        "occupation": occupation[0].cosine(occupation[1]),
        "adjustable": adjustable_part(person, posting),
        "distance": distance,
        "wage": wage,
        "hours": 1.0 if most <= 0 else min(1.0, posting.hours_per_week / most),
        "remote": 1.0 if remote else 0.0,
    }


def weighted(parts: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights[name] * parts[name] for name in PARTS)
