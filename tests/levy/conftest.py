"""The season assessment's tests run on the demo's quota declarations (tests/conftest.py
`demo_quota`), assessed on the demo's day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ablework.demo.declarations import ASSESSED_ON
from tests.quota.folds import checking_folds

ON = ASSESSED_ON
YEAR = 2025


@pytest.fixture(autouse=True)
def folds_match_months(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, every stored roster line's fold is its stored months' (tests/quota/
    folds.py): the assessment reads the folds."""
    yield from checking_folds(request)
