"""Who a command acts as: `--as USERNAME`, or the system itself."""

from __future__ import annotations

from django.core.management.base import CommandError

from ablework.accounts.models import User


def command_actor(username: str | None) -> User | None:
    """The active user named by `--as`, or None (the system) when none is named."""
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"没有名为“{username}”的有效账户。", returncode=2)
    return user
