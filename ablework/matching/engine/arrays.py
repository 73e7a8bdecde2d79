"""A market as numpy arrays: one entry per posting (columns, in posting-id order, so that the
column order is the tie-break) and per person (rows), with demands and accommodations as bit
masks (16 of each: one uint16). Built once per market, then read chunk by chunk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ablework.matching.engine.constraints import EARTH_RADIUS_KM
from ablework.matching.engine.market import Market, Person, Posting
from ablework.matching.engine.text import Vocabulary, tfidf_rows, vocabulary, words
from ablework.matching.engine.vocabulary import (
    ACCOMMODATION_BIT,
    ADJUSTABLE,
    CAN,
    CANNOT,
    DEMAND_CODES,
    ESSENTIAL,
    REMOTE_WORK,
)

DEMAND_BIT = {code: 1 << i for i, code in enumerate(DEMAND_CODES)}
# A person's restricted demands: (demand's bit index, accommodations any one of which is enough;
# 0 for cannot). A person with none has the empty profile.
Profile = tuple[tuple[int, int], ...]


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (n × 3): a chord between two is 2·sin(distance / 2R)."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=1)


def mask(codes: frozenset[str] | tuple[str, ...]) -> int:
    return sum(ACCOMMODATION_BIT[code] for code in set(codes))


def posting_text(posting: Posting) -> str:
    return " ".join((posting.title, posting.occupation, posting.description))


def posting_occupation(posting: Posting) -> str:
    return " ".join((posting.title, posting.occupation))


def profile_of(person: Person) -> Profile:
    restricted = []
    for index, demand in enumerate(DEMAND_CODES):
        ability = person.ability(demand)
        if ability == CAN:
            continue
        restricted.append((index, 0 if ability == CANNOT else mask(frozenset(ability))))
    return tuple(restricted)


@dataclass
class PostingArrays:
    order: list[Posting]  # by id: column j is order[j]
    open: np.ndarray  # bool: constraint 1 and the posting's own half of 2
    wage_max: np.ndarray  # int64 fen
    need: np.ndarray  # int64 fen, the local minimum wage
    hours: np.ndarray  # float64
    offers: np.ndarray  # uint16 mask
    remote: np.ndarray  # bool: offers remote work
    xyz: np.ndarray  # n × 3
    essential: np.ndarray  # uint16 demand mask
    adjustable: np.ndarray  # uint16 demand mask
    adjustable_count: np.ndarray  # int16
    vocab: Vocabulary
    text: object  # csr n × words: title, occupation and description
    occupation: object  # csr n × words: title and occupation


def posting_arrays(market: Market) -> PostingArrays:
    order = sorted(market.postings, key=lambda posting: posting.id)
    documents = [words(posting_text(posting)) for posting in order]
    vocab = vocabulary(documents)

    def column(values: list[object], dtype: type) -> np.ndarray:
        return np.array(values, dtype=dtype)

    demand_mask = {
        mark: column(
            [sum(DEMAND_BIT[d] for d, m in p.demands.items() if m == mark) for p in order],
            np.uint16,
        )
        for mark in (ESSENTIAL, ADJUSTABLE)
    }
    wage_max = column([p.wage_max_fen for p in order], np.int64)
    wage_min = column([p.wage_min_fen for p in order], np.int64)
    need = column([p.minimum_wage_fen for p in order], np.int64)
    is_open = column(
        [
            p.status == "open" and p.valid_until >= market.as_of and p.openings_left >= 1
            for p in order
        ],
        np.bool_,
    )
    return PostingArrays(
        order=order,
        open=is_open & (wage_max >= need) & (wage_min >= need),
        wage_max=wage_max,
        need=need,
        hours=column([p.hours_per_week for p in order], np.float64),
        offers=column([mask(p.offers) for p in order], np.uint16),
        remote=column([REMOTE_WORK in p.offers for p in order], np.bool_),
        xyz=unit_vectors(
            column([p.lat for p in order], np.float64), column([p.lon for p in order], np.float64)
        ).reshape(-1, 3),
        essential=demand_mask[ESSENTIAL],
        adjustable=demand_mask[ADJUSTABLE],
        adjustable_count=column(
            [sum(1 for m in p.demands.values() if m == ADJUSTABLE) for p in order], np.int16
        ),
        vocab=vocab,
        text=tfidf_rows(documents, vocab),
        occupation=tfidf_rows((words(posting_occupation(p)) for p in order), vocab),
    )


@dataclass
class PersonArrays:
    persons: tuple[Person, ...]
    floor: np.ndarray  # int64 fen
    max_hours: np.ndarray
    commute_km: np.ndarray
    chord2: np.ndarray  # the squared chord of the commute on the unit sphere
    accepts_remote: np.ndarray
    needs: np.ndarray  # uint16 mask
    xyz: np.ndarray
    profiles: list[Profile]
    profile: np.ndarray  # int32: each person's index into profiles


def person_arrays(persons: tuple[Person, ...]) -> PersonArrays:
    profiles: dict[Profile, int] = {}
    index = np.array(
        [profiles.setdefault(profile_of(p), len(profiles)) for p in persons], dtype=np.int32
    )
    commute = np.array([p.commute_km for p in persons], dtype=np.float64)
    # distance ≤ commute ⇔ chord ≤ 2·sin(min(commute / R, π) / 2) (commutes beyond half the earth
    # reach everywhere)
    chord = 2 * np.sin(np.minimum(commute / EARTH_RADIUS_KM, np.pi) / 2)
    return PersonArrays(
        persons=persons,
        floor=np.array([p.wage_floor_fen for p in persons], dtype=np.int64),
        max_hours=np.array([p.max_hours_per_week for p in persons], dtype=np.float64),
        commute_km=commute,
        chord2=np.where(commute / EARTH_RADIUS_KM >= np.pi, np.inf, chord * chord),
        accepts_remote=np.array([p.accepts_remote for p in persons], dtype=np.bool_),
        needs=np.array([mask(p.needs) for p in persons], dtype=np.uint16),
        xyz=unit_vectors(
            np.array([p.lat for p in persons], dtype=np.float64),
            np.array([p.lon for p in persons], dtype=np.float64),
        ).reshape(-1, 3),
        profiles=list(profiles),
        profile=index,
    )
