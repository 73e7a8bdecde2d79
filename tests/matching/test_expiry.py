"""The daily close of expired postings: only those past their last day, audited as the system."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from ablework.core.models import AuditRecord
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.expiry import close_expired
from ablework.matching.services.postings import create_posting
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


def test_expired_postings_close_by_themselves_and_nothing_else(demo_data) -> None:
    user = demo_data["employer_user"]
    ending = create_posting(
        actor=user, employer_id=user.employer_id, details=details(valid_until=date(2026, 6, 30))
    )
    lasting = create_posting(
        actor=user, employer_id=user.employer_id, details=details(valid_until=date(2026, 7, 1))
    )
    draft = create_posting(
        actor=user,
        employer_id=user.employer_id,
        details=details(valid_until=date(2026, 6, 10), draft=True),
    )
    assert close_expired(on=date(2026, 7, 1)) == 2
    states = dict(JobPosting.objects.values_list("pk", "status"))
    assert states == {
        ending.pk: PostingStatus.CLOSED,
        lasting.pk: PostingStatus.OPEN,
        draft.pk: PostingStatus.CLOSED,
    }
    closed = JobPosting.objects.get(pk=ending.pk)
    assert closed.close_reason == "expired"
    assert closed.version == ending.version + 1
    records = AuditRecord.objects.filter(action="matching.posting.expire")
    assert sorted(records.values_list("target_id", flat=True)) == sorted(
        [str(ending.pk), str(draft.pk)]
    )
    assert {r.actor_id for r in records} == {None}
    assert close_expired(on=date(2026, 7, 1)) == 0


def test_the_command_closes_one_region_only(demo_data, capsys) -> None:  # type: ignore[no-untyped-def]
    user = demo_data["employer_user"]
    create_posting(
        actor=user, employer_id=user.employer_id, details=details(valid_until=date(2026, 6, 30))
    )
    call_command("postings", "close-expired", "--on", "2026-07-01", "--region", "370826")
    assert JobPosting.objects.get().status == PostingStatus.OPEN
    call_command("postings", "close-expired", "--on", "2026-07-01", "--region", "370811")
    assert JobPosting.objects.get().status == PostingStatus.CLOSED
    assert "已结束 1 个" in capsys.readouterr().out
