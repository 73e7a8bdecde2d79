"""Imports run inline in tests (no background thread) and keep uploads in a temporary folder;
a client signed in as the importing counsellor."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.accounts.models import User
from tests.helpers import signed_in


@pytest.fixture(autouse=True)
def _exchange_settings(settings, tmp_path):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    settings.EXCHANGE_JOBS_INLINE = True


@pytest.fixture
def client(counsellor: User) -> Client:
    """A client signed in as 任城区's counsellor."""
    return signed_in(counsellor)
