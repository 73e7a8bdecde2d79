"""Two staff deciding on one declaration at the same moment (threads with their own
connections, PostgreSQL): one decision is written, the other refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from ablework.core.versioning import StaleRecord
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, DeclarationEvent, DeclarationStatus
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration, return_declaration
from tests.accounts.factories import CountyAdminFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory
from tests.registry.test_concurrent_writes import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
    ),
]


def test_certify_and_return_at_once_one_wins_the_other_is_refused(national_regions) -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    row, _ = submit_declaration(
        actor=None, declaration=read_declaration(payload), today=date(2024, 6, 1)
    )
    first, second = CountyAdminFactory(), CountyAdminFactory()
    outcomes = at_once(
        lambda: certify_declaration(actor=first, declaration_id=row.pk, version=row.version),
        lambda: return_declaration(
            actor=second, declaration_id=row.pk, version=row.version, reason="补材料"
        ),
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Declaration", "StaleRecord"], outcomes
    assert any(isinstance(o, StaleRecord) for o in outcomes)
    stored = Declaration.objects.get(pk=row.pk)
    assert stored.status in (DeclarationStatus.CERTIFIED, DeclarationStatus.RETURNED)
    assert stored.version == row.version + 1
    assert DeclarationEvent.objects.exclude(transition="submit").count() == 1
