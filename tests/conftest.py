"""Shared fixtures: a small deterministic 济宁市 data set and one account per demo role."""

from __future__ import annotations

import pytest

from ablework.accounts.models import User
from ablework.demo.seeding import DEMO_PASSWORD, create_demo_accounts, seed_employers, seed_persons


@pytest.fixture
def demo_data(db: None) -> dict[str, User]:
    """Seeded persons and employers across 济宁市's counties, and the demo accounts by username."""
    seed_employers(count=40, seed=7)
    seed_persons(count=200, seed=7)
    return {user.username: user for user in create_demo_accounts(password=DEMO_PASSWORD)}
