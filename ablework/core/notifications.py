"""Telling users something happened: one recorded message per recipient, shown on their home
page until read, and `deliver`, the one place where an SMS or mail gateway would plug in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ablework.core.models import Notification


def notify(recipients: Iterable[Any], *, text: str, link: str = "") -> list[Notification]:
    """Record `text` (plain Chinese, saying what and where) for each recipient, and hand the
    messages to `deliver` once the caller's transaction commits (nothing is sent for a change
    that was rolled back)."""
    created = Notification.objects.bulk_create(
        Notification(recipient=user, text=text[:500], link=link) for user in recipients
    )
    transaction.on_commit(lambda: deliver(created))
    return created


def deliver(notifications: Sequence[Notification]) -> None:
    """Send the messages outside the system (SMS, mail). No gateway is configured: the recorded
    message on the home page is the delivery. A gateway plugs in here, and only here — it must
    not raise into the caller (log and retry instead)."""
    return None


def unread_for(user: Any) -> QuerySet[Notification]:
    """The user's unread messages, newest first."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def mark_read(user: Any, notification_id: int) -> bool:
    """Mark one of the user's own messages read (another's is left alone); whether it was."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def mark_read_about(user: Any, *, link: str) -> int:
    """Mark the user's unread messages that lead to `link` (the page they are about) read, as
    they are opening it; how many were."""
    return Notification.objects.filter(recipient=user, link=link, read_at__isnull=True).update(
        read_at=timezone.now()
    )
