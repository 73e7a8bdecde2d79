"""The panel referrals add to an employer's declaration page (`Section.panels` on
quota:declaration): 从推荐录用人员添加 — the persons hired through referrals to the employer's
postings with a start day in the declaration's year, not on its roster yet, each with a button
that adds them (`roster_views.hire_to_roster`). Shown while the declaration may be changed (a
draft, or returned) and there is someone to add; each person it names is logged as viewed. Quota
does not import matching; the shell collects this panel from `matching/sections.py`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.core.section_parts import Panel, Viewer
from ablework.matching.selectors.referrals import RECORD
from ablework.matching.selectors.roster_hires import hires_for_roster
from ablework.quota.services.drafts import EDITABLE
from ablework.registry.services import record_person_view


def _roster_hires(viewer: Viewer, declaration: Any) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    if declaration.status not in EDITABLE:
        return None
    hires = hires_for_roster(user, declaration)
    if not hires:
        return None
    for referral in hires:
        record_person_view(actor=user, person=referral.person)
    return {
        "declaration": declaration,
        "hires": [
            {
                "referral": referral,
                "person": referral.person,
                "started_on": referral.started_on,  # type: ignore[attr-defined]
                "url": reverse("matching:referral_to_roster", args=[referral.pk]),
            }
            for referral in hires
        ],
    }


ROSTER_HIRES = Panel(
    key="matching-roster-hires",
    page="quota:declaration",
    template="matching/_roster_hires.html",
    context=_roster_hires,
    permission=RECORD,
    order=5,
)
