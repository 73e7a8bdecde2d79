"""The six hard constraints over a chunk of persons × every posting, as boolean arrays.

Constraint 3 (and the count of adjustable demands a person cannot meet, for the soft score)
depends only on a person's restricted demands; persons share few such profiles, so each
(demand, accommodations) restriction is turned into a posting vector once and each profile
of a chunk ORs its restrictions' vectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ablework.matching.engine.arrays import PersonArrays, PostingArrays, Profile


@dataclass
class Restrictions:
    """Per (demand bit index, accommodation mask): where it blocks an essential demand, and
    where it leaves an adjustable demand unmet (bool vectors over postings), computed once."""

    postings: PostingArrays
    cache: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def vectors(self, index: int, allowed: int) -> tuple[np.ndarray, np.ndarray]:
        key = (index, allowed)
        if key not in self.cache:
            bit = np.uint16(1 << index)
            unmet = (self.postings.offers & np.uint16(allowed)) == 0
            self.cache[key] = (
                ((self.postings.essential & bit) != 0) & unmet,
                ((self.postings.adjustable & bit) != 0) & unmet,
            )
        return self.cache[key]

    def profile(self, profile: Profile) -> tuple[np.ndarray, np.ndarray]:
        """(constraint 3 met, adjustable demands unmet) over postings, for one profile."""
        n = len(self.postings.order)
        blocked = np.zeros(n, dtype=np.bool_)
        unmet = np.zeros(n, dtype=np.int16)
        for index, allowed in profile:
            essential, adjustable = self.vectors(index, allowed)
            blocked |= essential
            unmet += adjustable
        return ~blocked, unmet


# Within this of the commute's squared chord, the fast product is not trusted and the chord is
# computed again from the coordinates' differences (exact to about 1e-16).
AMBIGUOUS = 1e-9


@dataclass
class ChunkFeasibility:
    feasible: np.ndarray  # rows × postings, every hard constraint met
    remote: np.ndarray  # rows × postings, the pair works remotely (constraints 4, 5 lapse)
    adjustable_unmet: np.ndarray  # rows × postings, int16


def squared_chords(home: np.ndarray, work: np.ndarray) -> np.ndarray:
    """|home − work|² of paired unit vectors (n × 3 each), from the differences."""
    return np.square(home - work).sum(axis=1)


def chunk_feasibility(
    persons: PersonArrays, rows: slice, postings: PostingArrays, restrictions: Restrictions
) -> ChunkFeasibility:
    """Feasibility of persons[rows] against every posting."""
    profile_index = persons.profile[rows]
    used, inverse = np.unique(profile_index, return_inverse=True)
    by_profile = [restrictions.profile(persons.profiles[i]) for i in used]
    feasible = np.stack([met for met, _unmet in by_profile])[inverse]  # 3
    unmet = np.stack([count for _met, count in by_profile])[inverse]
    feasible &= postings.open[None, :]  # 1 and the posting's half of 2
    feasible &= postings.wage_max[None, :] >= persons.floor[rows, None]  # 2
    feasible &= postings.hours[None, :] <= persons.max_hours[rows, None]  # 6
    # 5: the squared chord 2 − 2·(home · work) by one matrix product; pairs near the limit again
    # from the differences, so that a rounding never decides
    limit = persons.chord2[rows, None]
    chord2 = persons.xyz[rows] @ postings.xyz.T
    chord2 *= -2
    chord2 += 2
    near = chord2 <= limit
    doubtful_r, doubtful_c = np.nonzero(np.abs(chord2 - limit) <= AMBIGUOUS)
    if len(doubtful_r):
        exact = squared_chords(persons.xyz[rows][doubtful_r], postings.xyz[doubtful_c])
        near[doubtful_r, doubtful_c] = exact <= persons.chord2[rows][doubtful_r]
    # 4: only the persons with access needs can fail it
    with_needs = np.flatnonzero(persons.needs[rows])
    if len(with_needs):
        needs = persons.needs[rows][with_needs]
        near[with_needs] &= (needs[:, None] & ~postings.offers[None, :]) == 0
    remote = persons.accepts_remote[rows, None] & postings.remote[None, :]
    near |= remote  # 4 and 5 lapse when the work is remote
    feasible &= near
    return ChunkFeasibility(feasible=feasible, remote=remote, adjustable_unmet=unmet)
