"""Imports run inline in tests (no background thread) and keep uploads in a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _exchange_settings(settings, tmp_path):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    settings.EXCHANGE_JOBS_INLINE = True
