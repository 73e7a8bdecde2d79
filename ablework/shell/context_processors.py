"""The main navigation and the signed-in user's named permissions, for every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ablework.accounts.roles import Permission
from ablework.shell.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """`nav_entries`: (entry, is current) for the main navigation; `named_perms`: what the
    user's role may do, for a section's own links (`{% if "persons.edit" in named_perms %}`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {
        "nav_entries": [(entry, entry.is_current(match)) for entry in navigation_for(user)],
        "named_perms": frozenset(str(p) for p in Permission if user.has_named_permission(p)),
    }
