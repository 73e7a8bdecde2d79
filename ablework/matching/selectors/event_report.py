"""The outcome report of one recruitment event (招聘活动成果报告): how many registered, came,
were interviewed and hired, what access needs were asked for and met, why interviews did not
end in a hire, and the same per employer and per posting — figures only, no person named.

The figures count the registrations the viewer may see (those of the persons of their area,
registrations_visible_to): the event's own area sees every registration, a county's staff at a
city's event their county's. The report says when it counts only part of the registrations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.matching.models import (
    AccessNeed,
    EventInterview,
    EventRegistration,
    JobPosting,
    NotHiredReason,
    RecruitmentEvent,
)
from ablework.matching.selectors.events import event_postings, registrations_visible_to


@dataclass(frozen=True)
class NeedFigures:
    """One access need: how many asked for it, how many of them came, and for how many of those
    who came what they asked for was there (all met), was not, or was not recorded."""

    label: str
    asked: int
    attended: int
    met: int
    not_met: int

    @property
    def unrecorded(self) -> int:
        return self.attended - self.met - self.not_met


@dataclass(frozen=True)
class ReasonFigures:
    label: str
    count: int


@dataclass
class PostingFigures:
    """One posting of the event: its openings, interviews, hires and interviews not hired."""

    employer_id: int
    employer: str
    title: str
    openings: int
    interviews: int = 0
    hired: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def not_hired(self) -> int:
        return self.interviews - self.hired

    @property
    def reasons_in_words(self) -> str:
        return _reasons_in_words(self.reasons)


@dataclass
class EmployerFigures:
    name: str
    postings: int = 0
    openings: int = 0
    interviews: int = 0
    hired: int = 0

    @property
    def not_hired(self) -> int:
        return self.interviews - self.hired


@dataclass(frozen=True)
class EventReport:
    event: RecruitmentEvent
    total_registered: int  # every registration of the event, the viewer's or not
    registered: int
    attended: int
    absent: int
    interviewed: int  # persons
    interviews: int  # interviews (one person may have several)
    hired: int  # persons
    not_hired: int  # persons who were interviewed and not hired
    with_needs: NeedFigures
    needs: list[NeedFigures]
    reasons: list[ReasonFigures]
    employers: list[EmployerFigures]
    postings: list[PostingFigures]

    @property
    def partial(self) -> bool:
        """Whether the viewer sees only part of the event's registrations."""
        return self.registered != self.total_registered

    @property
    def unrecorded(self) -> int:
        """Registrations whose attendance is not recorded yet."""
        return self.registered - self.attended - self.absent

    @property
    def not_hired_interviews(self) -> int:
        return sum(reason.count for reason in self.reasons)


def _reasons_in_words(reasons: Counter[str]) -> str:
    return "、".join(f"{row.label} {row.count}" for row in _reason_rows(reasons))


def _reason_rows(reasons: Counter[str]) -> list[ReasonFigures]:
    """The reasons in the list's order, those not recorded last."""
    labels = {**dict(NotHiredReason.choices), "": _("原因未记录")}
    return [
        ReasonFigures(label=str(labels[code]), count=reasons[code])
        for code in [*NotHiredReason.values, ""]
        if reasons.get(code)
    ]


def _need_figures(label: str, asked: list[EventRegistration]) -> NeedFigures:
    came = [row for row in asked if row.attended]
    return NeedFigures(
        label=label,
        asked=len(asked),
        attended=len(came),
        met=sum(1 for row in came if row.needs_met is True),
        not_met=sum(1 for row in came if row.needs_met is False),
    )


def _needs(rows: list[EventRegistration]) -> tuple[NeedFigures, list[NeedFigures]]:
    found = [
        _need_figures(str(need.label), [row for row in rows if need.value in (row.needs or [])])
        for need in AccessNeed
    ]
    found.append(_need_figures(_("其他需要"), [row for row in rows if row.needs_other]))
    with_needs = [row for row in rows if row.needs or row.needs_other]
    return _need_figures(_("提出无障碍需要的人员"), with_needs), found


def _posting_figures(posting: JobPosting) -> PostingFigures:
    return PostingFigures(
        employer_id=posting.employer_id,
        employer=posting.employer.name,
        title=posting.title,
        openings=posting.openings,
    )


def _by_posting(
    event: RecruitmentEvent, interviews: Iterable[EventInterview]
) -> tuple[list[EmployerFigures], list[PostingFigures]]:
    postings: dict[int, PostingFigures] = {}
    for row in event_postings(event):
        posting = row.posting
        postings[posting.pk] = _posting_figures(posting)
    for interview in interviews:
        figures = postings.get(interview.posting_id)
        if figures is None:  # a posting taken off the event after the day
            posting = interview.posting
            figures = postings[posting.pk] = _posting_figures(posting)
        figures.interviews += 1
        if interview.hired:
            figures.hired += 1
        else:
            figures.reasons[interview.not_hired_reason] += 1
    employers: dict[int, EmployerFigures] = {
        row.employer_id: EmployerFigures(name=row.employer.name)
        for row in event.employers.select_related("employer")
    }
    for figures in postings.values():
        employer = employers.setdefault(figures.employer_id, EmployerFigures(name=figures.employer))
        employer.postings += 1
        employer.openings += figures.openings
        employer.interviews += figures.interviews
        employer.hired += figures.hired
    ordered = sorted(postings.values(), key=lambda row: (row.employer, row.title))
    return sorted(employers.values(), key=lambda row: row.name), ordered


def event_report(actor: User, event: RecruitmentEvent) -> EventReport:
    """The event's outcome figures over the registrations the actor may see."""
    rows = list(
        registrations_visible_to(actor)
        .filter(event=event)
        .prefetch_related("interviews__posting__employer")
        .order_by("pk")
    )
    interviews = [interview for row in rows for interview in row.interviews.all()]
    hired = {interview.registration_id for interview in interviews if interview.hired}
    interviewed = {interview.registration_id for interview in interviews}
    reasons: Counter[str] = Counter(
        interview.not_hired_reason for interview in interviews if not interview.hired
    )
    with_needs, needs = _needs(rows)
    employers, postings = _by_posting(event, interviews)
    return EventReport(
        event=event,
        total_registered=EventRegistration.objects.filter(event=event).count(),
        registered=len(rows),
        attended=sum(1 for row in rows if row.attended is True),
        absent=sum(1 for row in rows if row.attended is False),
        interviewed=len(interviewed),
        interviews=len(interviews),
        hired=len(hired),
        not_hired=len(interviewed - hired),
        with_needs=with_needs,
        needs=needs,
        reasons=_reason_rows(reasons),
        employers=employers,
        postings=postings,
    )
