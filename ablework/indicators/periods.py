"""Periods indicators are read over: a month, a quarter, a year or a plan's years (2023-2025).

A period is written in the address as `2026-07`, `2026Q3`, `2026` or `2023-2025`; both its
days are included. A period that has not ended yet is read up to today (截至今日).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.errors import Invalid

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
QUARTER = re.compile(r"(\d{4})Q([1-4])")
YEAR = re.compile(r"\d{4}")
YEARS = re.compile(r"(\d{4})-(\d{4})")
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    """Days `start`…`end`, both included, and how the address writes it."""

    code: str
    start: date
    end: date

    @property
    def label(self) -> str:
        if QUARTER.fullmatch(self.code):
            return _("%(year)s年第%(quarter)s季度") % {
                "year": self.start.year,
                "quarter": (self.start.month + 2) // 3,
            }
        if MONTH.fullmatch(self.code):
            return _("%(year)s年%(month)s月") % {"year": self.start.year, "month": self.start.month}
        if self.start.year == self.end.year:
            return _("%(year)s年") % {"year": self.start.year}
        return _("%(first)s—%(last)s年") % {"first": self.start.year, "last": self.end.year}

    def read_until(self, today: date | None = None) -> date:
        """The last day figures are read on: the period's end, or today while it runs."""
        today = today or timezone.localdate()
        return min(self.end, today)

    def has_started(self, today: date | None = None) -> bool:
        return self.start <= (today or timezone.localdate())

    def share_elapsed(self, today: date | None = None) -> float:
        """How much of the period has passed (0 to 1)."""
        until = self.read_until(today)
        if until < self.start:
            return 0.0
        return ((until - self.start).days + 1) / ((self.end - self.start).days + 1)


def year_period(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))


def years_period(first: int, last: int) -> Period:
    if first == last:
        return year_period(first)
    return Period(f"{first}-{last}", date(first, 1, 1), date(last, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * quarter - 2
    last_month = first_month + 2
    return Period(
        f"{year}Q{quarter}",
        date(year, first_month, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def month_period(year: int, month: int) -> Period:
    return Period(
        f"{year}-{month:02d}",
        date(year, month, 1),
        date(year, month, calendar.monthrange(year, month)[1]),
    )


def parse_period(raw: str) -> Period:
    """The period an address names, or Invalid saying how to write one."""
    text = raw.strip().upper()
    latest = timezone.localdate().year + 10
    if found := MONTH.fullmatch(text):
        year, month = int(found[1]), int(found[2])
        if EARLIEST_YEAR <= year <= latest:
            return month_period(year, month)
    elif found := QUARTER.fullmatch(text):
        year = int(found[1])
        if EARLIEST_YEAR <= year <= latest:
            return quarter_period(year, int(found[2]))
    elif YEAR.fullmatch(text):
        if EARLIEST_YEAR <= int(text) <= latest:
            return year_period(int(text))
    elif found := YEARS.fullmatch(text):
        first, last = int(found[1]), int(found[2])
        if EARLIEST_YEAR <= first <= last <= latest:
            return years_period(first, last)
    raise Invalid(
        _(
            "期间“%(raw)s”无效：请写成 2026（年）、2026Q3（季度）、"
            "2026-07（月）或 2023-2025（计划期）。"
        )
        % {"raw": raw},
        field="period",
    )


def quarters_of(year: int) -> list[Period]:
    return [quarter_period(year, quarter) for quarter in range(1, 5)]


def months_of(period: Period) -> list[Period]:
    """The months of a period, in order (for a trend)."""
    months = []
    year, month = period.start.year, period.start.month
    while date(year, month, 1) <= period.end:
        months.append(month_period(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
