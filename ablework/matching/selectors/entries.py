"""A posting as the matching engine reads it: one entry of the contract's `postings` list
(`../shared/domain/matching-contract.md`), so the database path gives the engine exactly what
`ablework match --input` would.

- `minimum_wage_monthly`: the parameter `wages.minimum_wage_monthly` of the posting's county on
  `on` (the day the match is for), as a string to the fen; null where no figure is known.
- `place`: the posting's own coordinates, else its township's centre, else its county's
  (constraint 5); null when none of them has coordinates.
- `offers`: the workplace's accessibility and accommodations; `demands`: code → essential or
  adjustable; `description`: the tasks in plain words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from ablework.core.models import Region
from ablework.matching.models import JobPosting
from ablework.matching.selectors.wages import minimum_wage

Place = dict[str, float]


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def region_centres(codes: Iterable[str]) -> dict[str, Place]:
    """Region code → its centre, for those of `codes` that have one (one query)."""
    wanted = {code for code in codes if code}
    rows = Region.objects.filter(code__in=wanted, latitude__isnull=False, longitude__isnull=False)
    return {
        code: {"lat": float(lat), "lon": float(lon)}
        for code, lat, lon in rows.values_list("code", "latitude", "longitude")
        if lat is not None and lon is not None
    }


def place_of(posting: JobPosting, centres: dict[str, Place]) -> Place | None:
    """Where the work is: its own coordinates, its township's centre, its county's centre."""
    if posting.latitude is not None and posting.longitude is not None:
        return {"lat": float(posting.latitude), "lon": float(posting.longitude)}
    for code in (posting.township_code, posting.county_code):
        if code and code in centres:
            return centres[code]
    return None


class EntryBuilder:
    """Builds entries for many postings with one query for the centres and one parameter
    lookup per county (the same for every posting of a county on a day)."""

    def __init__(self, postings: Iterable[JobPosting], on: date) -> None:
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

    def entry(self, posting: JobPosting) -> dict[str, Any]:
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
        }

    def entries(self) -> list[dict[str, Any]]:
        return [self.entry(posting) for posting in self.postings]


def posting_entry(posting: JobPosting, on: date) -> dict[str, Any]:
    """The contract's `postings` entry of one posting, as of `on`."""
    return EntryBuilder([posting], on).entry(posting)


def posting_entries(postings: Iterable[JobPosting], on: date) -> list[dict[str, Any]]:
    """The entries of many postings, as of `on` (a batch's input)."""
    return EntryBuilder(postings, on).entries()
