"""The period lock, read (报送与锁定, docs/indicators.md): a region-period's figures with the
approved submissions applied, for the dashboard and every report.

`locked_figures(region, period)` is the one function they use: its `apply(figure)` answers the
figure to show in place of the live one, and a note of what differs. The rule:

- a region whose own submission for the period is approved (已审核锁定) shows the figures it
  submitted, each replaced by its latest approved revision (更正) — the region's total and its
  children's parts as stored; a township of a locked county shows the county's stored part;
- a region above shows, for each child that is locked (or holds locked regions), the child's
  locked figure in place of its live one, and its own total moves by the same difference: a
  city whose counties are all locked shows the sum of their locked figures (and any figure
  counted at the city itself, outside every county, as it is now).

Only quarters and years are submitted; months and a plan's years are read live.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure, Tally
from ablework.core.models import Region, RegionLevel
from ablework.core.region_names import region_names
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import (
    Revision,
    RevisionStatus,
    Submission,
    SubmissionStatus,
    SubmittedFigure,
)
from ablework.indicators.periods import QUARTER, YEAR, Period
from ablework.indicators.selectors.figures import Figure, Part, empty_tally, figures_for
from ablework.indicators.selectors.source import Source


def lockable(period: Period) -> bool:
    """Whether figures of the period are submitted (a quarter or a year)."""
    return bool(QUARTER.fullmatch(period.code) or YEAR.fullmatch(period.code))


def tally_of(measure: Measure, numerator: Decimal, denominator: int | None) -> Tally:
    """A stored figure as the measure counts it (a count of persons is a whole number)."""
    if measure.is_amount:
        return Tally(numerator)
    if measure.is_rate:
        return Tally(int(numerator), int(denominator or 0))
    return Tally(int(numerator))


def _shifted(total: Tally, live: Tally, locked: Tally) -> Tally:
    """`total` with one part's live figure replaced by its locked one."""
    numerator = total.numerator - live.numerator + locked.numerator
    if total.denominator is None and locked.denominator is None:
        return Tally(numerator)
    denominator = (total.denominator or 0) - (live.denominator or 0) + (locked.denominator or 0)
    return Tally(numerator, denominator)


@dataclass
class Stored:
    """One indicator of a locked submission: the region's total and each child's part, as
    submitted or as the latest approved revision states them."""

    total: Tally
    parts: dict[str, Tally]
    original: Tally
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class Lock:
    """A locked submission and its indicators' figures."""

    submission: Submission
    figures: dict[str, Stored]


@dataclass(frozen=True)
class Difference:
    """A locked region whose live figure now differs from what was locked."""

    code: str
    name: str
    live: Tally
    locked: Tally


@dataclass(frozen=True)
class LockNote:
    """What a page says of an indicator's figure: locked here (`submission`), or the locked
    regions below that it includes; and where live data now differs (实时数据与报送数不同)."""

    submission: Submission | None
    locked_below: int
    differences: list[Difference]
    revised: bool


def _load(
    codes: Q, periods: Iterable[str], *, statuses: Iterable[str] = (SubmissionStatus.LOCKED,)
) -> dict[tuple[str, str], Lock]:
    """The locked submissions of the regions `codes` selects for the periods, by (region,
    period), each indicator with its approved revisions applied in the order approved."""
    submissions = {
        row.pk: row
        for row in Submission.objects.filter(
            codes, status__in=list(statuses), period__in=list(periods)
        ).select_related("proposed_by", "decided_by")
    }
    if not submissions:
        return {}
    measures = {measure.code: measure for measure in catalogue()}
    revisions = {
        row.pk: row
        for row in Revision.objects.filter(
            submission_id__in=submissions, status=RevisionStatus.APPROVED
        ).select_related("proposed_by", "decided_by")
    }
    locks = {row.pk: Lock(row, {}) for row in submissions.values()}  # by id while loading
    revised: dict[tuple[int, int], dict[str, tuple[Tally | None, dict[str, Tally]]]] = {}
    rows = SubmittedFigure.objects.filter(submission_id__in=submissions).filter(
        Q(revision__isnull=True) | Q(revision_id__in=revisions)
    )
    for row in rows.order_by("submission_id", "revision_id", "indicator", "place"):
        measure = measures.get(row.indicator)
        if measure is None:  # an indicator no longer offered
            continue
        tally = tally_of(measure, row.numerator, row.denominator)
        own_code = submissions[row.submission_id].region_code
        if row.revision_id is None:
            stored = locks[row.submission_id].figures.setdefault(
                row.indicator, Stored(empty_tally(measure), {}, empty_tally(measure))
            )
            if row.place == own_code:
                stored.total = stored.original = tally
            else:
                stored.parts[row.place] = tally
            continue
        key = (row.submission_id, row.revision_id)
        total, parts = revised.setdefault(key, {}).get(row.indicator, (None, {}))
        if row.place == own_code:
            total = tally
        else:
            parts[row.place] = tally
        revised[key][row.indicator] = (total, parts)
    for revision in sorted(revisions.values(), key=lambda r: (r.decided_at, r.pk)):
        lock = locks[revision.submission_id]
        for indicator, (total, parts) in revised.get((lock.submission.pk, revision.pk), {}).items():
            kept = lock.figures.get(indicator)
            if kept is None or total is None:
                continue
            kept.total, kept.parts = total, parts
            kept.revisions.append(revision)
    return {(lock.submission.region_code, lock.submission.period): lock for lock in locks.values()}


