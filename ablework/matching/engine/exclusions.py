"""Which hard constraints keep postings from a person: for each person asked about, the number
of the market's postings each of the six constraints breaks (a posting may break several).

The batch's fairness report reads it for the persons left with fewer than three suggestions:
the constraint that breaks the most postings for a person is what excluded them most often.
Vectorised over every posting, one person at a time (the same tests as `feasibility.py`, kept
apart so that each constraint is counted on its own), and equal to counting
`constraints.broken_constraints` pair by pair.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ablework.matching.engine.arrays import PostingArrays, person_arrays, posting_arrays
from ablework.matching.engine.feasibility import Restrictions, squared_chords
from ablework.matching.engine.market import Market, Person

CONSTRAINT_NUMBERS = ("1", "2", "3", "4", "5", "6")


def main_constraint(counts: dict[str, int]) -> str:
    """The constraint that breaks the most postings (the smaller number on a tie); "" if none."""
    best = max(CONSTRAINT_NUMBERS, key=lambda number: (counts.get(number, 0), -int(number)))
    return best if counts.get(best, 0) > 0 else ""


class ExclusionCounter:
    """The posting side of a market, ready to count the broken constraints of any person."""

    def __init__(self, market: Market, postings: PostingArrays | None = None) -> None:
        self.market = market
        self.postings = postings if postings is not None else posting_arrays(market)
        order = self.postings.order
        as_of = market.as_of
        self.closed = np.array(
            [
                not (p.status == "open" and p.valid_until >= as_of and p.openings_left >= 1)
                for p in order
            ],
            dtype=np.bool_,
        )
        wage_min = np.array([p.wage_min_fen for p in order], dtype=np.int64)
        need = self.postings.need
        self.under_minimum = (self.postings.wage_max < need) | (wage_min < need)
        self.restrictions = Restrictions(self.postings)

    def counts(self, persons: Sequence[Person]) -> list[dict[str, int]]:
        """For each person (of this market or another with the same postings): constraint
        number → postings it breaks."""
        chosen = tuple(persons)
        if not chosen:
            return []
        arrays = person_arrays(chosen)
        p = self.postings
        found = []
        for row in range(len(chosen)):
            remote = bool(arrays.accepts_remote[row]) & p.remote
            broken = {
                "1": self.closed,
                "2": self.under_minimum | (p.wage_max < arrays.floor[row]),
                "3": ~self.restrictions.profile(arrays.profiles[arrays.profile[row]])[0],
                "4": ((arrays.needs[row] & ~p.offers) != 0) & ~remote,
                "5": (
                    squared_chords(np.broadcast_to(arrays.xyz[row], p.xyz.shape), p.xyz)
                    > arrays.chord2[row]
                )
                & ~remote,
                "6": p.hours > arrays.max_hours[row],
            }
            found.append({number: int(broken[number].sum()) for number in CONSTRAINT_NUMBERS})
        return found
