"""What each domain declares about the figures policymakers steer by (issue 14): its indicators.

An app that holds the data behind an indicator puts `MEASURES = [Measure(...)]` in its own
`measures.py`; the indicators app collects them from INSTALLED_APPS (`indicators/catalogue.py`),
so an indicator whose domain has not landed is simply not offered, and a domain that lands later
adds its own the same way, editing nothing of the indicators app.

A measure computes, for a region (a code prefix) and a period (two dates, both included), a
`Tally` per place — (county code, township code; blank when the row has none) — in a bounded
number of queries whatever the region's size; the indicators app adds the places up to the
level it shows (cities, counties or townships).

A count of persons may also say who they are (`persons`): the ids of the persons behind its
figure for a region and a period, the same persons its `compute` counts, so the dashboard can
list them (masked, scoped and logged by the indicators app). A rate may say who is in its
numerator and who else is in its denominator (`rate_persons`: e.g. employed / not employed of
the working-age certificate holders). An amount of money or a count of units may say which units
are behind it (`units`: employer id → its amount in 元, or its count); a rate about units, which
units are in its denominator (`units`: employer id → what it still lacks to be in the numerator,
0 for a unit that is: the organs' mandate compliance gives the persons still to place). A
measure without them offers no list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise
# What most rates count (Measure.counted_in).
PERSONS: Text = _("人")
Place = tuple[str, str]  # (6-digit county code, 9-digit township code or "")


class MeasureKind(StrEnum):
    """A count over the period (人, 人次, 家), a sum of money over the period (元, a Decimal
    numerator) or a rate on the period's last day (%)."""

    COUNT = "count"
    AMOUNT = "amount"
    RATE = "rate"


@dataclass(frozen=True)
class SeedSource:
    """Where a plan names the indicator: the document, its section, and the seed file holding
    it (`../shared/seeds/`), quoted."""

    document: Text
    section: Text
    seed_file: str
    quote: Text


@dataclass(frozen=True)
class Tally:
    """A count (an amount of money: a Decimal), or a rate's numerator and denominator; tallies
    of places add up."""

    numerator: int | Decimal = 0
    denominator: int | None = None

    def __add__(self, other: Tally) -> Tally:
        if self.denominator is None and other.denominator is None:
            return Tally(self.numerator + other.numerator)
        return Tally(
            self.numerator + other.numerator, (self.denominator or 0) + (other.denominator or 0)
        )

    def percent(self) -> Decimal | None:
        """The rate in per cent to one decimal (None without a denominator or when it is 0)."""
        if not self.denominator:
            return None
        value = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


Compute = Callable[[str, date, date], Mapping[Place, Tally]]
# The persons (registry ids) behind a count for a region code prefix and two days, both included.
PersonsOf = Callable[[str, date, date], Collection[int]]
# A rate's persons: those in its numerator, and the rest of its denominator.
RatePersonsOf = Callable[[str, date, date], tuple[Collection[int], Collection[int]]]
# The units (employer ids) behind an amount or a count of units, each with its share of it; behind
# a rate, its denominator's units, each with its gap to the numerator (0: in the numerator).
UnitsOf = Callable[[str, date, date], Mapping[int, int | Decimal]]


@dataclass(frozen=True)
class Measure:
    """One indicator, defined once: its plain name, what it counts and what it does not, its
    unit, the tables it reads, the plans that name it, and how it is computed."""

    code: str
    name: Text
    unit: Text
    kind: MeasureKind
    definition: Text
    counts: Text
    excludes: Text
    tables: tuple[Text, ...]
    sources: tuple[SeedSource, ...]
    compute: Compute
    order: int = 100
    persons: PersonsOf | None = None
    # Its figure is about units (employers, organs, counties), not persons: open data publishes
    # it whatever its size (docs/open-data.md). An amount of money is about units too.
    about_units: bool = False
    rate_persons: RatePersonsOf | None = None
    units: UnitsOf | None = None
    # Its places name townships, and a township's figure is the sum of its places: the rollup
    # (indicators/services/rollup.py) keeps township lines. False for a figure of counties (the
    # county-level pooled compliance), whose township figure is computed when asked.
    township_lines: bool = True
    # What a rate's numerator and denominator count, shown beside its percentage (“2 / 3 家”).
    counted_in: Text = PERSONS

    @property
    def is_rate(self) -> bool:
        return self.kind == MeasureKind.RATE

    @property
    def is_amount(self) -> bool:
        return self.kind == MeasureKind.AMOUNT

    @property
    def lists_persons(self) -> bool:
        """Whether the persons behind its figure can be listed (a count or a rate that says
        who)."""
        if self.is_rate:
            return self.rate_persons is not None
        return self.persons is not None

    @property
    def lists_units(self) -> bool:
        """Whether the units behind its figure can be listed."""
        return self.units is not None
