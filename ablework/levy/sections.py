"""The levy season in the shell: the navigation entry for staff who see their region's levy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from ablework.accounts.roles import Permission
from ablework.core.section_parts import NavEntry, Reachable, Section

SECTION = Section(
    nav=[
        NavEntry(
            gettext_lazy("征收核定"),
            "levy:assessments",
            Permission.LEVY_VIEW,
            order=39,
            current_for="levy",
        )
    ],
    reachable=[
        Reachable("levy:assessments", Permission.LEVY_VIEW),
        Reachable("levy:fund", Permission.LEVY_VIEW),
    ],
)
