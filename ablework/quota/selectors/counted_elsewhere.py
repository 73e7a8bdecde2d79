"""The months other employers' filed declarations of the year already counted (the check), and
the months each employer's filed declarations declared or counted for a set of certificates
(the review's double-counting risk signal, quota/risk/)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from ablework.quota.folding import counted_months
from ablework.quota.models import FILED_STATUSES, LineMonth, RosterLine

# Certificate hashes per IN list: SQLite's limit on bound parameters stays far away.
HASH_CHUNK = 5000


def months_by_employer(
    hashes: Collection[str], levy_year: int, *, counted_only: bool = True
) -> dict[str, dict[int, set[int]]]:
    """For each certificate, {employer id: the months its filed declaration of the year
    counted (or, without `counted_only`, declared)}.

    The counted months are the lines' folds (`RosterLine.counted_months`, written with the
    months by every roster writer: `quota.folding`), so they take one query per `HASH_CHUNK`
    hashes and one integer a line; the declared months (a month on the roster, counted or not,
    which no fold holds) are read from the lines' `LineMonth` rows, a second query.

    The roster lines are found by their certificate hashes alone, with their declaration's
    year, status and employer beside them, and sorted here. Filtering on the declaration in SQL
    let SQLite (which keeps no statistics) walk every filed declaration of the year instead:
    about a second with 200,000 of them (docs/benchmarks.md, "Quota check")."""
    found: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    ordered = sorted(h for h in hashes if h)
    for start in range(0, len(ordered), HASH_CHUNK):
        chunk = ordered[start : start + HASH_CHUNK]
        lines = RosterLine.objects.filter(certificate_hash__in=chunk).values_list(
            "pk",
            "certificate_hash",
            "declaration__levy_year",
            "declaration__status",
            "declaration__employer_id",
            "counted_months",
        )
        owners: dict[int, tuple[str, int]] = {}
        for pk, digest, year, status, employer, folded in lines:
            if year != levy_year or status not in FILED_STATUSES:
                continue
            if not counted_only:
                owners[pk] = (digest, employer)
            elif folded:
                found[digest][employer].update(counted_months(folded))
        if not owners:
            continue
        for line_id, month in LineMonth.objects.filter(roster_line_id__in=owners).values_list(
            "roster_line_id", "month"
        ):
            digest, employer = owners[line_id]
            found[digest][employer].add(month)
    return found


def counted_elsewhere(hashes: set[str], levy_year: int, employer_id: int) -> dict[str, set[int]]:
    """For each certificate, the months counted in another employer's filed declaration of the
    year (one query per `HASH_CHUNK` numbers: the lines' folds)."""
    found: dict[str, set[int]] = defaultdict(set)
    for digest, employers in months_by_employer(hashes, levy_year).items():
        for employer, months in employers.items():
            if employer != employer_id:
                found[digest] |= months
    return found
