"""A submission's page: each indicator as submitted, as it stands with its approved revisions,
and live now; and the history of the region's submissions of the period (each one, who
submitted and decided, when and why; each revision with who, when and why)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ablework.core.measure_parts import Measure, Tally
from ablework.indicators.catalogue import catalogue
from ablework.indicators.charts import shown
from ablework.indicators.models import Revision, Submission, SubmittedFigure
from ablework.indicators.selectors.dashboard import value_of
from ablework.indicators.selectors.figures import Figure
from ablework.indicators.selectors.locks import Lock, tally_of


@dataclass(frozen=True)
class FigureLine:
    """One indicator: as submitted, as it stands (with approved revisions), live now."""

    measure: Measure
    submitted: Tally
    standing: Tally
    live: Tally | None
    revised: bool

    @property
    def differs(self) -> bool:
        return self.live is not None and self.live != self.standing


def figure_lines(lock: Lock, live: Sequence[Figure] | None) -> list[FigureLine]:
    """Each indicator offered that the submission holds, in the catalogue's order."""
    now = {figure.measure.code: figure.total for figure in live or ()}
    lines = []
    for measure in catalogue():
        stored = lock.figures.get(measure.code)
        if stored is None:
            continue
        lines.append(
            FigureLine(
                measure,
                stored.original,
                stored.total,
                now.get(measure.code),
                bool(stored.revisions),
            )
        )
    return lines


@dataclass(frozen=True)
class RevisedLine:
    measure: Measure
    total: Tally

    @property
    def shown(self) -> str:
        return shown(self.measure, value_of(self.measure, self.total))


@dataclass(frozen=True)
class RevisionEntry:
    revision: Revision
    lines: list[RevisedLine]


@dataclass(frozen=True)
class HistoryEntry:
    submission: Submission
    revisions: list[RevisionEntry]


def history_of(submission: Submission) -> list[HistoryEntry]:
    """The region's submissions of the period, oldest first, each with its revisions."""
    submissions = list(
        Submission.objects.filter(region_code=submission.region_code, period=submission.period)
        .select_related("proposed_by", "decided_by")
        .order_by("created_at", "id")
    )
    revisions = list(
        Revision.objects.filter(submission__in=submissions)
        .select_related("proposed_by", "decided_by")
        .order_by("created_at", "id")
    )
    measures = {measure.code: measure for measure in catalogue()}
    totals: dict[int, list[RevisedLine]] = {}
    rows = SubmittedFigure.objects.filter(revision__in=revisions).select_related("submission")
    for row in rows.order_by("revision_id", "indicator"):
        measure = measures.get(row.indicator)
        if measure is None or row.place != row.submission.region_code or row.revision_id is None:
            continue
        totals.setdefault(row.revision_id, []).append(
            RevisedLine(measure, tally_of(measure, row.numerator, row.denominator))
        )
    return [
        HistoryEntry(
            one,
            [
                RevisionEntry(revision, totals.get(revision.pk, []))
                for revision in revisions
                if revision.submission_id == one.pk
            ],
        )
        for one in submissions
    ]
