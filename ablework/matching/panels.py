"""The panel batch recommendations add to the counsellor's queue and the graduates' ledger
(`Section.panels`): each person of the page with their current top suggestions and the day
they were computed — or, when their batch found none, that it found no job meeting all the
hard constraints and the one that excluded most, or, when the last batch left them out, why;
with a link to the batch for those who may see it. Employment services do not import
matching; the shell collects these panels from `matching/sections.py`, and the page passes the
persons it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.section_parts import Panel, Viewer
from ablework.matching.selectors.fairness import CONSTRAINT_TITLES
from ablework.matching.selectors.recommendations import (
    BATCH,
    CurrentSuggestions,
    current_suggestions,
    runs_visible_to,
)
from ablework.matching.selectors.skips import PersonSkip, latest_person_skips

SHOWN = 3


@dataclass(frozen=True)
class Line:
    """One person of the page: their current suggestions, else the last finished run that left
    them out; `reason` the main hard constraint (or why they were left out) in words, and
    `run_visible` whether the viewer may open the run's page."""

    person: Any
    current: CurrentSuggestions | None
    skipped: PersonSkip | None
    reason: str
    run_visible: bool

    @property
    def run_id(self) -> int | None:
        found = self.current or self.skipped
        return found.run_id if found else None


def _reason(current: CurrentSuggestions | None, skipped: PersonSkip | None) -> str:
    if current is not None:
        if current.suggestions:
            return ""
        if current.postings_considered == 0:
            return str(_("该次没有可参与匹配的岗位，原因见批次页面"))
        title = CONSTRAINT_TITLES.get(current.main_constraint)
        return str(title) if title else ""
    return skipped.reason if skipped is not None else ""


def _suggestions(viewer: Viewer, persons: Iterable[Any] | None) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    listed = [person for person in persons or [] if person is not None]
    if not listed:
        return None
    found = current_suggestions(user, [person.pk for person in listed], top=SHOWN)
    skips = latest_person_skips(user, [p.pk for p in listed if p.pk not in found])
    runs = {item.run_id for item in found.values()} | {item.run_id for item in skips.values()}
    seen = (
        set(runs_visible_to(user).filter(pk__in=runs).values_list("pk", flat=True))
        if runs and user.has_named_permission(BATCH)
        else set()
    )
    lines = []
    for person in listed:
        current, skipped = found.get(person.pk), skips.get(person.pk)
        run_id = current.run_id if current else skipped.run_id if skipped else None
        lines.append(Line(person, current, skipped, _reason(current, skipped), run_id in seen))
    return {
        "lines": lines,
        "shown": SHOWN,
        "any_computed": bool(found or skips),
        "can_refer": user.has_named_permission(Permission.REFERRALS_REFER),
    }


QUEUE_SUGGESTIONS = Panel(
    key="matching-queue-suggestions",
    page="support:queue_persons",
    template="matching/_current_suggestions.html",
    context=_suggestions,
    permission=Permission.POSTINGS_VIEW,
    order=20,
)
LEDGER_SUGGESTIONS = Panel(
    key="matching-ledger-suggestions",
    page="support:graduates_persons",
    template="matching/_current_suggestions.html",
    context=_suggestions,
    permission=Permission.POSTINGS_VIEW,
    order=20,
)


def _person_jobs(viewer: Viewer, person: Any) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"person": person, "url": reverse("matching:person_jobs", args=[person.pk])}


# On one person's employment-services page: the way to "jobs for this person".
PERSON_JOBS = Panel(
    key="matching-person-jobs",
    page="support:person",
    template="matching/persons/_person_panel.html",
    context=_person_jobs,
    permission=Permission.MATCHING_MATCH,
    order=20,
)
