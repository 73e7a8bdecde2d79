"""The months other employers' filed declarations of the year already counted."""

from __future__ import annotations

from collections import defaultdict

from ablework.quota.models import FILED_STATUSES, LineMonth


def counted_elsewhere(hashes: set[str], levy_year: int, employer_id: int) -> dict[str, set[int]]:
    """For each certificate, the months counted in another employer's filed declaration of the
    year (one query)."""
    rows = (
        LineMonth.objects.filter(
            counted=True,
            roster_line__certificate_hash__in=hashes,
            roster_line__declaration__levy_year=levy_year,
            roster_line__declaration__status__in=FILED_STATUSES,
        )
        .exclude(roster_line__declaration__employer_id=employer_id)
        .values_list("roster_line__certificate_hash", "month")
    )
    found: dict[str, set[int]] = defaultdict(set)
    for digest, month in rows:
        found[digest].add(month)
    return found
