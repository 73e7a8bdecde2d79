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
        # One day for the whole page (Period.read_until asks the time zone at each call).
        self.today = timezone.localdate()
        self._used: set[datetime] = set()
        self._since = fresh_since()
        self._starts: set[date] = set()
        self._rollups: dict[tuple[str, date], list[Found]] = {}
        self._lines: dict[tuple[int, str], dict[Place, Tally]] = {}
        self._totals: dict[tuple[int, str], Tally | None] = {}

    @property
    def refreshed_at(self) -> datetime | None:
        """The oldest refresh whose figures were shown (None: none came from a rollup)."""
        return min(self._used) if self._used else None

    def tallies(
        self, measure: Measure, prefix: str, start: date, end: date
    ) -> Mapping[Place, Tally]:
        """The measure's places for the region with this code prefix, `start`…`end`."""
        rollup_id = self._found(measure, prefix, start, end)
        if rollup_id is None:
            self.computed_live = True
            return measure.compute(prefix, start, end)
        key = (rollup_id, prefix)
        if key not in self._lines:
            self._load([rollup_id], [], prefix)
        return self._lines[key]

    def total(self, measure: Measure, prefix: str, start: date, end: date) -> Tally | None:
        """The region's own line from the rollup (None: not in a fresh rollup; the caller adds
        up `tallies`)."""
        rollup_id = self._found(measure, prefix, start, end)
        if rollup_id is None:
            return None
        key = (rollup_id, prefix)
        if key not in self._totals:
            self._load([], [rollup_id], prefix)
        found = self._totals[key]
        if found is None:  # nothing counted in the region
            return Tally(0, 0) if measure.is_rate else Tally(0)
        return found

    def preload(
        self,
        measures: Iterable[Measure],
        prefix: str,
        periods: Iterable[Period],
        *,
        totals: Iterable[Period] = (),
    ) -> None:
        """Read the region's lines of every measure in one query: with its children's over
        `periods`, its own total over `totals` (a trend's points)."""
        if self.live:
            return
        measures = list(measures)
        asked = [(period, False) for period in periods] + [(period, True) for period in totals]
        self._ensure({period.start for period, _total in asked})
        parts, own = [], []
        for period, total in asked:
            until = period.read_until(self.today)
            if until < period.start:
                continue
            for measure in measures:
                rollup_id = self._rollup(measure, prefix, period.start, until)
                if rollup_id is None:
                    continue
                if total and (rollup_id, prefix) not in self._totals:
                    own.append(rollup_id)
                elif not total and (rollup_id, prefix) not in self._lines:
                    parts.append(rollup_id)
        if parts or own:
            self._load(parts, own, prefix)

    def _found(self, measure: Measure, prefix: str, start: date, end: date) -> int | None:
        """The rollup to read (marked as used), or None when it is to be computed."""
        if self.live:
            return None
        self._ensure({start})
        return self._rollup(measure, prefix, start, end)

    def _ensure(self, starts: set[date]) -> None:
        """Read the fresh rollups beginning on these days (once each)."""
        wanted = starts - self._starts
        if not wanted:
            return
        self._starts |= wanted
        rows = RollupPeriod.objects.filter(
            refreshed_at__gte=self._since, start__in=wanted
        ).values_list("indicator", "start", "pk", "read_until", "end", "refreshed_at")
        for indicator, begun, pk, until, last, at in rows:
            self._rollups.setdefault((indicator, begun), []).append((pk, until, last, at))

    def _rollup(self, measure: Measure, prefix: str, start: date, end: date) -> int | None:
        if not _answers(measure, prefix):
            return None
        candidates = [
            (last, pk, at)
            for pk, until, last, at in self._rollups.get((measure.code, start), [])
            if until <= end <= last
        ]
        if not candidates:
            return None
        _last, pk, at = min(candidates)
        self._used.add(at)
        return pk

    def _load(self, parts: list[int], own: list[int], prefix: str) -> None:
        """The children's lines of the rollups `parts`, the region's own of `own`."""
        for rollup_id in parts:
            self._lines[(rollup_id, prefix)] = {}
        for rollup_id in own:
            self._totals[(rollup_id, prefix)] = None
        wanted = Q(pk__in=[])
        if parts:
            wanted |= _query(prefix) & Q(rollup_id__in=parts)
        if own:
            wanted |= Q(prefix=prefix, unplaced=False, rollup_id__in=own)
        rows = IndicatorRollup.objects.filter(wanted).values_list(
            "rollup_id", "prefix", "under", "unplaced", "numerator", "amount", "denominator"
        )
        own_ids = set(own)
        for rollup_id, line, under, unplaced, numerator, amount, denominator in rows:
            tally = _tally(numerator, amount, denominator)
            if rollup_id in own_ids and line == prefix and not unplaced and under != prefix:
                self._totals[(rollup_id, prefix)] = tally
            if (rollup_id, prefix) in self._lines and (len(prefix) == 9 or under == prefix):
                self._lines[(rollup_id, prefix)][_place(prefix, line, unplaced)] = tally


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
