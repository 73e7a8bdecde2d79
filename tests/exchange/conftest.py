"""Imports run inline in tests (no background thread) and keep uploads in a temporary folder;
the importing counsellor."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _exchange_settings(settings, tmp_path):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    settings.EXCHANGE_JOBS_INLINE = True


@pytest.fixture
def counsellor(demo_data):
    """任城区's employment service counsellor, who imports the county's files."""
    return demo_data["rencheng_counsellor"]
