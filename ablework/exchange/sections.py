"""Imports and comparisons in the shell: the navigation entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.core.section_parts import NavEntry, Section

SECTION = Section(
    nav=[
        NavEntry(
            _("导入与比对"),
            "exchange:batch_list",
            Permission.PERSONS_EDIT,
            order=20,
            current_for="exchange",
        )
    ],
)