class LockedFigures:
    """The locks that bear on one region's figures for one period."""

    def __init__(
        self,
        region: Region,
        period: Period,
        locks: dict[str, Lock],
        source: Source | None = None,
    ) -> None:
        self.region = region
        self.period = period
        self.locks = locks  # by region code: the region's own, its county's, those below
        self.source = source  # where the live figures come from (computed, without one)

    def __bool__(self) -> bool:
        return bool(self.locks)

    @property
    def own(self) -> Lock | None:
        """The region's own locked submission (a township: its county's)."""
        if self.region.level in (RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY):
            return self.locks.get(self.region.code[:6])
        return self.locks.get(self.region.code)

    def apply(self, figure: Figure) -> tuple[Figure, LockNote | None]:
        """The figure to show in place of the live `figure`, and what differs (None: nothing
        locked bears on it)."""
        code = figure.measure.code
        own = self.own
        if own is not None and code in own.figures:
            return self._own(figure, own, own.figures[code])
        below = {c: lock for c, lock in self.locks.items() if c != self.region.code}
        if not below:
            return figure, None
        return self._below(figure, below)

    def total(self, measure: Measure, live: Tally) -> Tally:
        """The region's total to show, given its live total (for a trend's point)."""
        own = self.own
        if own is not None and measure.code in own.figures:
            stored = own.figures[measure.code]
            if own.submission.region_code == self.region.code:
                return stored.total
            return stored.parts.get(self.region.code, empty_tally(measure))
        if not self:
            return live
        figure = figures_for(self.region, self.period, measures=[measure], source=self.source)[0]
        return self.apply(figure)[0].total

    def _own(self, figure: Figure, lock: Lock, stored: Stored) -> tuple[Figure, LockNote]:
        measure = figure.measure
        if lock.submission.region_code != self.region.code:  # a township of a locked county
            locked = stored.parts.get(self.region.code, empty_tally(measure))
            shown = Figure(measure, locked, figure.parts)
        else:
            locked = stored.total
            parts = [
                Part(part.code, part.name, stored.parts.get(part.code, empty_tally(measure)))
                for part in figure.parts
            ]
            seen = {part.code for part in figure.parts}
            names = region_names()
            for place, tally in sorted(stored.parts.items()):
                if place not in seen:
                    name = _("未登记乡镇（街道）") if not place else names.get(place, place)
                    parts.append(Part(place, name, tally))
            shown = Figure(measure, locked, parts)
        differences = []
        if figure.total != locked:
            differences.append(Difference(self.region.code, self.region.name, figure.total, locked))
        return shown, LockNote(lock.submission, 0, differences, bool(stored.revisions))

    def _below(self, figure: Figure, below: dict[str, Lock]) -> tuple[Figure, LockNote | None]:
        measure = figure.measure
        total, parts, differences, counted = figure.total, [], [], 0
        for part in figure.parts:
            locked = self._child_total(measure, part, below)
            if locked is None:
                parts.append(part)
                continue
            counted += 1
            if part.code in below and part.tally != locked:
                differences.append(Difference(part.code, part.name, part.tally, locked))
            total = _shifted(total, part.tally, locked)
            parts.append(Part(part.code, part.name, locked))
        if not counted:
            return figure, None
        note = LockNote(None, counted, differences, False)
        return Figure(measure, total, parts), note

    def _child_total(self, measure: Measure, part: Part, below: dict[str, Lock]) -> Tally | None:
        """A child's locked total, or its total with the locked regions inside it; None when
        nothing inside it is locked."""
        lock = below.get(part.code)
        if lock is not None:
            stored = lock.figures.get(measure.code)
            return None if stored is None else stored.total
        if not part.code:
            return None
        child = Region.objects.filter(code=part.code).first()
        if child is None:
            return None
        inside = {c: lk for c, lk in below.items() if c.startswith(child.scope_prefix)}
        if not inside:
            return None
        live = figures_for(child, self.period, measures=[measure], source=self.source)[0]
        return LockedFigures(child, self.period, inside, self.source).apply(live)[0].total


class LockBook:
    """The locks bearing on a region for several periods, read at once (a dashboard and its
    trend's points)."""

    def __init__(
        self, region: Region, periods: Iterable[Period], *, source: Source | None = None
    ) -> None:
        self.region = region
        self.source = source
        wanted = [period.code for period in periods if lockable(period)]
        codes = Q(region_code__startswith=region.scope_prefix)
        if region.level in (RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY):
            codes |= Q(region_code=region.code[:6])
        self._locks = _load(codes, wanted) if wanted else {}

    def at(self, period: Period) -> LockedFigures:
        found = {code: lock for (code, at), lock in self._locks.items() if at == period.code}
        return LockedFigures(self.region, period, found, self.source)


def locked_figures(region: Region, period: Period) -> LockedFigures:
    """The locks bearing on the region's figures for the period: `apply(figure)` gives what to
    show in place of a live figure (the dashboard's and every report's)."""
    return LockBook(region, [period]).at(period)


def lock_of(submission: Submission) -> Lock:
    """A submission's figures as they stand — submitted, with its approved revisions — whatever
    its status (the submission page shows a pending or returned one too)."""
    found = _load(Q(pk=submission.pk), [submission.period], statuses=SubmissionStatus.values)
    return found.get((submission.region_code, submission.period), Lock(submission, {}))
