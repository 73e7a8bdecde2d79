"""The posting side of a market, ready for the engine: the open postings persons of some regions
can reach on a day (`open_postings_for`), through the database path (`posting_side`: those
without a known minimum wage or a place left out, with the reason), read by the engine's
reader and turned into its arrays, words and TF-IDF (`Engine`). One person's page then ranks
that person against it (`Engine.with_persons`), which costs milliseconds; preparing the
postings costs most of a second at ten thousand postings.

    prepared_postings(regions, on) -> PreparedPostings
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ablework.matching.engine.market import Market, Posting, read_market
from ablework.matching.engine.ranking import Engine
from ablework.matching.selectors.market import open_postings_for, posting_side, provinces_of


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


def prepared_postings(regions: str | Iterable[str], on: date) -> PreparedPostings:
    """The open postings persons of `regions` can be matched to on `on`, ready to rank."""
    side = posting_side(open_postings_for(provinces_of(regions), on), on=on)
    return prepare(side.entries, side.skipped, on)
