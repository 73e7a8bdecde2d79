"""Withholding small figures from open data (docs/open-data.md), so that no person can be
identified from a published table.

A table is one region's figure (the total) and its children's (the parts, 未登记乡镇（街道） one
of them), for one indicator and one period. With the threshold T (the rules parameter
`open_data.small_count_threshold`):

- **Primary.** A count of persons that is not 0 and below T is withheld; so is a rate whose
  denominator is not 0 and below T, or whose numerator, or whose complement (denominator −
  numerator: e.g. those not employed), is not 0 and below T — a rate derived from a withheld
  count is withheld too.
- **Complementary.** While the total is shown, a withheld part could be worked out as the total
  minus the other parts. So while one part alone is withheld, or the withheld parts together
  would still be a small figure, another part is withheld as well: the smallest that makes them
  no longer small, else the largest (a part of 0 protects nothing and stays shown); when no part
  is left to withhold, the total is withheld.
- **Down the tree.** A region withheld in its parent's table is withheld in its own table, and
  then all its parts are too (their sum would be its figure).

Amounts of money and counts of units (employers, organs, counties) are about units, not persons,
and are not withheld (`Measure.about_units`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from ablework.core.measure_parts import Tally


class Withheld(StrEnum):
    """Why a figure is not published (the open data's `suppression` column)."""

    SMALL = "small"
    COMPLEMENTARY = "complementary"
    WITHIN = "within_withheld"


WITHHELD_LABELS = {
    Withheld.SMALL: _("人数较少，不公开"),
    Withheld.COMPLEMENTARY: _("补充抑制，不公开（否则可由合计推算出较少的人数）"),
    Withheld.WITHIN: _("所在地区的数字不公开，其下级也不公开"),
}


def is_small(tally: Tally, threshold: int, *, rate: bool) -> bool:
    """Whether the figure alone is small enough to point at persons."""

    def few(number: int | Decimal) -> bool:
        return 0 < number < threshold

    if not rate:
        return few(tally.numerator)
    denominator = tally.denominator or 0
    if denominator == 0:
        return False
    return few(denominator) or few(tally.numerator) or few(denominator - tally.numerator)


def _size(tally: Tally, *, rate: bool) -> int | Decimal:
    return (tally.denominator or 0) if rate else tally.numerator


def withhold(
    total: Tally,
    parts: Sequence[tuple[str, Tally]],
    threshold: int,
    *,
    rate: bool,
    total_withheld: Withheld | None = None,
) -> tuple[Withheld | None, dict[str, Withheld]]:
    """Which figures of the table are withheld and why: the total's reason (None: shown) and
    each withheld part's by its key. `total_withheld` is the region's reason in its parent's
    table (it is then withheld here too)."""
    if total_withheld is None and is_small(total, threshold, rate=rate):
        total_withheld = Withheld.SMALL
    hidden: dict[str, Withheld] = {
        key: Withheld.SMALL for key, tally in parts if is_small(tally, threshold, rate=rate)
    }
    if total_withheld is not None:
        return total_withheld, {key: hidden.get(key, Withheld.WITHIN) for key, _t in parts}
    tallies = dict(parts)
    empty = Tally(0, 0) if rate else Tally(0)
    while hidden:
        together = sum((tallies[key] for key in hidden), empty)
        if len(hidden) > 1 and not is_small(together, threshold, rate=rate):
            break
        # A part of 0 protects nothing (the withheld ones would still add up to a small
        # figure): the smallest other part that makes them no longer small, else the largest.
        shown = sorted(
            ((key, tally) for key, tally in parts if key not in hidden and _size(tally, rate=rate)),
            key=lambda item: (_size(item[1], rate=rate), item[0]),
        )
        if not shown:
            return Withheld.COMPLEMENTARY, hidden
        enough = [
            key for key, tally in shown if not is_small(together + tally, threshold, rate=rate)
        ]
        hidden[enough[0] if enough else shown[-1][0]] = Withheld.COMPLEMENTARY
    return None, hidden
