"""A posting as the matching engine reads it: one entry of the contract's `postings` list
(`../shared/domain/matching-contract.md`), so the database path gives the engine exactly what
`ablework match --input` would.

- `minimum_wage_monthly`: the parameter `wages.minimum_wage_monthly` of the posting's county on
  `on` (the day the match is for), as a string to the fen; null where no figure is known.
- `place`: the posting's own coordinates, else its township's centre, else its county's
  (constraint 5); null when none of them has coordinates.
- `offers`: the workplace's accessibility and accommodations; `demands`: code → essential or
  adjustable; `description`: the tasks in plain words; `occupation`: the posting's occupation
  (the engine reads it with the title for the occupation part of the score)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from ablework.core.centres import Place, first_centre, region_centres
from ablework.matching.selectors.wages import minimum_wage


class PostingLike(Protocol):
    """What an entry reads of a posting: a `JobPosting`, or a row of its values
    (`matching.selectors.market.PostingRow`) when many are read at once."""

    pk: int
    status: str
    valid_until: date
    county_code: str
    township_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    wage_min: Decimal
    wage_max: Decimal
    hours_per_week: int
    demands: dict[str, str]
    offers: list[str]
    title: str
    occupation: str
    tasks: str

    @property
    def openings_left(self) -> int: ...


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def place_of(posting: PostingLike, centres: dict[str, Place]) -> Place | None:
    """Where the work is: its own coordinates, its township's centre, its county's centre."""
    if posting.latitude is not None and posting.longitude is not None:
        return {"lat": float(posting.latitude), "lon": float(posting.longitude)}
    return first_centre((posting.township_code, posting.county_code), centres)


class EntryBuilder:
    """Builds entries for many postings with one query for the centres and one parameter
    lookup per county (the same for every posting of a county on a day)."""

    def __init__(self, postings: Iterable[PostingLike], on: date) -> None:
        self.postings = list(postings)
        self.on = on
        codes = {p.county_code for p in self.postings} | {p.township_code for p in self.postings}
        self.centres = region_centres(codes)
        self.wages: dict[str, str | None] = {}

    def minimum_wage(self, county_code: str) -> str | None:
        if county_code not in self.wages:
            found = minimum_wage(county_code, self.on)
            self.wages[county_code] = _money(found.value) if found is not None else None
        return self.wages[county_code]

    def entry(self, posting: PostingLike) -> dict[str, Any]:
        return {
            "id": str(posting.pk),
            "status": posting.status,
            "valid_until": posting.valid_until.isoformat(),
            "openings_left": posting.openings_left,
            "place": place_of(posting, self.centres),
            "minimum_wage_monthly": self.minimum_wage(posting.county_code),
            "wage_min": _money(posting.wage_min),
            "wage_max": _money(posting.wage_max),
            "hours_per_week": posting.hours_per_week,
            "demands": dict(posting.demands or {}),
            "offers": list(posting.offers or []),
            "title": posting.title,
            "description": posting.tasks,
            "occupation": posting.occupation,
        }

    def entries(self) -> list[dict[str, Any]]:
        return [self.entry(posting) for posting in self.postings]


def posting_entry(posting: PostingLike, on: date) -> dict[str, Any]:
    """The contract's `postings` entry of one posting, as of `on`."""
    return EntryBuilder([posting], on).entry(posting)


def posting_entries(postings: Iterable[PostingLike], on: date) -> list[dict[str, Any]]:
    """The entries of many postings, as of `on` (a batch's input)."""
    return EntryBuilder(postings, on).entries()
