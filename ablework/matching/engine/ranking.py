"""`match`: each person's best feasible postings, best first; `explain_pair`: one pair's broken
constraints and explanation. The contract's JSON in, the contract's JSON out.

Persons are taken in chunks of rows against every posting: feasibility as boolean arrays, the
score of the feasible pairs, then the top k of each row from one sorted integer key per
feasible pair — the score to four decimals, then the posting's rank by id — so ties go to the
smaller posting id and the result does not depend on the chunking. A person with f feasible
postings gets min(top, f) of them: ranking orders, it never hides one.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from ablework.matching.engine.arrays import (
    PersonArrays,
    PostingArrays,
    person_arrays,
    posting_arrays,
)
from ablework.matching.engine.constraints import broken_constraints
from ablework.matching.engine.errors import UnknownRecord
from ablework.matching.engine.explain import explanation
from ablework.matching.engine.feasibility import Restrictions, chunk_feasibility
from ablework.matching.engine.market import Market, Person
from ablework.matching.engine.scoring import SCALE, quantised, score_pairs
from ablework.matching.engine.text import tfidf_rows, words
from ablework.matching.engine.weights import Weights, weights_on

DEFAULT_TOP = 10
# persons × postings per chunk: about 80 MB per float64 array of a chunk
CHUNK_PAIRS = 4_000_000


@dataclass(frozen=True)
class Suggestion:
    person: int  # index into market.persons
    posting: int  # column: index into the postings in id order
    score: int  # in 1/10000


class Engine:
    """The arrays of one market, ready to rank any of its persons."""

    def __init__(
        self, market: Market, weights: Weights | None = None, *, sharing: Engine | None = None
    ) -> None:
        self.market = market
        if sharing is None:
            self.weights = (weights or weights_on(market.as_of)).normalised()
            self.postings: PostingArrays = posting_arrays(market)
            self.restrictions = Restrictions(self.postings)
        else:  # the same postings: their arrays, words and IDF are the other engine's
            self.weights = sharing.weights
            self.postings = sharing.postings
            self.restrictions = sharing.restrictions
        self.persons: PersonArrays = person_arrays(market.persons)
        vocab = self.postings.vocab
        self.person_text = (
            tfidf_rows((words(p.skills) for p in market.persons), vocab),
            tfidf_rows((words(" ".join(p.occupations)) for p in market.persons), vocab),
        )

    def with_persons(self, persons: tuple[Person, ...]) -> Engine:
        """An engine for other persons against the same postings (the TF-IDF is the postings',
        so a batch ranking its persons chunk by chunk gets what one market of all would give)."""
        return Engine(Market(self.market.as_of, persons, self.market.postings), sharing=self)

    def chunks(self) -> Iterator[slice]:
        n = len(self.market.persons)
        size = max(1, CHUNK_PAIRS // max(1, len(self.postings.order)))
        for start in range(0, n, size):
            yield slice(start, min(n, start + size))

    def rank(self, rows: slice, top: int) -> list[list[tuple[int, int]]]:
        """For each person of rows: (posting column, score) of the best `top`, best first."""
        count = rows.stop - rows.start
        n = len(self.postings.order)
        if n == 0 or top <= 0:
            return [[] for _ in range(count)]
        chunk = chunk_feasibility(self.persons, rows, self.postings, self.restrictions)
        r, c = chunk.r, chunk.c
        scores = score_pairs(
            self.persons,
            rows,
            self.postings,
            r,
            c,
            chunk.remote,
            chunk.adjustable_unmet,
            self.person_text,
            self.weights,
        )
        # one integer per feasible pair: its row, then the score downwards, then the column
        # (postings are in id order); sorted, each row's first `top` are its best
        q = quantised(scores)
        ordered = np.sort((r.astype(np.int64) * (SCALE + 1) + (SCALE - q)) * n + c)
        columns = ordered % n
        rest = ordered // n
        best_scores = SCALE - rest % (SCALE + 1)
        owners = rest // (SCALE + 1)
        starts = np.searchsorted(owners, np.arange(count + 1))
        return [
            list(
                zip(
                    columns[start : min(stop, start + top)].tolist(),
                    best_scores[start : min(stop, start + top)].tolist(),
                    strict=True,
                )
            )
            for start, stop in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)
        ]

    def suggestions(self, top: int, workers: int = 1) -> list[list[tuple[int, int]]]:
        """Every person's best `top`, in the persons' order; chunks run on `workers` threads
        (numpy releases the interpreter lock in its array loops)."""
        chunks = list(self.chunks())
        if workers <= 1:
            ranked = [self.rank(rows, top) for rows in chunks]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                ranked = list(pool.map(lambda rows: self.rank(rows, top), chunks))
        return [person for chunk in ranked for person in chunk]

    def to_json(self, person: Person, column: int, score: int, explain: bool) -> dict[str, Any]:
        posting = self.postings.order[column]
        item: dict[str, Any] = {"posting": posting.id, "score": score / SCALE}
        if explain:
            item["explanation"] = explanation(person, posting, self.postings.vocab)
        return item

    def index_of(self, person_id: str) -> int:
        for index, person in enumerate(self.market.persons):
            if person.id == person_id:
                return index
        raise UnknownRecord("--explain-pair PERSON_ID", person_id)


def match(
    market: Market,
    top: int = DEFAULT_TOP,
    weights: Weights | None = None,
    *,
    explain: bool = True,
    workers: int = 1,
) -> dict[str, Any]:
    """`{"matches": {person id: [{"posting", "score", "explanation"}, …]}}`, best first."""
    engine = Engine(market, weights)
    ranked = engine.suggestions(top, workers)
    return {
        "matches": {
            person.id: [engine.to_json(person, col, score, explain) for col, score in best]
            for person, best in zip(market.persons, ranked, strict=True)
        }
    }


def explain_pair(
    market: Market,
    person_id: str,
    posting_id: str,
    top: int = DEFAULT_TOP,
    weights: Weights | None = None,
) -> dict[str, Any]:
    """`{"person", "posting", "suggested", "broken", "explanation"}` for one pair: suggested
    when the posting is among the person's `top`, broken every hard constraint the pair breaks."""
    engine = Engine(market, weights)
    index = engine.index_of(person_id)
    posting = next((p for p in market.postings if p.id == posting_id), None)
    if posting is None:
        raise UnknownRecord("--explain-pair POSTING_ID", posting_id)
    person = market.persons[index]
    best = engine.rank(slice(index, index + 1), top)[0]
    suggested = any(engine.postings.order[col].id == posting_id for col, _score in best)
    return {
        "person": person.id,
        "posting": posting.id,
        "suggested": suggested,
        "broken": [b.to_json() for b in broken_constraints(person, posting, market.as_of)],
        "explanation": explanation(person, posting, engine.postings.vocab),
    }
