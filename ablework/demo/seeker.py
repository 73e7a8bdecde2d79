"""The demo's job seekers (ablework/matching, "Job seekers"): `person_user` has saved two
of 任城区's postings — 电话客服专员, still open, and 数据录入员, since closed by hand — and
`family_user` has asked, for the relative who consented, to be referred to
景区电商客服（居家）, so their 我的推荐 shows a request waiting for the counsellor
(person_user's own referrals are demo/referrals.py's).

The open one is saved through the service, as the person would. Saving a closed posting is
refused, so the other save — made before the posting closed — is recorded as it was then: a
few days before its close, by the person. The request goes through `ask_for_referral`, as
the family member's 申请推荐 button does."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus, Referral, SavedPosting
from ablework.matching.services.referrals import ask_for_referral
from ablework.matching.services.saved import save_posting

STILL_OPEN = "电话客服专员"
SINCE_CLOSED = "数据录入员"
FAMILY_ASKED = "景区电商客服（居家）"


def seed_seeker_demo(accounts: dict[str, User]) -> list[SavedPosting]:
    """person_user's two saved postings (after the demo postings) and family_user's request;
    returns the saved postings, latest first."""
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
    seed_family_request(accounts)
    return list(
        SavedPosting.objects.filter(person_id=person.person_id).order_by("-saved_at", "-pk")
    )


def seed_family_request(accounts: dict[str, User]) -> Referral:
    """family_user's request, for the relative who consented, to 景区电商客服（居家）."""
    family = accounts["family_user"]
    relative = family.proxy_consents.values_list("person_id", flat=True)[0]
    posting = JobPosting.objects.get(title=FAMILY_ASKED, status=PostingStatus.OPEN)
    return ask_for_referral(actor=family, person_id=relative, posting_id=posting.pk)
