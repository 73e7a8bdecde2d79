"""The messages these tests read are the Chinese ones staff see by default."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Whatever language an earlier test in the process left active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
