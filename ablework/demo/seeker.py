"""The demo's job seeker (ablework/matching, "Job seekers"): `person_user` has saved two of 任城区's
postings — 电话客服专员, still open, and 数据录入员, which has since been closed by hand.

The open one is saved through the service, as the person would. Saving a closed posting is
refused, so the other save — made before the posting closed — is recorded as it was then: a few
days before its close, by the person."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus, SavedPosting
from ablework.matching.services.saved import save_posting

STILL_OPEN = "电话客服专员"
SINCE_CLOSED = "数据录入员"


def seed_seeker_demo(accounts: dict[str, User]) -> list[SavedPosting]:
    """person_user's two saved postings (after the demo postings); returns them, latest first."""
    person = accounts["person_user"]
    assert person.person_id is not None
    closed = JobPosting.objects.get(title=SINCE_CLOSED, status=PostingStatus.CLOSED)
    open_one = JobPosting.objects.get(title=STILL_OPEN, status=PostingStatus.OPEN)
    with transaction.atomic():
        SavedPosting.objects.get_or_create(
            person_id=person.person_id,
            posting=closed,
            defaults={
                "saved_by": person,
                "saved_at": timezone.now() - timedelta(days=3),
            },
        )
        save_posting(actor=person, posting_id=open_one.pk)
    return list(
        SavedPosting.objects.filter(person_id=person.person_id).order_by("-saved_at", "-pk")
    )
