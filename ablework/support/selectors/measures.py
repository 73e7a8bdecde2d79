"""The employment services' indicators (issue 14): the "四个一" completion rates and the
graduates' three rates, computed set-based for a region and a period (core/measure_parts.py).

- The "四个一" rates are the supervisors' completion page's own figures (completion.py): the
  precomputed township totals of the cycle — the calendar year — holding the period's last day,
  as the last refresh counted them, summed by county and township in one query. A person
  counts where that refresh placed them.
- The graduates' rates are the cohort ledger's own count (graduate_rates.py): the graduates of
  the cohorts whose year is one of the period's years, as recorded by the period's last day,
  placed where the ledger places them (the matched person's county and township).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ablework.core.measure_parts import Place, Tally
from ablework.core.scoping import RegionFields
from ablework.support.models import CompletionTotal, Graduate, Pillar
from ablework.support.selectors.completion import count_groups, due_column
from ablework.support.selectors.graduate_rates import rate_counts

PLACE = RegionFields(county="county_code", township="township_code")
PLACE_COLUMNS = ("county_code", "township_code")

Compute = Callable[[str, date, date], dict[Place, Tally]]


def pillar_rate(pillar: Pillar) -> Compute:
    """The completion rate of one of the four services: done ÷ due in the cycle."""
    due = due_column(pillar)
    done = f"{pillar}_done"

    def compute(prefix: str, start: date, end: date) -> dict[Place, Tally]:
        del start  # a rate of the cycle holding the period's last day
        totals = CompletionTotal.objects.filter(PLACE.inside(prefix), year=end.year)
        groups = count_groups(totals, PLACE_COLUMNS, (due, done))
        return {
            (group["county_code"], group["township_code"] or ""): Tally(group[done], group[due])
            for group in groups
        }

    compute.__name__ = f"{pillar}_rate"
    return compute


def graduate_rate(numerator: str, denominator: str) -> Compute:
    """One of the graduates' rates: `numerator` ÷ `denominator` of rate_counts' figures."""

    def compute(prefix: str, start: date, end: date) -> dict[Place, Tally]:
        graduates = Graduate.objects.filter(
            PLACE.inside(prefix), cohort__year__gte=start.year, cohort__year__lte=end.year
        )
        rows = rate_counts(graduates, on=end, by=PLACE_COLUMNS)
        return {
            (row["county_code"], row["township_code"] or ""): Tally(
                row[numerator], row[denominator]
            )
            for row in rows
        }

    compute.__name__ = f"graduate_{numerator}_rate"
    return compute


check_rate = pillar_rate(Pillar.CHECK)
assessment_rate = pillar_rate(Pillar.ASSESSMENT)
needs_rate = pillar_rate(Pillar.NEEDS)
service_rate = pillar_rate(Pillar.SERVICE)
graduate_registration_rate = graduate_rate("registered", "graduates")
graduate_service_rate = graduate_rate("served", "graduates")
graduate_employment_rate = graduate_rate("employed", "wishing")
