"""The panel referrals add to a person's employment-services page (`Section.panels`: support
does not import matching): the person's referrals the viewer may see, each with its state and
day and a link to it, and for those who refer, the way to the person's jobs to refer them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.section_parts import Panel, Viewer
from ablework.matching.selectors.referral_pages import person_referrals


def _referrals(viewer: Viewer, person: Any) -> dict[str, Any] | None:
    if person is None:
        return None
    user: User = viewer  # type: ignore[assignment]
    can_refer = user.has_named_permission(Permission.REFERRALS_REFER) and user.has_named_permission(
        Permission.MATCHING_MATCH
    )
    return {
        "referrals": person_referrals(user, person.pk),
        "can_refer": can_refer,
        "jobs_url": reverse("matching:person_jobs", args=[person.pk]),
    }


PERSON_REFERRALS = Panel(
    key="matching-person-referrals",
    page="support:person",
    template="matching/referrals/_person_referrals.html",
    context=_referrals,
    permission=Permission.REFERRALS_RECORD,
    order=21,
)
