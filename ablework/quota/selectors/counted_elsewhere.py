"""The months other employers' filed declarations of the year already counted."""

from __future__ import annotations

from collections import defaultdict

from ablework.quota.models import FILED_STATUSES, LineMonth, RosterLine


def counted_elsewhere(hashes: set[str], levy_year: int, employer_id: int) -> dict[str, set[int]]:
    """For each certificate, the months counted in another employer's filed declaration of the
    year (two queries).

    The roster lines are found by their certificate hashes alone, with their declaration's
    year, status and employer beside them, and sorted here. Filtering on the declaration in SQL
    let SQLite (which keeps no statistics) walk every filed declaration of the year instead:
    about a second with 200,000 of them (docs/benchmarks.md, "Quota check")."""
    lines = RosterLine.objects.filter(certificate_hash__in=hashes).values_list(
        "pk",
        "certificate_hash",
        "declaration__levy_year",
        "declaration__status",
        "declaration__employer_id",
    )
    digests = {
        pk: digest
        for pk, digest, year, status, employer in lines
        if year == levy_year and status in FILED_STATUSES and employer != employer_id
    }
    found: dict[str, set[int]] = defaultdict(set)
    if not digests:
        return found
    months = LineMonth.objects.filter(roster_line_id__in=digests, counted=True).values_list(
        "roster_line_id", "month"
    )
    for line_id, month in months:
        found[digests[line_id]].add(month)
    return found
