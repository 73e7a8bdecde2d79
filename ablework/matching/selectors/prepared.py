"""The posting side of a market, ready for the engine: the open postings persons of some regions
can reach on a day (`open_postings_for`), through the database path (`posting_side`: those
without a known minimum wage or a place left out, with the reason), read by the engine's
reader and turned into its arrays, words and TF-IDF (`Engine`). One person's page then ranks
that person against it (`Engine.with_persons`), which costs milliseconds; preparing the
postings costs most of a second at ten thousand postings.

    prepared_postings(regions, on) -> PreparedPostings

So the posting side is prepared once per process and reused: `prepared_postings` keeps the last
`CACHED` in memory, keyed on the provinces, the day and a cheap version of the postings — per
county of the open postings their count, highest id, sum of versions (every write advances a
posting's version), sum of hires and latest change, and the county's minimum wage on the day
(an approved local value changes it) — read in one grouped query and one parameter lookup per
county. An edited, closed, filled or new posting, or a new minimum wage, gives another key, so
the next page prepares the postings again; nothing is ever stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum

from ablework.matching.engine.market import Market, Posting, read_market
from ablework.matching.engine.ranking import Engine
from ablework.matching.models import JobPosting
from ablework.matching.selectors.market import open_postings_for, posting_side, provinces_of
from ablework.matching.selectors.wages import minimum_wage

# How many prepared posting sides a process keeps (a province's ten thousand postings take a
# few tens of MB); the least recently used goes first.
CACHED = 4
_lock = threading.Lock()
_cache: OrderedDict[tuple[Any, ...], PreparedPostings] = OrderedDict()


@dataclass(frozen=True)
class PreparedPostings:
    """The engine over the postings (no persons), what was left out and why, and each posting's
    column (the engine's postings are in id order)."""

    on: date
    engine: Engine
    skipped: list[tuple[int, str]]
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.engine.postings.order)

    def posting(self, posting_id: int | str) -> Posting | None:
        column = self.columns.get(str(posting_id))
        return None if column is None else self.engine.postings.order[column]

    def skipped_reason(self, posting_id: int) -> str | None:
        return next((why for pk, why in self.skipped if pk == posting_id), None)

    def left_out(self) -> list[tuple[str, int]]:
        """The reasons postings were left out, each with how many, the most frequent first."""
        counts: dict[str, int] = {}
        for _pk, why in self.skipped:
            counts[why] = counts.get(why, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def prepare(
    entries: list[dict[str, object]], skipped: list[tuple[int, str]], on: date
) -> PreparedPostings:
    """The engine over the contract's `postings` entries (validated by the engine's reader)."""
    market = read_market({"as_of": on.isoformat(), "persons": [], "postings": entries})
    engine = Engine(Market(market.as_of, (), market.postings))
    columns = {posting.id: column for column, posting in enumerate(engine.postings.order)}
    return PreparedPostings(on=on, engine=engine, skipped=skipped, columns=columns)


def postings_version(postings: QuerySet[JobPosting], on: date) -> tuple[Any, ...]:
    """What changes whenever the prepared side of these postings would: per county, the
    postings' count, highest id, sum of versions and of hires, latest change, and the minimum
    wage on `on`."""
    rows = (
        postings.order_by()
        .values("county_code")
        .annotate(
            n=Count("pk"),
            top=Max("pk"),
            versions=Sum("version"),
            hired=Sum("openings_filled"),
            changed=Max("updated_at"),
        )
        .order_by("county_code")
    )
    version = []
    for row in rows:
        wage = minimum_wage(row["county_code"], on)
        version.append(
            (
                row["county_code"],
                row["n"],
                row["top"],
                row["versions"],
                row["hired"],
                row["changed"].isoformat() if row["changed"] else "",
                str(wage.value) if wage is not None else None,
            )
        )
    return tuple(version)


def prepared_postings(regions: str | Iterable[str], on: date) -> PreparedPostings:
    """The open postings persons of `regions` can be matched to on `on`, ready to rank: from
    this process's cache while the postings' version is unchanged, else prepared again."""
    provinces = provinces_of(regions)
    postings = open_postings_for(provinces, on)
    key = (tuple(provinces), on, postings_version(postings, on))
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    side = posting_side(postings, on=on)
    prepared = prepare(side.entries, side.skipped, on)
    with _lock:
        _cache[key] = prepared
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return prepared


def prepared_uncached(regions: str | Iterable[str], on: date) -> PreparedPostings:
    """The same, prepared now (what every page did before the cache; the benchmark's peer)."""
    side = posting_side(open_postings_for(provinces_of(regions), on), on=on)
    return prepare(side.entries, side.skipped, on)


def clear_prepared() -> None:
    """Forget every prepared posting side (tests)."""
    with _lock:
        _cache.clear()
