"""A roster line's counted months folded into one integer (`RosterLine.counted_months`), so a
reader that needs only which months counted, and at which weight, reads one integer a line
instead of its twelve `LineMonth` rows (the season assessment's frames, levy/selectors/frames.py).

The fold of a line is the sum over its months (a month is stored once per line,
`line_month_once`, so the sum is the bits' union):

- bit m − 1 (1 ≪ (m − 1)) when month m is counted (`LineMonth.counted`);
- bit m + 11 (1 ≪ (m + 11)) when it is counted at a weight above 1: a severe grade's weight,
  `levy.severe_weight` (2 since 2015, 财税〔2015〕72号 第七条) at the time the month was checked.

So 0 is a line with no counted month, and every fold is below 2²⁴. The months stay the record
(wage, insurance, problems); the fold is derived from them and written with them by every writer
of a roster (`services/filing.store_lines`, which submissions, resubmissions, drafts and recorded
corrections all go through). `refold` recomputes it from the stored months in one UPDATE, for
rows written another way (a migration, a benchmark's SQL seed, a test's hand-made months)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from ablework.quota.models import LineMonth, RosterLine

MONTHS = 12
SEVERE_SHIFT = MONTHS  # month m at the severe weight: bit m - 1 + 12


def month_bits(month: int, weight: int, counted: bool) -> int:
    """What one month adds to its line's fold (0 when it is not counted)."""
    if not 1 <= month <= MONTHS:
        raise ValueError(f"month {month} is not 1–12")
    if not counted:
        return 0
    bit = 1 << (month - 1)
    return bit | (bit << SEVERE_SHIFT if weight > 1 else 0)


def fold(months: Iterable[tuple[int, int, bool]]) -> int:
    """The fold of a line's months given as (month, weight, counted), each month once."""
    total = 0
    for month, weight, counted in months:
        total |= month_bits(month, weight, counted)
    return total


def counted_months(folded: int) -> list[int]:
    """The counted months (1–12) of a fold, in order."""
    return [m for m in range(1, MONTHS + 1) if folded >> (m - 1) & 1]


def severe_months(folded: int) -> list[int]:
    """The months of a fold counted at the severe weight, in order."""
    return [m for m in range(1, MONTHS + 1) if folded >> (m - 1 + SEVERE_SHIFT) & 1]


def fold_of_months() -> Sum:
    """The fold as an aggregate over `LineMonth` rows (the SQL of `month_bits`, summed)."""
    # 1 << (month - 1) (the stubs type a shift's amount as an int; the ORM takes an expression)
    bit = Value(1).bitleftshift(cast(Any, F("month") - 1))
    return Sum(
        Case(
            When(counted=True, weight__gt=1, then=bit + bit.bitleftshift(SEVERE_SHIFT)),
            When(counted=True, then=bit),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def refold(lines: QuerySet[RosterLine]) -> int:
    """Recompute the fold of these roster lines from their stored months (one UPDATE); how many
    lines it wrote."""
    months = (
        LineMonth.objects.filter(roster_line=OuterRef("pk"))
        .order_by()
        .values("roster_line")
        .annotate(folded=fold_of_months())
        .values("folded")
    )
    return lines.update(
        counted_months=Coalesce(Subquery(months, output_field=IntegerField()), Value(0))
    )
