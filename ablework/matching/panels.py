"""The panel batch recommendations add to the counsellor's queue and the graduates' ledger
(`Section.panels`): each person of the page with their current top suggestions and the day
they were computed. Employment services do not import matching; the shell collects these
panels from `matching/sections.py`, and the page passes the persons it shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.section_parts import Panel, Viewer
from ablework.matching.selectors.recommendations import current_suggestions

SHOWN = 3


def _suggestions(viewer: Viewer, persons: Iterable[Any] | None) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    listed = [person for person in persons or [] if person is not None]
    if not listed:
        return None
    found = current_suggestions(user, [person.pk for person in listed], top=SHOWN)
    return {
        "lines": [(person, found.get(person.pk)) for person in listed],
        "shown": SHOWN,
        "any_computed": bool(found),
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
