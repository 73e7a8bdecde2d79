"""The referrals' part of the audit day (tests/core/audit_day.py): after the day's approved
minimum wage for 任城区, a counsellor refers a job seeker to a posting with their consent, the
employer records the interview and the hire, and adds the hire to its roster of this year
(从推荐录用人员添加); another referral ends not hired; the demo person asks for a referral and
withdraws it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.services.postings import create_posting
from ablework.matching.services.referral_steps import (
    InterviewInput,
    record_hire,
    record_interview,
    record_not_hired,
    withdraw_referral,
)
from ablework.matching.services.referrals import ConsentInput, ask_for_referral, refer_person
from ablework.matching.services.roster_hires import add_hire_to_roster
from ablework.quota.services.drafts import open_declaration
from ablework.registry.models import Person
from tests.matching.factories import details
from tests.matching.seekers import record_seeker


def referrals_day(demo_data: dict[str, User], make_person: Callable[..., Person]) -> None:
    employer, counsellor = demo_data["employer_user"], demo_data["rencheng_counsellor"]
    today = timezone.localdate()
    valid = {"valid_from": today - timedelta(days=10), "valid_until": today + timedelta(days=60)}
    posting = create_posting(
        actor=employer, employer_id=employer.employer_id, details=details(title="推荐岗位", **valid)
    )
    seekers = [make_person(name=f"推荐{n}", township_code="370811001") for n in "甲乙"]
    for seeker in seekers:
        record_seeker(counsellor, seeker, on=today, abilities={"read_print": "cannot"})
    consent = ConsentInput(how="written", on=today)
    hired, failed = (
        refer_person(
            actor=counsellor,
            person_id=seeker.pk,
            posting_id=posting.pk,
            source="search",
            consent=consent,
        )
        for seeker in seekers
    )
    hired = record_interview(
        actor=employer,
        referral_id=hired.pk,
        seen_version=hired.version,
        interview=InterviewInput(
            at=timezone.make_aware(datetime.combine(today, time(9, 30))), online=False, place="二楼"
        ),
    )
    record_hire(actor=employer, referral_id=hired.pk, seen_version=hired.version, started_on=today)
    assert employer.employer is not None
    draft = open_declaration(actor=employer, uscc=employer.employer.uscc, levy_year=today.year)
    add_hire_to_roster(
        actor=employer, referral_id=hired.pk, declaration_id=draft.pk, version=draft.version
    )
    record_not_hired(
        actor=employer, referral_id=failed.pk, seen_version=failed.version, reason="skills", note=""
    )
    person_user = demo_data["person_user"]
    asked = ask_for_referral(
        actor=person_user, person_id=person_user.person_id, posting_id=posting.pk
    )
    withdraw_referral(
        actor=person_user, referral_id=asked.pk, seen_version=asked.version, by="", note="不想去了"
    )
