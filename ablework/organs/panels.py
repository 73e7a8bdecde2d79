"""The panel organs add to the employer's page (`employers:employer_detail`, through
`Section.panels`): for an organ or institution its supervising unit, for an enterprise whether
it is state-owned (so on the public notice), with the link to change it — for the federation's
administrators of the unit's area only."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.core.section_parts import Panel, Viewer
from ablework.organs.services.profiles import (
    PROFILE_PERMISSION,
    SUPERVISED_KINDS,
    profile_of,
    profile_units,
)


def _unit_profile(viewer: Viewer, employer: Any) -> dict[str, Any] | None:
    user: User = viewer  # type: ignore[assignment]
    if not profile_units(user).filter(pk=employer.pk).exists():
        return None
    return {
        "profile": profile_of(employer),
        "supervised": employer.kind in SUPERVISED_KINDS,
        "edit_url": reverse("organs:unit_profile", args=[employer.pk]),
    }


EMPLOYER_PROFILE = Panel(
    key="organs-profile",
    page="employers:employer_detail",
    template="organs/_employer_profile.html",
    context=_unit_profile,
    permission=PROFILE_PERMISSION,
    order=20,
)
