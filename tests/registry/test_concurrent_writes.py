"""Writes racing each other for real: threads with their own database connections, on
PostgreSQL. On SQLite every transaction begins IMMEDIATE (settings.py), so writers queue one
behind the other and cannot interleave: the lost update across requests is shown there by
test_lost_updates.py, and a deadlock cannot happen at all."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connection

from ablework.core.errors import Conflict
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.registry.models import Person
from ablework.registry.services import PersonChanges, merge_persons, update_person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
    ),
]


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together, each on its own connection; returns what
    each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the test inspects what each thread met
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_of_two_simultaneous_saves_one_is_written_and_the_other_refused(
    national_regions, demo_data, make_person
):
    # given two staff who opened the same record
    person = make_person(name="并发人员", skills="缝纫")
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    # when both save at the same moment
    outcomes = at_once(
        lambda: update_person(actor=admin, person=first, changes=PersonChanges(skills="电脑维修")),
        lambda: update_person(
            actor=counsellor, person=second, changes=PersonChanges(skills="手工编织")
        ),
    )
    # then one is written, the other refused, and the audit holds only the written one
    refused = [outcome for outcome in outcomes if isinstance(outcome, StaleRecord)]
    written = [outcome for outcome in outcomes if isinstance(outcome, Person)]
    assert (len(written), len(refused)) == (1, 1), outcomes
    person.refresh_from_db()
    assert person.skills == written[0].skills
    audits = AuditRecord.objects.filter(action="registry.person.update", target_id=str(person.pk))
    assert [audit.changes["skills"][1] for audit in audits] == [person.skills]


def test_two_opposite_merges_at_once_merge_once_and_never_deadlock(
    national_regions, demo_data, make_person
):
    # given pairs of suspected duplicates, each merged both ways by two reviewers at once
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    for attempt in range(8):
        birth = date(1980, 1, 1 + attempt)
        one = make_person(name=f"重复{attempt}", birth_date=birth)
        other = make_person(name=f"重复{attempt}", birth_date=birth)
        outcomes = at_once(
            lambda one=one, other=other: merge_persons(actor=admin, kept=one, merged=other),
            lambda one=one, other=other: merge_persons(actor=counsellor, kept=other, merged=one),
        )
        # then one merge is done and the other told it already happened: no database error
        assert not [outcome for outcome in outcomes if isinstance(outcome, DatabaseError)], outcomes
        merged = [outcome for outcome in outcomes if isinstance(outcome, Person)]
        refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
        assert (len(merged), len(refused)) == (1, 1), outcomes
        pair = Person.objects.filter(pk__in=[one.pk, other.pk])
        assert pair.filter(merged_into__isnull=True).count() == 1


def test_of_two_staff_revoking_one_consent_at_once_one_is_told_it_is_done(
    national_regions, demo_data
):
    from ablework.accounts.models import ProxyConsent
    from ablework.accounts.services import revoke_consent

    # given two staff who opened the consent page on the same version
    consent = ProxyConsent.objects.get(family_member=demo_data["family_user"])
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    seen = consent.version
    # when both revoke it at the same moment
    outcomes = at_once(
        lambda: revoke_consent(actor=admin, consent_id=consent.pk, seen_version=seen),
        lambda: revoke_consent(actor=counsellor, consent_id=consent.pk, seen_version=seen),
    )
    # then one revokes it and the other is told it already happened; one audit record
    revoked = [outcome for outcome in outcomes if isinstance(outcome, ProxyConsent)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert (len(revoked), len(refused)) == (1, 1), outcomes
    assert "无需再次撤销" in refused[0].message
    assert AuditRecord.objects.filter(action="accounts.consent.revoke").count() == 1
