"""The organs' and institutions' indicators (issue 14): how many of the units the placement
mandate covers have met it, and how many counties' pooled county and township units reach the
ratio — the mandate page's own statuses (selectors/mandate.py) on the period's last day, in the
same bounded number of queries whatever the number of units. A unit counts in its own county
and township."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from ablework.core.measure_parts import Place, Tally
from ablework.core.scoping import RegionFields
from ablework.employers.models import PUBLIC_KINDS, Employer
from ablework.organs.selectors.mandate import UnitStatus, county_aggregates, mandate_statuses

UNIT_PLACE = RegionFields(county="county_code", township="township_code")
# The rule's reasons for a unit it covers (organ-mandate): met, or still to place someone.
MET = frozenset({"quota_met", "placement_met", "share_met"})
COVERED = MET | {"placement_required", "share_required"}


def _statuses(prefix: str, on: date) -> list[UnitStatus]:
    units = Employer.objects.filter(UNIT_PLACE.inside(prefix), kind__in=PUBLIC_KINDS)
    return mandate_statuses(units, on=on)


def _covered(prefix: str, on: date) -> Iterator[tuple[UnitStatus, bool]]:
    """The units the per-unit mandate covers on the day, each with whether it meets it."""
    for status in _statuses(prefix, on):
        codes = {reason.code for reason in status.reasons}
        if codes & COVERED:
            yield status, bool(codes & MET)


def mandate_compliance(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """Of the units the per-unit mandate covers on the period's last day, those that meet it:
    the ratio reached, or at least the minimum placed."""
    del start  # a rate on the period's last day
    met: dict[Place, int] = defaultdict(int)
    covered: dict[Place, int] = defaultdict(int)
    for status, meets in _covered(prefix, end):
        place = (status.county_code, status.township_code)
        covered[place] += 1
        met[place] += 1 if meets else 0
    return {place: Tally(met[place], n) for place, n in covered.items()}


def mandate_compliance_units(prefix: str, start: date, end: date) -> dict[int, int]:
    """The units behind `mandate_compliance` (its denominator), each with the persons it still
    has to place by the rule: 0 for a unit that meets the mandate (its numerator), at least 1
    for one that does not."""
    del start
    return {
        status.employer_id: 0 if meets else max(status.gap, 1)
        for status, meets in _covered(prefix, end)
    }


def pooled_compliance(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """Of the counties with county- and township-level units that can be judged, those whose
    units together count at least the quota ratio of their authorised posts."""
    del start
    found: dict[Place, Tally] = {}
    for line in county_aggregates(_statuses(prefix, end), on=end):
        if line.met is None:
            continue
        found[(line.county_code, "")] = Tally(1 if line.met else 0, 1)
    return found
