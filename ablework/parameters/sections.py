"""Local parameters in the shell: the navigation entry for the region's administrators."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from ablework.accounts.roles import Permission
from ablework.core.section_parts import NavEntry, Reachable, Section

SECTION = Section(
    nav=[
        NavEntry(
            pgettext_lazy("parameters section", "本地参数"),
            "parameters:local_values",
            Permission.PARAMETERS_MANAGE,
            order=82,
            current_for="parameters",
        )
    ],
    reachable=[Reachable("parameters:local_values", Permission.PARAMETERS_MANAGE)],
)
