"""Uploads are kept in a temporary folder; a client signed in as the importing counsellor.
(Jobs run at once in tests, when the request that queued them ends: see TASKS in settings.)"""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.accounts.models import User
from tests.helpers import signed_in


@pytest.fixture(autouse=True)
def _exchange_settings(settings, tmp_path):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def client(counsellor: User) -> Client:
    """A client signed in as 任城区's counsellor."""
    return signed_in(counsellor)
