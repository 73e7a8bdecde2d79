"""The job seekers' part of the audit day (tests/core/audit_day.py): a person saves an open
posting of their city and takes it off their saved postings again."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.services.postings import create_posting
from ablework.matching.services.saved import save_posting, unsave_posting
from tests.matching.factories import details


def seeker_day(demo_data: dict[str, User]) -> None:
    employer = demo_data["employer_user"]
    person = demo_data["person_user"]
    today = timezone.localdate()
    posting = create_posting(
        actor=employer,
        employer_id=employer.employer_id,
        details=details(
            title="前台接待",
            valid_from=today - timedelta(days=1),
            valid_until=today + timedelta(days=30),
        ),
    )
    assert save_posting(actor=person, posting_id=posting.pk).changed
    assert unsave_posting(actor=person, posting_id=posting.pk).changed
