"""Two reviewers confirm the same bulk preview at the same moment: every declaration is
certified exactly once, the other reviewer's confirmation skips it, and no roster line or month
is lost. On PostgreSQL the two confirmations run in threads with their own connections; SQLite
runs one write transaction at a time (BEGIN IMMEDIATE, settings.py), so there the second
confirmation runs after the first, which is the order SQLite would impose anyway — the test
still fails if a stale preview certified anything a second time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

from ablework.quota.models import Declaration, DeclarationEvent, LineMonth, RosterLine
from ablework.quota.services.bulk import BulkOutcome, certify_low_risk, low_risk_in_county
from ablework.quota.services.risk import refresh_scores
from tests.accounts.factories import CountyAdminFactory
from tests.employers.factories import EmployerFactory
from tests.quota.risk_rosters import entry, numbers, stored
from tests.registry.test_concurrent_writes import at_once

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def one_after_another(*calls: Callable[[], Any]) -> list[Any]:
    outcomes: list[Any] = []
    for call in calls:
        try:
            outcomes.append(call())
        except Exception as error:  # the test inspects what each met
            outcomes.append(error)
    return outcomes


def test_two_reviewers_confirming_one_preview_certify_each_declaration_once(
    national_regions,
) -> None:
    rows = []
    for n in range(4):
        entries = [entry(number) for number in numbers(3, prefix=f"37081115{n:02d}")]
        rows.append(stored(EmployerFactory(), entries))
    refresh_scores([row.pk for row in rows])
    lines = RosterLine.objects.count()
    months = LineMonth.objects.count()
    first, second = CountyAdminFactory(), CountyAdminFactory()
    preview = list(low_risk_in_county(Declaration.objects.all(), "370811"))
    assert len(preview) == 4
    items = [(row.pk, row.version) for row in preview]
    run = at_once if ON_POSTGRESQL else one_after_another
    outcomes = run(
        lambda: certify_low_risk(actor=first, county="370811", items=items),
        lambda: certify_low_risk(actor=second, county="370811", items=items),
    )
    assert all(isinstance(o, BulkOutcome) for o in outcomes), outcomes
    certified = [name for o in outcomes for name in o.certified]
    skipped = [name for o in outcomes for name, _why in o.skipped]
    assert len(certified) == 4
    assert sorted(certified) == sorted(skipped)
    for row in rows:
        assert Declaration.objects.get(pk=row.pk).status == "certified"
        assert DeclarationEvent.objects.filter(declaration=row, transition="certify").count() == 1
        assert Declaration.objects.get(pk=row.pk).version == row.version + 1
    assert RosterLine.objects.count() == lines
    assert LineMonth.objects.count() == months
