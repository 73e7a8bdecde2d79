"""Where an indicator's figures come from (汇总表, docs/indicators.md): the rollup the refresh
job stored (services/rollup.py) while it is fresh, or computed live from the domain data.

`tallies_of` is the one place `Measure.compute` is called. A `Source` answers many questions for
one page: it reads the fresh rollups' periods once, and a region's lines for all the periods a
dashboard shows in one query (`preload`). It remembers what it used, so the page can say
数据更新于 … (the oldest refresh used) or 数据为实时计算.

A rollup answers for the region's children's grain, which is what the dashboard adds up (see
figures.py `roll_up`): a province's cities, a city's counties, a county's townships and its
line without a township, a township itself. A rollup is used for `start`…`end` when it began
on `start` and read up to a day between its own last day read and `end`, within its period: a
running period's figures as of the refresh. A locked period's figures (selectors/locks.py)
replace both, as before. Older periods, a community, and a township's figure of a measure
without township lines (`Measure.township_lines`) are computed live.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ablework.core.measure_parts import Measure, Place, Tally
from ablework.indicators.models import IndicatorRollup, RollupPeriod
from ablework.indicators.periods import Period

# (indicator, start) → the fresh rollups beginning that day: (id, read until, period's end, at)
Found = tuple[int, date, date, datetime]


def fresh_since() -> datetime:
    """The oldest refresh still read (INDICATOR_ROLLUP_FRESH_HOURS before now)."""
    return timezone.now() - timedelta(hours=settings.INDICATOR_ROLLUP_FRESH_HOURS)


def _answers(measure: Measure, prefix: str) -> bool:
    """Whether the rollup holds this region's lines for the measure."""
    if len(prefix) in (2, 4, 6):
        return True
    return len(prefix) == 9 and measure.township_lines


def _query(prefix: str) -> Q:
    """The lines a region's figure is made of."""
    if len(prefix) == 9:
        return Q(prefix=prefix, unplaced=False)
    return Q(under=prefix)


def _place(prefix: str, line_prefix: str, unplaced: bool) -> Place:
    """A line as a place that `roll_up` adds to the right child."""
    if len(prefix) == 2:
        return (line_prefix + "00", "")
    if len(prefix) == 4 or unplaced:
        return (line_prefix, "")
    return (line_prefix[:6], line_prefix)


def _tally(numerator: int, amount: Decimal | None, denominator: int | None) -> Tally:
    return Tally(amount if amount is not None else numerator, denominator)


class Source:
    """The figures one page reads: from fresh rollups (`live=False`) or all computed live."""

    def __init__(self, *, live: bool = False) -> None:
        self.live = live
        self.computed_live = False
        self._used: set[datetime] = set()
        self._rollups: dict[tuple[str, date], list[Found]] | None = None
        self._lines: dict[tuple[int, str], dict[Place, Tally]] = {}

    @property
    def refreshed_at(self) -> datetime | None:
        """The oldest refresh whose figures were shown (None: none came from a rollup)."""
        return min(self._used) if self._used else None

    def tallies(
        self, measure: Measure, prefix: str, start: date, end: date
    ) -> Mapping[Place, Tally]:
        """The measure's places for the region with this code prefix, `start`…`end`."""
        found = None if self.live else self._rollup(measure, prefix, start, end)
        if found is None:
            self.computed_live = True
            return measure.compute(prefix, start, end)
        rollup_id, at = found
        self._used.add(at)
        key = (rollup_id, prefix)
        if key not in self._lines:
            self._load([rollup_id], prefix)
        return self._lines[key]

    def preload(self, measures: Iterable[Measure], prefix: str, periods: Iterable[Period]) -> None:
        """Read the region's lines of every measure over these periods in one query."""
        if self.live:
            return
        wanted = []
        for period in periods:
            until = period.read_until()
            if until < period.start:
                continue
            for measure in measures:
                found = self._rollup(measure, prefix, period.start, until)
                if found is not None and (found[0], prefix) not in self._lines:
                    wanted.append(found[0])
        if wanted:
            self._load(wanted, prefix)

    def _rollup(
        self, measure: Measure, prefix: str, start: date, end: date
    ) -> tuple[int, datetime] | None:
        if not _answers(measure, prefix):
            return None
        if self._rollups is None:
            self._rollups = {}
            rows = RollupPeriod.objects.filter(refreshed_at__gte=fresh_since()).values_list(
                "indicator", "start", "pk", "read_until", "end", "refreshed_at"
            )
            for indicator, begun, pk, until, last, at in rows:
                self._rollups.setdefault((indicator, begun), []).append((pk, until, last, at))
        candidates = [
            (last, pk, at)
            for pk, until, last, at in self._rollups.get((measure.code, start), [])
            if until <= end <= last
        ]
        if not candidates:
            return None
        _last, pk, at = min(candidates)
        return pk, at

    def _load(self, rollup_ids: list[int], prefix: str) -> None:
        for rollup_id in rollup_ids:
            self._lines[(rollup_id, prefix)] = {}
        rows = (
            IndicatorRollup.objects.filter(_query(prefix), rollup_id__in=rollup_ids)
            .values_list("rollup_id", "prefix", "unplaced", "numerator", "amount", "denominator")
            .iterator(chunk_size=5000)
        )
        for rollup_id, line, unplaced, numerator, amount, denominator in rows:
            place = _place(prefix, line, unplaced)
            self._lines[(rollup_id, prefix)][place] = _tally(numerator, amount, denominator)


def tallies_of(
    measure: Measure,
    prefix: str,
    start: date,
    end: date,
    *,
    live: bool = False,
    source: Source | None = None,
) -> Mapping[Place, Tally]:
    """The measure's tallies by place for a region (code prefix) over `start`…`end`: from the
    fresh rollup, or computed (`live=True`: always computed)."""
    if source is None:
        source = Source(live=live)
    return source.tallies(measure, prefix, start, end)
