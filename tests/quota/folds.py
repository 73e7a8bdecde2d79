"""The check that every stored roster line's fold (`RosterLine.counted_months`) is the fold of
the months stored for it, run after every quota and levy test (their conftest), so every way
the tests store, save, resubmit, correct or import a roster is covered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest

from ablework.quota.folding import fold
from ablework.quota.models import LineMonth, RosterLine


def folds_not_matching() -> dict[int, tuple[int, int]]:
    """`{line id: (stored fold, fold of its months)}` of the lines where the two differ."""
    months: dict[int, list[tuple[int, int, bool]]] = defaultdict(list)
    for line_id, month, weight, counted in LineMonth.objects.values_list(
        "roster_line_id", "month", "weight", "counted"
    ):
        months[line_id].append((month, weight, counted))
    wrong = {}
    for pk, stored in RosterLine.objects.values_list("pk", "counted_months"):
        expected = fold(months.get(pk, ()))
        if stored != expected:
            wrong[pk] = (stored, expected)
    return wrong


def checking_folds(request: pytest.FixtureRequest) -> Iterator[None]:
    """For a test using the database: after it, every line's fold equals its months'."""
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if uses_database:
        # Requested here so that the check runs before the test's database is rolled back.
        request.getfixturevalue("_django_db_helper")
    yield
    if uses_database:
        wrong = folds_not_matching()
        assert not wrong, f"lines whose fold is not their months' (stored, expected): {wrong}"
