"""Indicators in the shell: the targets pages for the staff who steer by them."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from ablework.core.section_parts import NavEntry, Reachable, Section
from ablework.indicators.access import VIEW

SECTION = Section(
    nav=[
        NavEntry(
            pgettext_lazy("indicators section", "目标"),
            "indicators:target_list",
            VIEW,
            order=55,
        )
    ],
    reachable=[Reachable("indicators:target_list", VIEW)],
)
