"""Calendar quarters, the period of the registry's update round (季度更新制度)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter `number` (1–4) of `year`: January–March is the first."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """`2026-Q1` → Quarter(2026, 1); None for anything else."""
        match = _PATTERN.match(text.strip())
        return cls(int(match[1]), int(match[2])) if match else None

    @property
    def start(self) -> date:
        """Its first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Its last day."""
        return self.next().start - timedelta(days=1)

    @property
    def code(self) -> str:
        """`2026-Q1`, as used in URLs."""
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        """`2026年第1季度`."""
        return _("%(year)d年第%(number)d季度") % {"year": self.year, "number": self.number}

    def next(self) -> Quarter:
        """The following quarter."""
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        """The quarter before."""
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def reference_day(self, today: date) -> date:
        """The day the working-age population is counted on: today in the current quarter, the
        last day of a past one."""
        return min(today, self.end)
