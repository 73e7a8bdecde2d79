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


# Within this of the commute's limit (on the cosine of the angle home – workplace), the fast
# product is not trusted and the squared chord is computed again from the coordinates'
# differences (exact to about 1e-16), so that a rounding never decides constraint 5.
AMBIGUOUS = 1e-9


@dataclass
class ChunkFeasibility:
    """The feasible pairs of a chunk: row (within the chunk) and posting column, each pair's
    remote flag (constraints 4 and 5 lapse) and its count of adjustable demands unmet."""

    r: np.ndarray
    c: np.ndarray
    remote: np.ndarray
    adjustable_unmet: np.ndarray


def squared_chords(home: np.ndarray, work: np.ndarray) -> np.ndarray:
    """|home − work|² of paired unit vectors (n × 3 each), from the differences."""
    return np.square(home - work).sum(axis=1)


def chunk_feasibility(
    persons: PersonArrays, rows: slice, postings: PostingArrays, restrictions: Restrictions
) -> ChunkFeasibility:
    """The pairs of persons[rows] × every posting that meet all six hard constraints.

    The most selective test runs on the whole chunk: the workplace within the commute (5), by
    one matrix product of unit vectors (cos angle ≥ 1 − limit / 2), or remote work. The other
    constraints are then tested on those candidate pairs only."""
    home = persons.xyz[rows]
    limit = persons.chord2[rows]
    least_cosine = 1 - limit / 2
    cosine = home @ postings.xyz.T
    candidate = cosine >= (least_cosine - AMBIGUOUS)[:, None]
    accepting = np.flatnonzero(persons.accepts_remote[rows])
    if len(accepting) and postings.remote.any():
        candidate[accepting] |= postings.remote[None, :]
    r, c = np.nonzero(candidate)
    del candidate
    # 5, exactly: sure by the product, or near the limit by the differences
    found = cosine[r, c]
    near = found >= least_cosine[r] + AMBIGUOUS
    doubtful = np.flatnonzero(~near & (found >= least_cosine[r] - AMBIGUOUS))
    if len(doubtful):
        exact = squared_chords(home[r[doubtful]], postings.xyz[c[doubtful]])
        near[doubtful] = exact <= limit[r[doubtful]]
    # 4: every access need offered
    needs = persons.needs[rows][r]
    near &= (needs & ~postings.offers[c]) == 0
    remote = persons.accepts_remote[rows][r] & postings.remote[c]
    ok = near | remote  # 4 and 5 lapse when the work is remote
    ok &= postings.open[c]  # 1 and the posting's half of 2
    ok &= postings.wage_max[c] >= persons.floor[rows][r]  # 2
    ok &= postings.hours[c] <= persons.max_hours[rows][r]  # 6
    # 3: per distinct ability profile of the chunk
    used, local = np.unique(persons.profile[rows], return_inverse=True)
    by_profile = [restrictions.profile(persons.profiles[i]) for i in used]
    which = local[r]
    if len(used) == 1 and not persons.profiles[used[0]]:
        unmet = np.zeros(len(r), dtype=np.int16)
    else:
        met = np.stack([m for m, _unmet in by_profile])
        ok &= met[which, c]
        unmet = np.stack([u for _met, u in by_profile])[which, c]
    keep = np.flatnonzero(ok)
    return ChunkFeasibility(r=r[keep], c=c[keep], remote=remote[keep], adjustable_unmet=unmet[keep])
