"""The season assessment's tests run on the demo's quota declarations (tests/conftest.py
`demo_quota`), assessed on the demo's day."""

from __future__ import annotations

from ablework.demo.declarations import ASSESSED_ON

ON = ASSESSED_ON
YEAR = 2025
