"""Saves of drafts racing each other for real (threads with their own connections,
PostgreSQL): two users of one employer on the same version, and users of two employers each on
their own draft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from ablework.core.versioning import StaleRecord
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, RosterLine
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft
from tests.accounts.factories import EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import YEAR, declaration, line
from tests.registry.factories import PersonFactory
from tests.registry.test_concurrent_writes import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
    ),
]
TODAY = date(2024, 6, 1)


def _save(user, row: Declaration, version: int, *lines: dict):
    roster = read_declaration(declaration("X", list(lines))).roster
    return lambda: save_draft(
        actor=user,
        declaration_id=row.pk,
        version=version,
        changes=DraftChanges(roster=roster, wage_total=Decimal("1000.00")),
        today=TODAY,
    )[0]


def test_two_users_saving_one_draft_at_once_one_is_refused_and_one_roster_is_whole(
    national_regions,
) -> None:
    employer = EmployerFactory()
    first, second = (EmployerUserFactory(employer=employer) for _ in range(2))
    row = open_declaration(actor=first, uscc=employer.uscc, levy_year=YEAR)
    a, b = PersonFactory(name="甲"), PersonFactory(name="乙")
    outcomes = at_once(
        _save(first, row, row.version, line(a.certificate_number, "甲")),
        _save(
            second,
            row,
            row.version,
            line(b.certificate_number, "乙"),
            line(a.certificate_number, "甲"),
        ),
    )
    kinds = sorted(type(o).__name__ for o in outcomes)
    assert kinds == ["Declaration", "StaleRecord"], outcomes
    winner = next(o for o in outcomes if isinstance(o, Declaration))
    names = list(RosterLine.objects.filter(declaration=row).values_list("name", flat=True))
    # the roster is the winner's, whole: never a mixture of the two saves
    assert names in (["甲"], ["乙", "甲"])
    assert Declaration.objects.get(pk=row.pk).version == winner.version == 2
    assert any(isinstance(o, StaleRecord) for o in outcomes)


def test_users_of_two_employers_saving_at_once_each_keep_their_own(national_regions) -> None:
    person = PersonFactory(name="王一")
    rows, saves = [], []
    for _ in range(2):
        employer = EmployerFactory()
        user = EmployerUserFactory(employer=employer)
        row = open_declaration(actor=user, uscc=employer.uscc, levy_year=YEAR)
        rows.append(row)
        saves.append(_save(user, row, row.version, line(person.certificate_number, "王一")))
    outcomes = at_once(*saves)
    assert all(isinstance(o, Declaration) for o in outcomes), outcomes
    for row in rows:
        stored = RosterLine.objects.filter(declaration=row)
        assert list(stored.values_list("name", flat=True)) == ["王一"]
        assert Declaration.objects.get(pk=row.pk).version == 2
