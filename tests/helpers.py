"""Helpers shared by the tests."""

from __future__ import annotations

from django.test import Client, TestCase

from ablework.accounts.models import User


class CommittingClient(Client):
    """A test client whose requests end as real ones do: what a view scheduled with
    `transaction.on_commit` (queuing a job, say) runs once the response is made. The test's own
    transaction never commits, so without this it would never run; what was scheduled inside
    a transaction that rolled back is dropped, as it would be."""

    def request(self, **request):  # type: ignore[no-untyped-def]
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def signed_in(user: User) -> Client:
    """A test client signed in as `user`."""
    client = CommittingClient()
    client.force_login(user)
    return client
