"""Helpers shared by the tests."""

from __future__ import annotations

from django.test import Client

from ablework.accounts.models import User


def signed_in(user: User) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
