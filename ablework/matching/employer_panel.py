"""The panel postings add to an employer's page (`Section.panels`): how many of its postings are
in each status, its open postings that expire first (those expiring within two weeks marked),
and links to post a job for it and to all its postings. The employers app does not import
matching; the shell collects this panel from `matching/sections.py`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.section_parts import Panel, Viewer
from ablework.matching.access import EDIT, VIEW, postings_visible_to
from ablework.matching.selectors.postings import EXPIRING_WITHIN, employer_postings


def _employer_postings(viewer: Viewer, employer: Any) -> dict[str, Any]:
    user: User = viewer  # type: ignore[assignment]
    summary = employer_postings(
        postings_visible_to(user), employer_id=employer.pk, on=timezone.localdate()
    )
    return {
        "employer": employer,
        "summary": summary,
        "expiring_days": EXPIRING_WITHIN.days,
        "all_url": f"{reverse('matching:posting_list')}?employer={employer.pk}",
        "new_url": (
            f"{reverse('matching:posting_new')}?employer={employer.pk}"
            if user.has_named_permission(EDIT)
            else None
        ),
    }


EMPLOYER_POSTINGS = Panel(
    key="matching-employer-postings",
    page="employers:employer_detail",
    template="matching/_employer_postings.html",
    context=_employer_postings,
    permission=VIEW,
    order=30,
)
