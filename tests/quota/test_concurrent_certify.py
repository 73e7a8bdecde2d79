"""Two reviewers certifying the same declaration at the same moment: one certification is
written, the other refused, and the roster is whole. On PostgreSQL the two run in threads with
their own connections, released together; SQLite runs one write transaction at a time (BEGIN
IMMEDIATE), so there they run one after the other — the same assertions hold either way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.conf import settings

from ablework.core.versioning import StaleRecord
from ablework.quota.inputs import read_declaration
from ablework.quota.models import (
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
    LineMonth,
    RosterLine,
)
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration
from tests.accounts.factories import CountyAdminFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory
from tests.registry.test_concurrent_writes import at_once

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
TODAY = date(2024, 6, 1)
TREE = with_social_average_wage("100000")


def together(*calls: Callable[[], Any]) -> list[Any]:
    """The calls released at once in threads (PostgreSQL), or one after the other (SQLite);
    what each returned or raised."""
    if ON_POSTGRESQL:
        return at_once(*calls)
    outcomes: list[Any] = []
    for call in calls:
        try:
            outcomes.append(call())
        except Exception as error:  # the test inspects what each call met
            outcomes.append(error)
    return outcomes


def test_two_reviewers_certifying_at_once_make_one_certification(national_regions) -> None:
    # given a submitted declaration of three persons, opened by two reviewers on one version
    employer = EmployerFactory()
    persons = [PersonFactory(name=name, disability_grade=3) for name in ("王一", "李二", "张三")]
    payload = declaration(
        employer.uscc, [line(person.certificate_number, person.name) for person in persons]
    )
    row, _ = submit_declaration(
        actor=None, declaration=read_declaration(payload), today=TODAY, tree=TREE
    )
    months_before = LineMonth.objects.filter(roster_line__declaration=row).count()
    first, second = CountyAdminFactory(), CountyAdminFactory()

    # when both certify at the same moment
    def certify(reviewer: Any) -> Any:
        return lambda: certify_declaration(
            actor=reviewer, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
        )

    outcomes = together(certify(first), certify(second))
    # then one is written and the other refused as stale, naming who certified
    assert sorted(type(o).__name__ for o in outcomes) == ["Declaration", "StaleRecord"], outcomes
    refused = next(o for o in outcomes if isinstance(o, StaleRecord))
    assert refused.current == row.version + 1
    stored = Declaration.objects.get(pk=row.pk)
    assert stored.status == DeclarationStatus.CERTIFIED
    assert stored.version == row.version + 1
    certifications = DeclarationEvent.objects.filter(declaration=row, transition="certify")
    assert certifications.count() == 1
    kept = certifications.get().rules_trace
    assert kept["levy_due"] == row.rules_trace["levy_due"] != "0.00"
    # and no line or month was lost
    assert RosterLine.objects.filter(declaration=row).count() == 3
    assert LineMonth.objects.filter(roster_line__declaration=row).count() == months_before
